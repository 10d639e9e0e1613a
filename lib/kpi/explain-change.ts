import 'server-only';
/**
 * Why did it move: a KPI's change between a range and its comparison period, split by a dimension
 * into each segment's rate and mix effects (lib/kpi/rate-mix.ts), from the engine's own breakdown
 * (computeKpis by the dimension, cached per data version; no SQL of its own). For the order
 * shipment cycle time also by stage: the change of the stage means on the orders with every
 * timestamp, which add up to those orders' mean cycle time in each period.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { defaultReportPeriod } from '@/lib/kpi/default-period';
import { computeKpis } from './compute';
import { getKpi } from './engine';
import { comparisonRange, filtersSchema, type Dimension, type Filters } from './filters';
import { CYCLE_TIME_KPI } from './cycle-time-page';
import { currentDataHorizon } from './facts';
import { partialRangeNote } from './horizon';
import { decompose, type SegmentEffect } from './rate-mix';
import type { KpiResult, Stage } from './types';

export type CompareKind = 'previous' | 'last_year';

export interface ExplainQuery {
  filters: Filters;
  by: Dimension;
  compare?: CompareKind;
}

export interface PeriodValue {
  from: string;
  to: string;
  value: number | null;
  n: number;
}

export interface ChangeExplained {
  kpi: string;
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  by: Dimension;
  compare: CompareKind;
  /** No range was asked: the last complete month is explained. */
  defaulted: boolean;
  previous: PeriodValue;
  current: PeriodValue;
  change: number | null;
  rateEffect: number;
  mixEffect: number;
  segments: SegmentEffect[];
  /** The current range runs past the data's horizon: not a change between complete periods. */
  note?: string;
}

/**
 * The ranges a query compares: its own and its comparison period. Without a range, the last
 * complete month before the data's horizon (as the report opens on), and `defaulted` says so.
 */
export function explainRanges(filters: Filters, compare: CompareKind, horizon: string | null) {
  const parsed = filtersSchema.parse(filters);
  const period = parsed.from || parsed.to ? null : defaultReportPeriod(horizon, 'month');
  const current = period ? { ...parsed, from: period.from, to: period.to } : parsed;
  const previous = comparisonRange(current, compare);
  if (!previous)
    throw new OrderlensError(
      'Say the period to explain: a change is between a range (from and to) and the one before it.',
      'bad_options',
    );
  return { current, previous, defaulted: !!period };
}

/** Only a rate or a mean is the weighted mean of its orders; a product or an input is not. */
function refuseUnweighted(result: KpiResult, by: Dimension) {
  const kind = getKpi(result.id).kind;
  if (kind === 'product')
    throw new OrderlensError(
      `${result.name} is a product of rates, not a weighted mean of its orders, so its change does not split by ${by} into segments that add up. Explain its components instead: ${(result.components ?? []).map((c) => c.name).join(', ')}.`,
      'bad_options',
    );
  if (kind === 'input')
    throw new OrderlensError(
      `${result.name} is computed from entered FTE or cost figures, not from orders, so its change does not split by ${by}.`,
      'bad_options',
    );
  if (!result.available)
    throw new OrderlensError(
      `${result.name} cannot be explained: ${result.unavailableReason ?? 'its data is not loaded'}.`,
      'bad_options',
    );
}

/** The change of one KPI between the range and its comparison period, split by a dimension. */
export async function explainChange(
  db: Database,
  kpiId: string,
  query: ExplainQuery,
): Promise<ChangeExplained> {
  const compare = query.compare ?? 'previous';
  const horizon = await currentDataHorizon(db);
  const ranges = explainRanges(query.filters, compare, horizon);
  const by = query.by;
  const [[current], [previous]] = await Promise.all([
    computeKpis(db, { filters: ranges.current, by, details: false }, [kpiId]),
    computeKpis(db, { filters: ranges.previous, by, details: false }, [kpiId]),
  ]);
  refuseUnweighted(current!, by);
  const segments = (r: KpiResult) =>
    (r.series ?? []).map((s) => ({
      segment: s.segment ?? null,
      value: s.value,
      weight: s.denominator ?? 0,
    }));
  const split = decompose(segments(previous!), segments(current!));
  const note = partialRangeNote(ranges.current.to!, horizon);
  const period = (r: KpiResult, f: Filters): PeriodValue => ({
    from: f.from!,
    to: f.to!,
    value: r.value,
    n: r.n,
  });
  return {
    kpi: current!.id,
    name: current!.name,
    unit: current!.unit,
    direction: current!.direction,
    by,
    compare,
    defaulted: ranges.defaulted,
    previous: period(previous!, ranges.previous),
    current: period(current!, ranges.current),
    change:
      current!.value !== null && previous!.value !== null ? current!.value - previous!.value : null,
    rateEffect: split.rateEffect,
    mixEffect: split.mixEffect,
    segments: split.segments,
    ...(note ? { note } : {}),
  };
}

export interface StageChange {
  stage: Stage['stage'];
  label: string;
  previousHours: number | null;
  currentHours: number | null;
  change: number | null;
}

export interface StagesExplained {
  compare: CompareKind;
  defaulted: boolean;
  /** The mean cycle time of the orders with every timestamp, and how many they are. */
  previous: PeriodValue;
  current: PeriodValue;
  change: number | null;
  /** Entry, release, pick-pack-ship: their changes add up to `change`. */
  stages: StageChange[];
  note?: string;
}

/** The change of the mean cycle time, on the orders with every timestamp, split by stage. */
export async function explainCycleStages(
  db: Database,
  filters: Filters,
  compare: CompareKind = 'previous',
): Promise<StagesExplained> {
  const horizon = await currentDataHorizon(db);
  const ranges = explainRanges(filters, compare, horizon);
  const [[current], [previous]] = await Promise.all([
    computeKpis(db, { filters: ranges.current }, [CYCLE_TIME_KPI]),
    computeKpis(db, { filters: ranges.previous }, [CYCLE_TIME_KPI]),
  ]);
  if (!current!.available || !current!.stages || !previous!.stages)
    throw new OrderlensError(
      `The cycle time cannot be split by stage: ${current!.unavailableReason ?? 'no stages'}.`,
      'bad_options',
    );
  const [now, before] = [current!.stages, previous!.stages];
  const diff = (a: number | null, b: number | null) => (a !== null && b !== null ? a - b : null);
  const note = partialRangeNote(ranges.current.to!, horizon);
  return {
    compare,
    defaulted: ranges.defaulted,
    previous: {
      from: ranges.previous.from!,
      to: ranges.previous.to!,
      value: before.cycleMeanHours,
      n: before.orders,
    },
    current: {
      from: ranges.current.from!,
      to: ranges.current.to!,
      value: now.cycleMeanHours,
      n: now.orders,
    },
    change: diff(now.cycleMeanHours, before.cycleMeanHours),
    stages: now.inCycle.map((s, i) => {
      const old = before.inCycle[i]!.meanHours;
      return {
        stage: s.stage,
        label: s.label,
        previousHours: old,
        currentHours: s.meanHours,
        change: diff(s.meanHours, old),
      };
    }),
    ...(note ? { note } : {}),
  };
}
