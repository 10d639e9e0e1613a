import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { can } from '@/lib/auth/roles';
import { KpiPageShell } from '../ui/kpi-pages/kpi-page-shell';
import { Panel } from '../ui/kpi-pages/panel';
import { kpiQueryFromSearchParams, type SearchParams } from '../ui/search-params';
import { requirePage } from '../session';
import { RoleNote } from '../ui/role-note';
import { ChartPanel } from './_panels/chart';
import { EditPanel } from './_panels/edit';
import { TrendsPanel } from './_panels/trends';

export const metadata: Metadata = { title: 'Teams' };

/**
 * The organisation chart of the order-management function: each team with its roles and FTEs, the
 * orders (returns) its rules give it, orders per FTE and cost per order for the period, and each
 * team's orders per FTE month by month. Users who may enter FTE figures edit the teams here.
 */
export default async function OrgPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const identity = await requirePage('view', '/org');
  const { query, problems } = kpiQueryFromSearchParams(await searchParams);
  const { from, to, ...dimensions } = query.filters;
  const period = { from, to };
  const narrowed = Object.values(dimensions).some((v) => Array.isArray(v) && v.length > 0);
  return (
    <KpiPageShell
      query={query}
      problems={problems}
      asOf="each order’s order date and each return’s received date"
      dimensions={false}
      eyebrow="Managers’ view"
      title="Teams"
      lede={
        <>
          Who does what in order management: each team&rsquo;s roles and FTEs, the orders (returns,
          for the returns team) its rules give it, and what that makes per FTE and per order. FTEs
          come from the roles, cost from the{' '}
          <Link href="/benchmarks#inputs">FTE and cost figures</Link> entered under the team&rsquo;s
          name.
        </>
      }
    >
      {narrowed && (
        <p className="banner" role="note">
          The chart counts every order in the period: a team&rsquo;s rules decide which are its own,
          so the site, channel and other filters do not apply here.
        </p>
      )}
      <Panel label="Loading the organisation chart…">
        <ChartPanel period={period} />
      </Panel>
      <Panel label="Loading the trends…">
        <TrendsPanel period={period} />
      </Panel>
      {can(identity.role, 'inputs') ? (
        <Panel label="Loading the team editor…">
          <EditPanel />
        </Panel>
      ) : (
        <RoleNote identity={identity} permission="inputs" />
      )}
    </KpiPageShell>
  );
}
