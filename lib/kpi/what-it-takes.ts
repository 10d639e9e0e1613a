/**
 * What would it take: for a KPI short of its target (or, without a missed target, of the next
 * band it is placed below), the shortfall in the data's own terms. Pure, over a scorecard entry
 * and its breakdown, so each rule is tested on hand-made figures.
 *
 * - A rate (value = 100·N/D): the counted items that would have had to pass (or not fail, when
 *   lower is better) for N/D to reach the goal, and each segment's own shortfall against the
 *   same goal on its own items.
 * - A mean duration: the hours to take off the mean; off one segment's orders alone (a segment
 *   holding a share w of the weight must lose gap/w each), or, for the cycle time, off one stage
 *   on the orders with every timestamp (they are `orders` of `counted`, so gap·counted/orders).
 */
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { Placement } from '@/lib/benchmarks/place';
import type { CycleStages, KpiValue } from './types';

export interface TakesInput {
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  /** 'ratio' and 'all_of' are rates, 'duration' a mean; anything else is not answered. */
  kind: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: { value: number; met: boolean } | null;
  placement: Pick<Placement, 'gapToNext' | 'source'> | null;
  /** The breakdown's segments (a null segment: the attribute is not recorded). */
  segments: Pick<KpiValue, 'segment' | 'value' | 'numerator' | 'denominator'>[];
  /** "Site": how a segment is named in the sentence. */
  dimension: string;
  /** What the denominator counts: "orders", "returns", "lines", "units". */
  countWord: string;
  stages?: CycleStages;
  stageNames?: Record<string, string>;
}

export interface Goal {
  kind: 'target' | 'band';
  value: number;
  /** A '>' or '<' threshold: the goal must be passed, not reached. */
  strict: boolean;
  text: string;
}

export interface SegmentNeed {
  segment: string;
  /** Rates: the segment's own shortfall in items; durations: hours off each of its orders. */
  amount: number;
  /** Rates: its share of the overall shortfall; durations: its share of the weight. */
  share: number;
  value: number | null;
}

export interface WhatItTakes {
  goal: Goal;
  /** The distance to the goal in the KPI's unit, positive. */
  gap: number;
  /** Rates: the items that would have had to pass (or not fail). */
  items?: number;
  /** Durations: hours to take off the mean of every counted order. */
  hours?: number;
  segments: SegmentNeed[];
  stages: { stage: string; hours: number; meanHours: number }[];
  text: string;
}

/** The goal a value is short of: a missed target first, else the next band up. */
export function goalOf(input: TakesInput): Goal | null {
  const { value, unit, direction } = input;
  if (value === null) return null;
  if (input.target && !input.target.met)
    return {
      kind: 'target',
      value: input.target.value,
      strict: false,
      text: `its target of ${formatKpiValue(input.target.value, unit)}`,
    };
  const gap = input.placement?.gapToNext;
  if (!gap) return null;
  return {
    kind: 'band',
    value: direction === 'higher' ? value + gap.amount : value - gap.amount,
    strict: gap.text.startsWith('over '),
    text: `${gap.band} (${input.placement!.source.source} ${input.placement!.source.edition})`.trim(),
  };
}

/** Items to turn for N/D to reach (or pass, when strict) the goal; 0 when already there. */
function itemsShort(n: number, d: number, goal: Goal, higher: boolean): number {
  const x = higher ? (goal.value * d) / 100 - n : n - (goal.value * d) / 100;
  const eps = 1e-9;
  if (x < -eps || (!goal.strict && x <= eps)) return 0;
  return goal.strict ? Math.floor(x + eps) + 1 : Math.ceil(x - eps);
}

const named = (s: { segment?: string | null }) => s.segment !== null && s.segment !== undefined;
const pct = (share: number) => `${Math.round(share * 100)}%`;
const count = (n: number) => n.toLocaleString('en-US');

export function whatItTakes(input: TakesInput): WhatItTakes | null {
  const goal = goalOf(input);
  if (!goal || input.value === null) return null;
  const higher = input.direction === 'higher';
  const gap = Math.abs(goal.value - input.value);
  const rate = input.kind === 'ratio' || input.kind === 'all_of';
  if (rate && input.numerator !== null && input.denominator) return rateNeeds(input, goal, gap);
  if (input.kind === 'duration' && !higher && input.denominator) return hourNeeds(input, goal, gap);
  return null;
}

function rateNeeds(input: TakesInput, goal: Goal, gap: number): WhatItTakes | null {
  const higher = input.direction === 'higher';
  const items = itemsShort(input.numerator!, input.denominator!, goal, higher);
  if (items === 0) return null;
  const segments = input.segments
    .filter((s) => named(s) && s.numerator !== null && s.denominator)
    .map((s) => {
      const amount = itemsShort(s.numerator!, s.denominator!, goal, higher);
      return { segment: s.segment!, amount, share: amount / items, value: s.value };
    })
    .filter((s) => s.amount > 0)
    .sort((a, b) => b.amount - a.amount || a.segment.localeCompare(b.segment));
  // Lower is better: the numerator counts the failures (backorders, returns…).
  const who = higher
    ? `${count(items)} more ${input.countWord}`
    : `${count(items)} of the ${count(input.numerator!)} ${input.countWord} that failed`;
  let text = `To reach ${goal.text}: ${who} would have had to pass, of ${count(input.denominator!)} counted.`;
  const top = segments[0];
  if (top) {
    const of = top.share > 1 ? 'more than the whole shortfall' : `${pct(top.share)} of it`;
    text += ` ${input.dimension} ${top.segment} alone is ${count(top.amount)} short of that on its own ${input.countWord} (${formatKpiValue(top.value, input.unit)}): ${of}.`;
  }
  return { goal, gap, items, segments, stages: [], text };
}

function hourNeeds(input: TakesInput, goal: Goal, gap: number): WhatItTakes | null {
  if (gap <= 0) return null;
  const total = input.denominator!;
  const change = (h: number) => formatKpiChange(h, input.unit).replace(/^[+±-]/, '');
  const excess = (s: { share: number; value: number }) => s.share * (s.value - goal.value);
  // Segments slower than the goal, the one holding most of the excess first.
  const segments = input.segments
    .filter((s) => named(s) && s.value !== null && s.denominator && s.value > goal.value)
    .map((s) => {
      const share = s.denominator! / total;
      return { segment: s.segment!, amount: gap / share, share, value: s.value! };
    })
    .filter((s) => s.amount <= s.value)
    .sort((a, b) => excess(b) - excess(a) || a.segment.localeCompare(b.segment));
  const stages = stagesFor(input, gap);
  const options = [
    ...segments
      .slice(0, 1)
      .map(
        (s) =>
          `${change(s.amount)} off each of ${input.dimension.toLowerCase()} ${s.segment}'s ${input.countWord} alone (${pct(s.share)} of them, now ${formatKpiValue(s.value, input.unit)})`,
      ),
    ...stages
      .slice(0, 1)
      .map(
        (s) =>
          `${change(s.hours)} off ${(input.stageNames?.[s.stage] ?? s.stage).toLowerCase()} on the orders with every timestamp (now ${formatKpiValue(s.meanHours, 'hours')})`,
      ),
  ];
  const text =
    `To reach ${goal.text}: ${change(gap)} off every counted ${input.countWord.replace(/s$/, '')}` +
    (options.length ? `, or ${options.join(', or ')}.` : '.');
  return { goal, gap, hours: gap, segments, stages, text };
}

/** Hours off one stage of the staged orders that would lower the mean of all counted by `gap`. */
function stagesFor(input: TakesInput, gap: number) {
  const s = input.stages;
  if (!s || !s.orders || input.unit !== 'hours') return [];
  const hours = (gap * s.counted) / s.orders;
  return s.inCycle
    .filter((st) => st.meanHours !== null && st.meanHours >= hours)
    .map((st) => ({ stage: st.stage, hours, meanHours: st.meanHours! }))
    .sort((a, b) => b.meanHours - a.meanHours);
}

/** The scorecard's parts this needs: the value with its target and placements, and its segments. */
interface EntryLike {
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: { target: { value: number }; status: string | null } | null;
  placements: Pick<Placement, 'gapToNext' | 'source'>[];
  series?: KpiValue[];
  stages?: CycleStages;
}

/** What the denominator counts, in words: orders (returns), or the lines or units it sums. */
export function countWordOf(kpi: { base: string; denominator?: string | null }): string {
  const d = kpi.denominator?.trim() ?? 'count(*)';
  if (/^count\(\*\)$/i.test(d)) return kpi.base === 'kpi_return_facts' ? 'returns' : 'orders';
  return /lines/.test(d) ? 'lines' : 'units';
}

/** The input of whatItTakes from a scorecard entry and the same KPI by a dimension. */
export function takesInputOf(
  kpi: { kind: string; base: string; denominator?: string | null },
  entry: EntryLike,
  byEntry: Pick<EntryLike, 'series'> | undefined,
  dimension: string,
  stageNames?: Record<string, string>,
): TakesInput {
  return {
    name: entry.name,
    unit: entry.unit,
    direction: entry.direction,
    kind: kpi.kind,
    value: entry.value,
    numerator: entry.numerator,
    denominator: entry.denominator,
    target: entry.target
      ? { value: entry.target.target.value, met: entry.target.status === 'on_track' }
      : null,
    placement: entry.placements[0] ?? null,
    segments: byEntry?.series ?? [],
    dimension,
    countWord: countWordOf(kpi),
    ...(entry.stages ? { stages: entry.stages } : {}),
    ...(stageNames ? { stageNames } : {}),
  };
}
