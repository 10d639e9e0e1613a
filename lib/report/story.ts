/**
 * The report's story: per KPI a status, how far it moved against its own history, the segment
 * that moved it, and one sentence of context; for the report, three to five ranked messages.
 * Pure functions of numbers the model computed, so each rule is tested on hand-made figures.
 *
 * Honest by construction: a band is named only for a measured value (placements and chart bands
 * exist only then), a partial period is never the worst or best of its history, and a change is
 * called significant only against history long enough to say what is usual.
 */
import { formatKpiChange, isFlatChange } from '@/lib/format/kpi-value';
import type { Grain } from '@/lib/kpi/filters';
import { decompose, type SegmentEffect } from '@/lib/kpi/rate-mix';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { targetStatusText } from './labels';
import type {
  ReportChange,
  ReportDriver,
  ReportKpi,
  ReportMessage,
  ReportMovement,
  ReportStatus,
} from './types';

/** Period-to-period changes needed before a change can be judged against the usual one. */
export const MIN_HISTORY_CHANGES = 3;
/** A change this many times the usual one is significant. */
export const SIGNIFICANT = 1;
/** A flat history makes any change infinitely unusual; cap it so ranking stays finite. */
const MAX_SIGNIFICANCE = 10;
const MAX_MESSAGES = 5;

type StatusInput = Pick<
  ReportKpi,
  'available' | 'value' | 'target' | 'placements' | 'notPlacedText' | 'basis'
>;

/** Against the target when one is set, else the headline placement (the chosen band set), else grey. */
export function statusOf(k: StatusInput): ReportStatus {
  if (!k.available || k.value === null) return grey('No data');
  if (k.target?.status) {
    const colour = { on_track: 'green', at_risk: 'amber', off_track: 'red' } as const;
    return {
      colour: colour[k.target.status],
      against: 'target',
      label: targetStatusText[k.target.status],
    };
  }
  const placed = k.placements[0];
  if (placed) {
    // A two-band threshold (best-in-class or not) is not a failing grade when missed.
    const worst = placed.rank === placed.bandCount && placed.bandCount >= 3;
    return {
      colour: placed.rank === 1 ? 'green' : worst ? 'red' : 'amber',
      against: 'band',
      label: placed.band,
    };
  }
  return grey(k.basis === 'measured' ? 'No target or band' : `Not placed (${k.basis} value)`);
}

const grey = (label: string): ReportStatus => ({ colour: 'grey', against: null, label });

/** Changes between values `lag` periods apart, where both are known. */
export function changesAt(values: (number | null)[], lag: number): number[] {
  const changes: number[] = [];
  for (let i = lag; i < values.length; i++) {
    const [a, b] = [values[i - lag], values[i]];
    if (a !== null && a !== undefined && b !== null && b !== undefined) changes.push(b - a);
  }
  return changes;
}

/**
 * The movement of the current value against its history: `changes` are past changes over the
 * same span as the current one, `past` the values of the complete periods before it (oldest
 * first) that "its lowest month" is judged among.
 */
export function movementOf(input: {
  value: number | null;
  change: ReportChange | null;
  direction: 'higher' | 'lower';
  changes: number[];
  past: (number | null)[];
  grain: Grain;
}): ReportMovement | null {
  const { change, changes, past, grain } = input;
  if (!change || change.change === null || input.value === null) return null;
  if (change.partial) {
    return {
      significance: null,
      variation: null,
      significant: false,
      periods: 0,
      grain,
      extreme: null,
    };
  }
  const periods = past.filter((v) => v !== null).length;
  // The typical size of a change (root mean square), so a steady drift is usual, not news.
  const variation =
    changes.length >= MIN_HISTORY_CHANGES
      ? Math.sqrt(changes.reduce((sum, c) => sum + c * c, 0) / changes.length)
      : null;
  const better = input.direction === 'higher' ? change.change : -change.change;
  const significance = variation === null ? null : bounded(better, variation);
  return {
    significance,
    variation,
    significant: significance !== null && Math.abs(significance) > SIGNIFICANT,
    periods,
    grain,
    extreme: extremeOf(input.value, past, input.direction),
  };
}

function bounded(better: number, variation: number): number {
  if (better === 0) return 0;
  if (variation === 0) return Math.sign(better) * MAX_SIGNIFICANCE;
  return Math.max(-MAX_SIGNIFICANCE, Math.min(MAX_SIGNIFICANCE, better / variation));
}

function extremeOf(
  value: number,
  history: (number | null)[],
  direction: 'higher' | 'lower',
): 'best' | 'worst' | null {
  const known = history.filter((v): v is number => v !== null);
  // As much history as a usual change needs before "its lowest month" means anything.
  if (known.length <= MIN_HISTORY_CHANGES) return null;
  const higher = known.every((v) => value > v);
  const lower = known.every((v) => value < v);
  if (!higher && !lower) return null;
  return higher === (direction === 'higher') ? 'best' : 'worst';
}

export interface SegmentValue {
  /** Null for the rows without the attribute: in every sum, never named as the driver. */
  segment: string | null;
  value: number | null;
  /** The value's weight in the whole: its denominator for a rate, its rows for a mean. */
  weight: number;
}

/**
 * The segment that explains most of a change. For a rate or a mean the whole is the weighted mean
 * of its segments, so the change splits exactly into each segment's rate and mix effects
 * (lib/kpi/rate-mix.ts): its own value moving, and its share of the whole moving. The driver is
 * the named segment whose two add up to most of the change in its direction, and the sentence
 * says which of them it was. None when no segment carries a quarter of it.
 */
export function driverOf(input: {
  current: SegmentValue[];
  previous: SegmentValue[];
  change: number;
  unit: KpiUnit;
  dimension: string;
}): ReportDriver | null {
  const { change, unit } = input;
  if (change === 0 || isFlatChange(change, unit)) return null;
  const split = decompose(input.previous, input.current);
  if (split.change === null) return null;
  // Ranked by |contribution|, ties by name: the first named one in the change's direction.
  const best = split.segments.find(
    (s) => s.recorded && Math.sign(s.contribution) === Math.sign(change),
  );
  if (!best) return null;
  const share = best.contribution / change;
  if (share < 0.25) return null;
  const of = `${amount(best.contribution, unit)} of the ${amount(change, unit)} change${howOf(best, unit)}`;
  const text =
    share > 1
      ? `${input.dimension} ${best.segment} moved it most: ${of}, while others moved the other way.`
      : `${input.dimension} ${best.segment} explains ${Math.round(share * 100)}% of it: ${of}.`;
  return { segment: best.segment, contribution: best.contribution, share, text };
}

/** Whether the segment's own value or its share of the whole moved it, or both, and by how much. */
function howOf(s: SegmentEffect, unit: KpiUnit): string {
  const shares = `its share of the whole, ${percent(s.previousShare)} → ${percent(s.currentShare)}`;
  const flatRate = isFlatChange(s.rateEffect, unit);
  const flatMix = isFlatChange(s.mixEffect, unit);
  if (flatMix && !flatRate) return ', all from its own value';
  if (flatRate && !flatMix) return `, all from ${shares}`;
  return ` (its own value: ${formatKpiChange(s.rateEffect, unit)}; ${shares}: ${formatKpiChange(s.mixEffect, unit)})`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A change's size without its sign: "4.8 pp", "2.5 h". */
export const amount = (change: number, unit: KpiUnit) =>
  formatKpiChange(Math.abs(change), unit).replace(/^[+±]/, '');

export interface BandFacts {
  /** The band the comparison period's value falls in (same set), when both were measured. */
  previousBand: { band: string; rank: number } | null;
  /** How far the value is from the set's best band, e.g. "21.0 pp short of WERC 2020 Best-in-Class (> 99.7%)". */
  shortOfBest: string | null;
}

const periodWords: Record<Grain, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/**
 * The KPI's message for the summary, or null when it has nothing beyond the usual to say: a
 * significant move, a band crossed, a target newly missed or met.
 */
export function messageOf(k: ReportKpi, bands: BandFacts, aligned: boolean): ReportMessage | null {
  if (!k.available || k.value === null) return null;
  const moved = k.movement?.significant === true;
  const crossed =
    bands.previousBand && k.placements[0] && bands.previousBand.rank !== k.placements[0].rank
      ? { from: bands.previousBand, to: k.placements[0] }
      : null;
  const targetTurn = targetTurnOf(k);
  if (!moved && !crossed && !targetTurn) return null;
  const better = moved
    ? k.movement!.significance! > 0
    : crossed
      ? crossed.to.rank < crossed.from.rank
      : targetTurn === 'met';
  const weight =
    (moved ? Math.abs(k.movement!.significance!) : 0) +
    (crossed ? 1 + Math.abs(crossed.to.rank - crossed.from.rank) * 0.25 : 0) +
    (targetTurn ? 1 : 0);
  const clauses = [leadClause(k, aligned)];
  if (crossed)
    clauses.push(`from ${crossed.from.band} into ${crossed.to.band} (${k.placements[0]!.source})`);
  const standing = standingClause(k, bands);
  return {
    kpiId: k.id,
    kind: moved
      ? 'moved'
      : crossed
        ? 'band_crossed'
        : targetTurn === 'met'
          ? 'target_met'
          : 'target_missed',
    tone: better ? 'good' : 'bad',
    weight,
    text: `${clauses.join(', ')}${standing ? `; ${standing}` : ''}.`,
  };
}

/** "On-time shipment fell 4.8 pp to 78.7%, its lowest month of the last 13". */
function leadClause(k: ReportKpi, aligned: boolean): string {
  const change = k.change!;
  const value = k.formatted;
  if (change.change === null || isFlatChange(change.change, k.unit))
    return `${k.name} held at ${value}`;
  const verb = change.change > 0 ? 'rose' : 'fell';
  let text = `${k.name} ${verb} ${amount(change.change, k.unit)} to ${value}`;
  const m = k.movement;
  if (m?.extreme && aligned) {
    const word = periodWords[m.grain];
    const high = (m.extreme === 'best') === (k.direction === 'higher');
    text += `, its ${high ? 'highest' : 'lowest'} ${word} of the last ${m.periods + 1}`;
  }
  return text;
}

/** The target's verdict, else the distance to the best band. */
function standingClause(k: ReportKpi, bands: BandFacts): string | null {
  if (k.target && k.target.status) {
    if (k.target.status === 'on_track') return `it meets its target of ${k.target.formatted}`;
    const gap = Math.abs(k.value! - k.target.value);
    return `it is ${amount(gap, k.unit)} short of its target of ${k.target.formatted}`;
  }
  return bands.shortOfBest ? `it is ${bands.shortOfBest}` : null;
}

/** A target newly met or missed against the comparison period's value. */
function targetTurnOf(k: ReportKpi): 'met' | 'missed' | null {
  const previous = k.change?.previous;
  if (!k.target?.status || previous === null || previous === undefined || k.change?.partial)
    return null;
  const meets = (v: number) =>
    k.direction === 'higher' ? v >= k.target!.value : v <= k.target!.value;
  const [was, is] = [meets(previous), k.target.status === 'on_track'];
  if (was === is) return null;
  return is ? 'met' : 'missed';
}

/**
 * Three to five messages, the weightiest first; the largest deterioration and the largest
 * improvement are kept even when others weigh more, so neither side of the story is dropped.
 */
export function rankMessages(candidates: ReportMessage[]): ReportMessage[] {
  const sorted = [...candidates].sort((a, b) => b.weight - a.weight);
  const chosen = sorted.slice(0, MAX_MESSAGES);
  for (const tone of ['bad', 'good'] as const) {
    const top = sorted.find((m) => m.tone === tone);
    if (top && !chosen.includes(top)) chosen.splice(chosen.length - 1, 1, top);
  }
  return chosen.sort((a, b) => b.weight - a.weight);
}

/** One sentence for a KPI's section and speaker notes. */
export function contextOf(k: ReportKpi, bands: BandFacts, periodText: string): string {
  if (!k.available) return k.unavailableReason ?? 'The data this KPI needs is not loaded.';
  if (k.value === null)
    return `No ${k.coverage.countWord} counted for ${k.name.toLowerCase()} in ${periodText}.`;
  const parts = [`${k.name} was ${k.formatted} over ${periodText}`];
  const m = k.movement;
  const c = k.change;
  if (c && c.change !== null && !c.partial) {
    const moved = `${formatKpiChange(c.change, k.unit)} against ${c.kind === 'previous' ? 'the previous period' : 'a year earlier'}`;
    const usual =
      m?.variation != null && m.significance !== null
        ? Math.abs(m.significance) > SIGNIFICANT
          ? `, beyond its usual move of ${amount(m.variation, k.unit)}`
          : `, within its usual move of ${amount(m.variation, k.unit)}`
        : '';
    parts.push(`${moved}${usual}`);
  } else if (c?.partial) parts.push('the period is not over in the data, so no change is judged');
  const standing = standingClause(k, bands);
  if (standing) parts.push(standing);
  else if (k.notPlacedText) parts.push(`not placed in a band: the value is ${k.basis}`);
  return `${parts.join('; ')}.`;
}

/** "78.7% (−4.8 pp, 2.3× its usual move)": a mover's line. */
export function moverText(k: ReportKpi): string {
  const m = k.movement!;
  const times = Math.abs(m.significance!);
  const size =
    times >= MAX_SIGNIFICANCE ? 'its history was flat' : `${times.toFixed(1)}× its usual move`;
  return `${k.formatted} (${k.change!.text}, ${size})`;
}
