import type { Metadata } from 'next';
import { connection } from 'next/server';
import { can } from '@/lib/auth/roles';
import { isCalendarDate } from '@/lib/model/iso-date';
import { KpiPageShell } from '../ui/kpi-pages/kpi-page-shell';
import { Panel } from '../ui/kpi-pages/panel';
import { kpiQueryFromSearchParams, type SearchParams } from '../ui/search-params';
import { requirePage } from '../session';
import { BacklogPanel } from './_panels/backlog';
import { FlowPanel } from './_panels/flow';
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
  const params = await searchParams;
  const { query, problems } = kpiQueryFromSearchParams(params);
  const filters = query.filters;
  const { asOf, problem: asOfProblem } = asOfOf(params.asOf);
  return (
    <KpiPageShell
      query={query}
      problems={problems}
      asOf="the final ship date for the return rates, the return date for the reasons and the flow, and the credit date for the processing time; the backlog is taken on one day"
      eyebrow="Returns"
      title="Returns"
      lede="How often orders come back, why, how returns move from authorisation through receipt, inspection and disposition to credit, and which are still open."
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
      <Panel label="Loading the returns flow…">
        <FlowPanel filters={filters} />
      </Panel>
      <Panel label="Loading the backlog of open returns…">
        <BacklogPanel filters={filters} asOf={asOf} problem={asOfProblem} />
      </Panel>
      {can(identity.role, 'drill') && (
        <Panel label="Loading the returned orders…">
          <ReturnedPanel filters={filters} />
        </Panel>
      )}
    </KpiPageShell>
  );
}

/** The backlog's day from the `asOf` search parameter; a malformed one is said, not used. */
function asOfOf(value: string | string[] | undefined): { asOf?: string; problem?: string } {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return {};
  if (isCalendarDate(text)) return { asOf: text };
  return {
    problem: `The as-of date "${text}" is not a calendar date as YYYY-MM-DD: the backlog is shown as of the data’s last date.`,
  };
}
