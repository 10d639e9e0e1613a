/** What every panel of the KPI page knows before it fetches, and the queries they share. */
import type { Dimension, Filters, Grain } from '@/lib/kpi/filters';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { kpiBreakdownQuery, kpiTrendQuery } from '@/lib/kpi/scorecard';
import { loadScorecard } from '@/app/ui/kpi-pages/data';
import type { SearchParams } from '@/app/ui/search-params';

export interface KpiView {
  definition: KpiDefinition;
  /** The address's parameters, kept by the period and dimension forms. */
  search: SearchParams;
  filters: Filters;
  grain: Grain;
  by: Dimension;
}

export const isDuration = (kpi: KpiDefinition) => kpi.kind === 'duration';

export const hasFailure = (kpi: KpiDefinition) => !!kpi.failure && kpi.failure !== 'false';

export const countWordOf = (kpi: KpiDefinition) =>
  kpi.base === 'kpi_return_facts' ? 'returns' : 'orders';

/** The band set the user picked to head the placements (`?bands=SET_ID`), if any. */
export const bandsParam = (view: KpiView): string | undefined => {
  const value = view.search.bands;
  return (Array.isArray(value) ? value[0] : value) || undefined;
};

/**
 * The KPI by period over the filters: the headline, definition, benchmarks, trend, distribution,
 * coverage and drill panels all read it, one query per request.
 */
export async function kpiEntry(view: KpiView) {
  const { filters, grain } = view;
  const bandSet = bandsParam(view);
  return (
    await loadScorecard(
      kpiTrendQuery(filters, grain),
      [view.definition.id],
      bandSet ? { bandSet } : undefined,
    )
  )[0]!;
}

/** The KPI by the chosen dimension, its segments placed among one another. */
export async function breakdownEntry(view: KpiView) {
  const { filters, by } = view;
  return (await loadScorecard(kpiBreakdownQuery(filters, by), [view.definition.id]))[0]!;
}
