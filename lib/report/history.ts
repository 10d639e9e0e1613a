import 'server-only';
/**
 * A KPI's history before the report's period: the changes it usually makes over a span like the
 * report's, and the values of the like periods before it. A month, week or day reads its own grain
 * in one pass. A quarter or a year would need years of data for three like changes, so its usual
 * change is read from rolling windows of whole months (every 3-month window against the one
 * before it), which a year of data already gives; the windows are exact weighted means of the
 * months for a rate or a mean, and are not formed for a composite (a product of rates).
 * Any other range reads the same-length ranges before it, one query each.
 */
import type { Database } from '@/lib/db/database';
import { getKpi } from '@/lib/kpi/engine';
import { comparisonRange, type Filters, type Grain } from '@/lib/kpi/filters';
import { scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import type { KpiValue } from '@/lib/kpi/types';
import { dayBefore } from '@/lib/kpi/horizon';
import { periodEnd } from '@/lib/model/periods';
import { changesAt } from './story';

export interface KpiHistory {
  /** Past changes over the same span as the report's change. */
  changes: number[];
  /** The like periods before the report's, oldest first (null: no value). */
  past: (number | null)[];
}

export interface ReportHistory {
  grain: Grain;
  /** The period is a calendar period of the grain ("its lowest month" can be said). */
  aligned: boolean;
  byKpi: Map<string, KpiHistory>;
}

/** Periods of history read per grain: two weeks of days, a quarter of weeks, a year of months. */
const HISTORY_LENGTH = { day: 14, week: 13, month: 12 } as const;
/** Months of history behind a quarter or a year, and the months each spans. */
const MONTHS_BEHIND = { quarter: 24, year: 36 } as const;
const MONTHS_IN = { quarter: 3, year: 12 } as const;
const PER_YEAR = { day: null, week: 52, month: 12 } as const;
const UNALIGNED_RANGES = 6;

type Compare = 'previous' | 'last_year';

export async function historyOf(
  db: Database,
  filters: Filters,
  compare: Compare,
  ids?: string[],
): Promise<ReportHistory | undefined> {
  const { from, to } = filters;
  if (!from || !to) return undefined;
  const grain = calendarGrainOf(from, to);
  if (grain === 'quarter' || grain === 'year')
    return windowHistory(db, filters, grain, compare, ids);
  if (grain) return grainHistory(db, filters, grain, compare, ids);
  // A year-on-year change of an arbitrary range has no like history to judge it by.
  if (compare !== 'previous') return undefined;
  return rangeHistory(db, filters, ids);
}

async function grainHistory(
  db: Database,
  filters: Filters,
  grain: 'day' | 'week' | 'month',
  compare: Compare,
  ids?: string[],
): Promise<ReportHistory | undefined> {
  const lag = compare === 'previous' ? 1 : PER_YEAR[grain];
  if (lag === null) return undefined;
  const count = HISTORY_LENGTH[grain] + lag - 1;
  const entries = await seriesBefore(db, filters, grain, count, ids);
  const byKpi = new Map(
    entries.map(({ entry, points }) => {
      const values = points.map((p) => p?.value ?? null);
      return [
        entry.id,
        { changes: changesAt(values, lag), past: values.slice(-HISTORY_LENGTH[grain]) },
      ];
    }),
  );
  return { grain, aligned: true, byKpi };
}

async function windowHistory(
  db: Database,
  filters: Filters,
  grain: 'quarter' | 'year',
  compare: Compare,
  ids?: string[],
): Promise<ReportHistory> {
  const span = MONTHS_IN[grain];
  const lag = compare === 'previous' ? span : 12;
  const entries = await seriesBefore(db, filters, 'month', MONTHS_BEHIND[grain], ids);
  const byKpi = new Map<string, KpiHistory>();
  for (const { entry, points } of entries) {
    const weigh = weightOf(entry.id);
    if (!weigh) continue;
    byKpi.set(entry.id, windowed(points, span, lag, weigh));
  }
  return { grain, aligned: true, byKpi };
}

/**
 * Rolling windows of `span` months over monthly values: their changes `lag` months apart, and the
 * windows that are calendar periods (every span-th, ending with the last month).
 */
export function windowed(
  points: (KpiValue | undefined)[],
  span: number,
  lag: number,
  weigh: (p: KpiValue) => number,
): KpiHistory {
  // windows[i]: the months i − span + 1 … i, as one value.
  const windows = points.map((_, i) =>
    i + 1 < span ? null : weightedMean(points.slice(i + 1 - span, i + 1), weigh),
  );
  const past = windows.filter((_, i) => i + 1 >= span && (windows.length - 1 - i) % span === 0);
  return { changes: changesAt(windows, lag), past };
}

/** How a month weighs in a window: its denominator for a rate, its rows for a mean. */
function weightOf(id: string): ((p: KpiValue) => number) | null {
  const kind = getKpi(id).kind;
  if (kind === 'ratio') return (p) => p.denominator ?? 0;
  if (kind === 'duration' || kind === 'all_of') return (p) => p.n;
  return null;
}

function weightedMean(
  points: (KpiValue | undefined)[],
  weigh: (p: KpiValue) => number,
): number | null {
  let [sum, weight] = [0, 0];
  for (const p of points) {
    if (!p || p.value === null) continue;
    sum += p.value * weigh(p);
    weight += weigh(p);
  }
  return weight > 0 ? sum / weight : null;
}

/** Each KPI's complete periods of `grain` in the `count` periods before the report's, in order. */
async function seriesBefore(
  db: Database,
  filters: Filters,
  grain: Grain,
  count: number,
  ids?: string[],
): Promise<{ entry: ScorecardEntry; points: (KpiValue | undefined)[] }[]> {
  const first = shiftPeriod(filters.from!, grain, -count);
  const entries = await scorecard(
    db,
    { filters: { ...filters, from: first, to: dayBefore(filters.from!) }, grain, details: false },
    ids,
  );
  const periods = Array.from({ length: count }, (_, i) => shiftPeriod(first, grain, i));
  return entries.map((entry) => {
    const byPeriod = new Map(
      (entry.series ?? []).filter((s) => s.period && !s.partial).map((s) => [s.period!, s]),
    );
    return { entry, points: periods.map((p) => byPeriod.get(p)) };
  });
}

async function rangeHistory(
  db: Database,
  filters: Filters,
  ids?: string[],
): Promise<ReportHistory> {
  const ranges: Filters[] = [];
  let range = filters;
  for (let i = 0; i < UNALIGNED_RANGES; i++) {
    range = comparisonRange(range, 'previous')!;
    ranges.unshift(range);
  }
  const results = await Promise.all(
    ranges.map((r) => scorecard(db, { filters: r, details: false }, ids)),
  );
  const values = new Map<string, (number | null)[]>();
  for (const entries of results)
    for (const e of entries) values.set(e.id, [...(values.get(e.id) ?? []), e.value]);
  const byKpi = new Map(
    [...values].map(([id, past]) => [id, { changes: changesAt(past, 1), past }]),
  );
  return { grain: closestGrain(filters.from!, filters.to!), aligned: false, byKpi };
}

/** The calendar grain a range is exactly one period of, if any (weeks start on Monday). */
export function calendarGrainOf(from: string, to: string): Grain | null {
  for (const grain of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    if (periodStartOf(from, grain) === from && dayBefore(periodEnd(from, grain)) === to)
      return grain;
  }
  return null;
}

function periodStartOf(day: string, grain: Grain): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (grain === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (grain === 'month' || grain === 'quarter' || grain === 'year') d.setUTCDate(1);
  if (grain === 'quarter') d.setUTCMonth(d.getUTCMonth() - (d.getUTCMonth() % 3));
  if (grain === 'year') d.setUTCMonth(0);
  return d.toISOString().slice(0, 10);
}

export function shiftPeriod(start: string, grain: Grain, n: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7 * n);
  else d.setUTCMonth(d.getUTCMonth() + n * { month: 1, quarter: 3, year: 12 }[grain]);
  return d.toISOString().slice(0, 10);
}

function closestGrain(from: string, to: string): Grain {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days <= 3) return 'day';
  if (days <= 10) return 'week';
  return days <= 45 ? 'month' : days <= 135 ? 'quarter' : 'year';
}
