import type { Metadata } from 'next';
import { kpiPageDefaults } from '@/lib/kpi/scorecard';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { can } from '@/lib/auth/roles';
import { getKpi } from '@/lib/kpi/engine';
import { UnknownKpiError } from '@/lib/semantic/catalogue';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { KpiPageShell } from '@/app/ui/kpi-pages/kpi-page-shell';
import { capitalise } from '@/app/ui/kpi-pages/labels';
import { Panel } from '@/app/ui/kpi-pages/panel';
import { kpiQueryFromSearchParams, type SearchParams } from '@/app/ui/search-params';
import { requirePage } from '../../session';
import { BenchmarksPanel } from './_panels/benchmarks';
import { BreakdownPanel } from './_panels/breakdown';
import { Contents } from './_panels/contents';
import { CoveragePanel } from './_panels/coverage';
import { DefinitionPanel } from './_panels/definition';
import { DistributionPanel } from './_panels/distribution';
import { HeadlinePanel } from './_panels/headline';
import { OrdersPanel } from './_panels/orders';
import { PracticesPanel } from './_panels/practices';
import { TrendPanel } from './_panels/trend';
import { VariantsPanel } from './_panels/variants';
import { isDuration, type KpiView } from './_panels/view';
import { WhyMovedPanel } from './_panels/why-moved';
import styles from './page.module.css';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

function definitionOf(id: string): KpiDefinition {
  try {
    return getKpi(id);
  } catch (error) {
    if (error instanceof UnknownKpiError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: getKpi(id).name };
  } catch {
    return { title: 'KPI not found' };
  }
}

/**
 * The id is checked before the first Suspense boundary so an unknown KPI answers 404; then the
 * shell shows at once and each panel streams in with its own data.
 */
export default async function KpiPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  const identity = await requirePage('view', `/kpis/${encodeURIComponent(id)}`);
  const definition = definitionOf(id);
  const search = await searchParams;
  const { query, problems } = kpiQueryFromSearchParams(search);
  const view: KpiView = {
    definition,
    search,
    filters: query.filters,
    grain: query.grain ?? kpiPageDefaults.grain,
    by: query.by ?? kpiPageDefaults.by,
  };
  // The orders behind the number are shown only to roles that may drill.
  const drills = definition.kind !== 'input' && can(identity.role, 'drill');
  const better = definition.direction === 'higher' ? 'Higher' : 'Lower';
  return (
    <KpiPageShell
      query={query}
      problems={problems}
      asOf={`the ${definition.asOfLabel}`}
      crumbs={[
        { label: 'Scorecard', href: '/' },
        { label: 'KPIs', href: '/kpis' },
        { label: definition.name },
      ]}
      eyebrow={<>KPI · {definition.standard}</>}
      title={definition.name}
      lede={
        <>
          {capitalise(definition.variant)}. {better} is better.
        </>
      }
    >
      <Panel label="Loading the headline figures…" skeleton="stats">
        <HeadlinePanel view={view} />
      </Panel>
      <Panel label="Loading the other count…">
        <VariantsPanel view={view} />
      </Panel>
      <Contents definition={definition} drills={drills} />
      <div className={styles.twoCol}>
        <Panel label="Loading the definition…">
          <DefinitionPanel view={view} />
        </Panel>
        <Panel label="Loading the benchmark bands…">
          <BenchmarksPanel view={view} />
        </Panel>
      </div>
      <PracticesPanel view={view} />
      <Panel label="Loading the trend…">
        <TrendPanel view={view} />
      </Panel>
      <Panel label="Loading the breakdown…">
        <BreakdownPanel view={view} />
      </Panel>
      <Panel label="Loading why it moved…">
        <WhyMovedPanel view={view} />
      </Panel>
      {isDuration(definition) && (
        <Panel label="Loading the distribution…">
          <DistributionPanel view={view} />
        </Panel>
      )}
      <Panel label="Loading the coverage…">
        <CoveragePanel view={view} />
      </Panel>
      {drills && (
        <Panel label="Loading the orders behind the number…">
          <OrdersPanel view={view} />
        </Panel>
      )}
    </KpiPageShell>
  );
}
