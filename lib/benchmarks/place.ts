/**
 * Where a KPI value sits in a band set, with the source shown beside it and an honest estimate:
 * a percentile only where the scheme carries percentile points, a plain yes/no for thresholds.
 * Only a survey places a value in a band; a study, a practitioner's guideline or a marketplace's
 * requirement is compared in its own terms (compareWithReference).
 */
import { formatPublishedFigure } from '@/lib/format/kpi-value';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { Direction } from './kpis';
import {
  bandIndex,
  buildLadder,
  interpolatePercentile,
  reaches,
  type Ladder,
  type Mark,
} from './ladder';
import {
  comparisonSymbol,
  kindOf,
  kindText,
  yieldsBands,
  type BandSet,
  type BandSetKind,
  type Scheme,
} from './schema';

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
  kind: BandSetKind;
  /** False for an import that did not say its kind (read as a survey). */
  kindStated: boolean;
  /** e.g. "Survey of 9,032", "Requirement". */
  kindText: string;
  /** Whether the set can place a value in a band (a survey with bands). */
  bands: boolean;
  /** How the source's definition differs from ours, where the set says. */
  definitionDifference: string | null;
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

/**
 * Place a value in a band set; null when there is no value or no set, and for a set that is no
 * survey with bands (a requirement is no percentile of peers: see compareWithReference).
 */
export function placeInBands(
  value: number | null | undefined,
  set: BandSet | null | undefined,
  options: PlaceOptions = {},
): Placement | null {
  if (!set || !yieldsBands(set)) return null;
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
  if (scheme.type === 'reference') return null;
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

/** What is shown beside every band of a set, placed in or not. */
export function bandSource(set: BandSet): BandSource {
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
    kind: kindOf(set),
    kindStated: set.kind !== undefined,
    kindText: kindText(set),
    bands: yieldsBands(set),
    definitionDifference: set.definitionDifference ?? null,
  };
}

export interface FigureComparison {
  label: string;
  /** The figure as the source states it, in the KPI unit: "6.9 d", "85–95%". */
  figure: string;
  /** Value − figure in the KPI unit; for a range, the distance beyond its nearer end (0 within). */
  difference: number;
  /** The value against it: "0.7 days shorter", "within the range", "meets", "2.5 pts short". */
  text: string;
}

/**
 * A value against a set that describes no peer distribution: a study's or an average's reference
 * figures with the difference to each, or a requirement met or not. Never a band or a percentile.
 */
export interface ReferenceComparison {
  kind: BandSetKind;
  /** Requirements only: whether the value meets it; null for reference figures. */
  meets: boolean | null;
  figures: FigureComparison[];
  /** One line in the kind's own terms: "meets the requirement (≥ 90%)", "reference: average 6.9 d". */
  text: string;
  source: BandSource;
}

/**
 * Compare a value with a set that yields no band; null when there is no value or the set is a
 * survey with bands (placeInBands). The caller decides whether the value may be compared at all:
 * only a measured value of the source's definition may (lib/kpi/bands.ts).
 */
export function compareWithReference(
  value: number | null | undefined,
  set: BandSet,
): ReferenceComparison | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (yieldsBands(set)) return null;
  const { scheme, unit, direction } = set;
  const base = { kind: kindOf(set), source: bandSource(set) };
  if (scheme.type === 'threshold') {
    const [mark] = buildLadder(scheme, direction).marks;
    const meets = reaches(value, mark!, direction);
    const figure = `${comparisonSymbol[scheme.comparison]} ${formatPublishedFigure(scheme.value, unit)}`;
    const difference = round(value - scheme.value);
    const short = `${amountWords(Math.abs(difference), unit)} short`;
    const verdict = meets ? 'meets the requirement' : 'does not meet the requirement';
    return {
      ...base,
      meets,
      figures: [{ label: scheme.label, figure, difference, text: meets ? 'meets' : short }],
      text: `${verdict} (${scheme.label} ${figure})${meets ? '' : `: ${short}`}`,
    };
  }
  if (scheme.type !== 'reference') {
    // A non-survey kind with band boundaries is refused by the schema; say the figures plainly.
    return { ...base, meets: null, figures: [], text: 'reference only' };
  }
  const figures = scheme.figures.map((f) => figureComparison(value, f, unit));
  const [first] = figures;
  return {
    ...base,
    meets: null,
    figures,
    text: `reference: ${first!.label} ${first!.figure}; yours ${first!.text}`,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function amountWords(amount: number, unit: KpiUnit): string {
  const { short } = unitWords[unit];
  const shown = formatAmount(amount, unit);
  const word = shown === '1' ? (singular[short] ?? short) : short;
  return [shown, word].filter(Boolean).join(' ');
}

/** Neutral words: a reference says how far, not whether that is good. */
function figureComparison(
  value: number,
  f: { label: string; value?: number; low?: number; high?: number },
  unit: KpiUnit,
): FigureComparison {
  const duration = unit === 'hours' || unit === 'days';
  const [less, more] = duration ? ['shorter', 'longer'] : ['below', 'above'];
  const fmt = (v: number) => formatPublishedFigure(v, unit);
  if (f.value !== undefined) {
    const figure = fmt(f.value);
    const difference = round(value - f.value);
    const text =
      formatAmount(Math.abs(difference), unit) === '0'
        ? 'equal'
        : `${amountWords(Math.abs(difference), unit)} ${difference < 0 ? less : more}`;
    return { label: f.label, figure, difference, text };
  }
  const low = f.low!;
  const high = f.high!;
  const figure = `${formatPublishedFigure(low, null)}–${fmt(high)}`;
  const difference = value < low ? round(value - low) : value > high ? round(value - high) : 0;
  const text =
    difference === 0
      ? 'within the range'
      : `${amountWords(Math.abs(difference), unit)} ${difference < 0 ? 'below' : 'above'} the range`;
  return { label: f.label, figure, difference, text };
}

function note(set: BandSet, options: PlaceOptions): string | null {
  if (!options.definitionDiffers) return null;
  const yours = options.variant ? ` (${options.variant})` : '';
  return (
    `Your definition${yours} differs from the one ${set.source} uses: ${set.sourceDefinition} ` +
    'Compare with care.'
  );
}
