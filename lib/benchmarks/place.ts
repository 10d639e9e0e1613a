/**
 * Where a KPI value sits in a band set, with the source shown beside it and an honest estimate:
 * a percentile only where the scheme carries percentile points, a plain yes/no for thresholds.
 */
import type { KpiUnit } from '@/lib/kpi/define';
import type { Direction } from './kpis';
import { bandIndex, buildLadder, interpolatePercentile, type Ladder, type Mark } from './ladder';
import type { BandSet, Scheme } from './schema';

export interface Gap {
  /** The band the gap leads to. */
  band: string;
  /** Distance to its boundary in the KPI unit, positive. */
  amount: number;
  /** e.g. '6.2 h faster to reach the top quartile'. */
  text: string;
}

export interface SchemePlacement {
  band: string;
  /** 1 = best band. */
  rank: number;
  bandCount: number;
  /** Share of the peer distribution the value does at least as well as (direction applied). */
  estimatedPercentile: number | null;
  /** The value lies beyond the outermost known point: the true percentile is at least as extreme. */
  percentileClamped: boolean;
  gapToNext: Gap | null;
  /** Threshold sets: whether the value meets it; null for other schemes. */
  meets: boolean | null;
}

export interface BandSource {
  setId: string;
  name: string;
  source: string;
  edition: string;
  peerGroup: string;
  sampleSize: number | null;
  citation: string;
  /** The definition the source uses, always shown so users can compare it with theirs. */
  definition: string;
  note: string | null;
}

export interface Placement extends SchemePlacement {
  source: BandSource;
  /** As the caller states it; null when the caller did not say. */
  definitionDiffers: boolean | null;
  note: string | null;
}

export interface PlaceOptions {
  /** The variant of the KPI definition the value was computed with (KpiResult.variant). */
  variant?: string;
  /** Whether that variant differs from set.sourceDefinition; only the caller can judge it. */
  definitionDiffers?: boolean;
}

/** Place a value in a band set; null when there is no value or no set. */
export function placeInBands(
  value: number | null | undefined,
  set: BandSet | null | undefined,
  options: PlaceOptions = {},
): Placement | null {
  if (!set) return null;
  const placed = placeOnScheme(value, set.scheme, set.direction, set.unit);
  if (!placed) return null;
  const differs = options.definitionDiffers ?? null;
  return {
    ...placed,
    source: bandSource(set),
    definitionDiffers: differs,
    note: note(set, options),
  };
}

/** Placement on a bare scheme (also used for internal benchmarks, which have no source). */
export function placeOnScheme(
  value: number | null | undefined,
  scheme: Scheme,
  direction: Direction,
  unit: KpiUnit,
): SchemePlacement | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const ladder = buildLadder(scheme, direction);
  const index = bandIndex(value, ladder, direction);
  const estimate =
    ladder.percentiles && interpolatePercentile(value, ladder.percentiles, direction);
  return {
    band: ladder.labels[index]!,
    rank: ladder.labels.length - index,
    bandCount: ladder.labels.length,
    estimatedPercentile: estimate ? estimate.percentile : null,
    percentileClamped: estimate ? estimate.clamped : false,
    gapToNext: gapToNext(value, ladder, index, direction, unit),
    meets: ladder.threshold ? index === ladder.marks.length : null,
  };
}

function gapToNext(
  value: number,
  ladder: Ladder,
  index: number,
  direction: Direction,
  unit: KpiUnit,
): Gap | null {
  const mark = ladder.marks[index];
  if (!mark) return null;
  // Round away float noise (99.9 − 99.6 = 0.30000000000000426).
  const amount = Math.round(Math.abs(mark.value - value) * 1e6) / 1e6;
  return { band: ladder.labels[index + 1]!, amount, text: gapText(amount, mark, direction, unit) };
}

const unitWords: Record<KpiUnit, { short: string; decimals: number }> = {
  percent: { short: 'pts', decimals: 2 },
  hours: { short: 'h', decimals: 1 },
  days: { short: 'days', decimals: 1 },
  orders_per_fte: { short: 'orders/FTE', decimals: 0 },
  currency_per_order: { short: '', decimals: 2 },
};

const singular: Record<string, string> = { pts: 'pt', days: 'day' };

/** A number at the unit's precision, trailing zeros dropped ('0.3', not '0.30'). */
export function formatAmount(amount: number, unit: KpiUnit): string {
  const { decimals } = unitWords[unit];
  const shown = Number(amount.toFixed(decimals));
  if (shown === 0 && amount > 0) return `less than ${10 ** -decimals}`;
  return String(shown);
}

function gapText(amount: number, mark: Mark, direction: Direction, unit: KpiUnit): string {
  const criterion = mark.criterion ? ` (${mark.criterion}${unit === 'percent' ? '%' : ''})` : '';
  if (amount === 0) return `any improvement reaches ${mark.reach}${criterion}`;
  const duration = unit === 'hours' || unit === 'days';
  const verb = direction === 'higher' ? 'more' : duration ? 'faster' : 'lower';
  // A strict threshold is met only beyond the mark, so the amount is a minimum.
  const over = mark.strict ? 'over ' : '';
  const { short } = unitWords[unit];
  const shown = formatAmount(amount, unit);
  const word = shown === '1' ? (singular[short] ?? short) : short;
  const amountText = [shown, word].filter(Boolean).join(' ');
  return `${over}${amountText} ${verb} to reach ${mark.reach}${criterion}`;
}

function bandSource(set: BandSet): BandSource {
  return {
    setId: set.id,
    name: set.name,
    source: set.source,
    edition: set.edition,
    peerGroup: set.peerGroup,
    sampleSize: set.sampleSize,
    citation: set.citation,
    definition: set.sourceDefinition,
    note: set.note ?? null,
  };
}

function note(set: BandSet, options: PlaceOptions): string | null {
  if (!options.definitionDiffers) return null;
  const yours = options.variant ? ` (${options.variant})` : '';
  return (
    `Your definition${yours} differs from the one ${set.source} uses: ${set.sourceDefinition} ` +
    'Compare with care.'
  );
}
