import 'server-only';
/**
 * The KPI pages' data, once per request: panels that need the same query share one answer (React's
 * cache() dedupes per request; computeKpis also shares identical queries across requests). cache()
 * matches arguments by identity, so each loader is keyed by a JSON string of its query.
 */
import { cache } from 'react';
import { readOrganisationProfile } from '@/lib/benchmarks/organisation';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import { drillKpi, type DrillQuery } from '@/lib/kpi/drill';
import type { Filters, KpiQuery } from '@/lib/kpi/filters';
import { returnReasons } from '@/lib/kpi/return-reasons';
import { scorecard, type ScorecardOptions } from '@/lib/kpi/scorecard';
import { getServerDatabase } from '@/runtime/database';
import { filterContext } from './filter-context';

const scorecardOf = cache(async (key: string) => {
  const { query, ids, options } = JSON.parse(key) as {
    query: KpiQuery;
    ids: string[];
    options?: ScorecardOptions;
  };
  return scorecard(await getServerDatabase(), query, ids, options);
});

/**
 * The scorecard entries of these KPIs for a query, in the order of `ids`; `options.bandSet` heads
 * the placements with the set the user picked.
 */
export const loadScorecard = (
  query: KpiQuery,
  ids: readonly string[],
  options?: ScorecardOptions,
) => scorecardOf(JSON.stringify({ query, ids, options }));

const filterContextOf = cache(async (key: string) =>
  filterContext(await getServerDatabase(), JSON.parse(key) as Filters),
);

/** What the filter bar and the demo banner need. */
export const loadFilterContext = (filters: Filters) => filterContextOf(JSON.stringify(filters));

/** The organisation's peer profile, which picks the band set a headline placement uses. */
export const loadOrganisationProfile = cache(async () =>
  readOrganisationProfile(await getServerDatabase()),
);

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
