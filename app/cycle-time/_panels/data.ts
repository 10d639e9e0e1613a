/** The cycle time page's KPI and the queries its panels share (one of each per request). */
import { CYCLE_TIME_BREAKDOWNS, CYCLE_TIME_KPI } from '@/lib/kpi/cycle-time-page';
import type { Dimension, Filters, Grain } from '@/lib/kpi/filters';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { loadScorecard } from '@/app/ui/kpi-pages/data';

export const KPI = CYCLE_TIME_KPI;

export const BREAKDOWNS: readonly Dimension[] = CYCLE_TIME_BREAKDOWNS;

/** The cycle time by month: every panel reads it (and shows nothing when it is unavailable). */
export async function cycleTime(filters: Filters): Promise<ScorecardEntry> {
  return (await loadScorecard({ filters, grain: 'month' }, [KPI]))[0]!;
}

/**
 * The cycle time by the trend's period. By month it is the query every panel reads; by another
 * period only the trend needs it, so without the histogram and stages.
 */
export async function cycleTimeByPeriod(filters: Filters, grain: Grain): Promise<ScorecardEntry> {
  if (grain === 'month') return cycleTime(filters);
  return (await loadScorecard({ filters, grain, details: false }, [KPI]))[0]!;
}

/** The cycle time by each of BREAKDOWNS, in that order. */
export function cycleTimeBy(filters: Filters): Promise<ScorecardEntry[]> {
  return Promise.all(
    BREAKDOWNS.map(async (by) => (await loadScorecard({ filters, by, details: false }, [KPI]))[0]!),
  );
}

/** The fastest segment with enough orders to count (20), if any. */
export function bestOf(entry: ScorecardEntry) {
  const candidates = (entry.series ?? []).filter(
    (s): s is typeof s & { value: number } => s.value !== null && s.n >= 20 && !!s.segment,
  );
  return candidates.sort((a, b) => a.value - b.value)[0];
}
