import type { Metadata } from 'next';
import { connection } from 'next/server';
import { can } from '@/lib/auth/roles';
import { KpiPageShell } from '../ui/kpi-pages/kpi-page-shell';
import { Panel } from '../ui/kpi-pages/panel';
import { kpiQueryFromSearchParams, type SearchParams } from '../ui/search-params';
import { requirePage } from '../session';
import { HeadlinePanel } from './_panels/headline';
import { ProcessingPanel } from './_panels/processing';
import { RatesPanel } from './_panels/rates';
import { ReasonsPanel } from './_panels/reasons';
import { ReturnedPanel } from './_panels/returned';

export const metadata: Metadata = { title: 'Returns' };

export default async function ReturnsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('view', '/returns');
  const { query, problems } = kpiQueryFromSearchParams(await searchParams);
  const filters = query.filters;
  return (
    <KpiPageShell
      query={query}
      problems={problems}
      asOf="the final ship date for the return rates, the return date for the reasons and the credit date for the processing time"
      eyebrow="Returns"
      title="Returns"
      lede="How often orders come back, why, and how fast returns are credited."
    >
      <Panel label="Loading the headline figures…" skeleton="stats">
        <HeadlinePanel filters={filters} />
      </Panel>
      <Panel label="Loading the return rates…">
        <RatesPanel filters={filters} />
      </Panel>
      <Panel label="Loading the return reasons…">
        <ReasonsPanel filters={filters} />
      </Panel>
      <Panel label="Loading the processing time…">
        <ProcessingPanel filters={filters} />
      </Panel>
      {can(identity.role, 'drill') && (
        <Panel label="Loading the returned orders…">
          <ReturnedPanel filters={filters} />
        </Panel>
      )}
    </KpiPageShell>
  );
}
