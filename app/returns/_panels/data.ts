/** The returns page's KPIs and the queries its panels share (one of each per request). */
import { cache } from 'react';
import type { Filters } from '@/lib/kpi/filters';
import { returnsBacklog } from '@/lib/kpi/returns-backlog';
import { returnsFlow } from '@/lib/kpi/returns-flow';
import { getServerDatabase } from '@/runtime/database';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { fulfilmentErrorCategories } from '@/lib/model/canonical';
import { chartBandsFor, type ChartBandSet } from '@/app/ui/charts/bands';
import { loadBandSets, loadOrganisationProfile, loadScorecard } from '@/app/ui/kpi-pages/data';

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

/** The band set a KPI's trend chart draws. */
export async function chartBandsOf(entry: ScorecardEntry): Promise<ChartBandSet[]> {
  const [sets, profile] = await Promise.all([loadBandSets(entry.id), loadOrganisationProfile()]);
  return chartBandsFor(sets, entry.unit, entry.bandChoice, profile);
}

const flowOf = cache(async (key: string) =>
  returnsFlow(await getServerDatabase(), JSON.parse(key) as Filters),
);

/** The returns flow: returns reaching each workflow stage and the days between stages. */
export const loadReturnsFlow = (filters: Filters) => flowOf(JSON.stringify(filters));

const backlogOf = cache(async (key: string) => {
  const { filters, asOf } = JSON.parse(key) as { filters: Filters; asOf?: string };
  return returnsBacklog(await getServerDatabase(), filters, asOf);
});

/** The open returns on a day (default: the data's last date) by stage and age. */
export const loadReturnsBacklog = (filters: Filters, asOf?: string) =>
  backlogOf(JSON.stringify({ filters, asOf }));
