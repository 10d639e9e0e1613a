/** The returns page's KPIs and the queries its panels share (one of each per request). */
import type { Filters } from '@/lib/kpi/filters';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { fulfilmentErrorCategories } from '@/lib/model/canonical';
import { chartBandSet, type ChartBandSet } from '@/app/ui/charts/bands';
import { loadBandSets, loadScorecard } from '@/app/ui/kpi-pages/data';

export const IDS = ['return_rate', 'unit_return_rate', 'returns_processing_cycle_time'] as const;

export const errorCategories = new Set<string>(fulfilmentErrorCategories);

export const labelOf = (reason: string | null) =>
  reason === null ? '(blank)' : reason.replaceAll('_', ' ');

/**
 * A reason code with what it means. Codes are the source system's own (DEF, CUST, WRQ…) and come
 * without names; what the data does say is the category each is filed under, so that names it:
 * "DEF · defective".
 */
export const codeLabelOf = (code: string | null, category: string | null) =>
  code === null
    ? '(blank)'
    : category === null || category.toLowerCase() === code.toLowerCase()
      ? code
      : `${code} · ${labelOf(category)}`;

/** The order and unit return rates and the processing time, by month, in the order of IDS. */
export async function returnKpis(filters: Filters) {
  const entries = await loadScorecard({ filters, grain: 'month' }, IDS);
  return entries as [ScorecardEntry, ScorecardEntry, ScorecardEntry];
}

/** A KPI's band sets for its trend chart. */
export async function chartBandsOf(entry: ScorecardEntry): Promise<ChartBandSet[]> {
  return (await loadBandSets(entry.id)).map((s) => chartBandSet(s, entry.unit));
}
