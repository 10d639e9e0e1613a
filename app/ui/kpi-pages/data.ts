import 'server-only';
/**
 * The KPI pages' data, once per request: panels that need the same query share one answer (React's
 * cache() dedupes per request; computeKpis also shares identical queries across requests). cache()
 * matches arguments by identity, so each loader is keyed by a JSON string of its query.
 */
import { cache } from 'react';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import { drillKpi, type DrillQuery } from '@/lib/kpi/drill';
import type { Filters, KpiQuery } from '@/lib/kpi/filters';
import { returnReasons } from '@/lib/kpi/return-reasons';
import { scorecard } from '@/lib/kpi/scorecard';
import { getServerDatabase } from '@/runtime/database';
import { filterContext } from './filter-context';

const scorecardOf = cache(async (key: string) => {
  const { query, ids } = JSON.parse(key) as { query: KpiQuery; ids: string[] };
  return scorecard(await getServerDatabase(), query, ids);
});

/** The scorecard entries of these KPIs for a query, in the order of `ids`. */
export const loadScorecard = (query: KpiQuery, ids: readonly string[]) =>
  scorecardOf(JSON.stringify({ query, ids }));

const filterContextOf = cache(async (key: string) =>
  filterContext(await getServerDatabase(), JSON.parse(key) as Filters),
);

/** What the filter bar and the demo banner need. */
export const loadFilterContext = (filters: Filters) => filterContextOf(JSON.stringify(filters));

/** The band sets of a KPI, shipped and imported. */
export const loadBandSets = cache(async (kpiId: string) =>
  bandSetsForKpi(await getServerDatabase(), kpiId),
);

const drillOf = cache(async (key: string) => {
  const { kpiId, query } = JSON.parse(key) as { kpiId: string; query: DrillQuery };
  return drillKpi(await getServerDatabase(), kpiId, query);
});

/** A page of the rows behind a KPI. */
export const loadDrill = (kpiId: string, query: DrillQuery) =>
  drillOf(JSON.stringify({ kpiId, query }));

const returnReasonsOf = cache(async (key: string) =>
  returnReasons(await getServerDatabase(), JSON.parse(key) as Filters),
);

/** Return lines by reason category and code. */
export const loadReturnReasons = (filters: Filters) => returnReasonsOf(JSON.stringify(filters));
