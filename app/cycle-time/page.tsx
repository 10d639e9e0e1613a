import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { can } from '@/lib/auth/roles';
import { KpiPageShell } from '../ui/kpi-pages/kpi-page-shell';
import { Panel } from '../ui/kpi-pages/panel';
import { kpiQueryFromSearchParams, searchStringOf, type SearchParams } from '../ui/search-params';
import { requirePage } from '../session';
import { BandsPanel } from './_panels/bands';
import { BreakdownsPanel } from './_panels/breakdowns';
import { KPI } from './_panels/data';
import { DistributionPanel } from './_panels/distribution';
import { HeadlinePanel } from './_panels/headline';
import { SlowestPanel } from './_panels/slowest';
import { StagesPanel } from './_panels/stages';
import { TrendPanel } from './_panels/trend';
import { WhyMovedPanel } from './_panels/why-moved';
import { WorkingDaysPanel } from './_panels/working-days';

export const metadata: Metadata = { title: 'Order shipment cycle time' };

export default async function CycleTimePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('view', '/cycle-time');
  const search = await searchParams;
  const { query, problems } = kpiQueryFromSearchParams(search);
  const filters = query.filters;
  return (
    <KpiPageShell
      query={query}
      problems={problems}
      asOf="each order’s final ship date"
      eyebrow="Managers’ view"
      title="Order shipment cycle time"
      lede={
        <>
          Hours from order to final shipment, over complete, non-cancelled orders, and the same in
          working days. The mean is the headline; the median and the tail are what most customers
          feel.{' '}
          <Link href={`/kpis/${KPI}${searchStringOf({ filters })}`}>Definition and sources</Link>
        </>
      }
    >
      <Panel label="Loading the headline figures…" skeleton="stats">
        <HeadlinePanel filters={filters} />
      </Panel>
      <Panel label="Loading the working-day figures…" skeleton="stats">
        <WorkingDaysPanel filters={filters} />
      </Panel>
      <Panel label="Loading the bands…">
        <BandsPanel filters={filters} />
      </Panel>
      <Panel label="Loading the distribution…">
        <DistributionPanel filters={filters} />
      </Panel>
      <Panel label="Loading the stages…">
        <StagesPanel filters={filters} />
      </Panel>
      <Panel label="Loading why it moved…">
        <WhyMovedPanel filters={filters} search={search} />
      </Panel>
      <Panel label="Loading the breakdowns…">
        <BreakdownsPanel filters={filters} />
      </Panel>
      <Panel label="Loading the trend…">
        <TrendPanel filters={filters} grain={query.grain ?? 'month'} search={search} />
      </Panel>
      {can(identity.role, 'drill') && (
        <Panel label="Loading the slowest orders…">
          <SlowestPanel filters={filters} />
        </Panel>
      )}
    </KpiPageShell>
  );
}
