/**
 * Every scheme as one ladder of bands, worst first, in performance order: the direction is applied
 * here once so placement never has to think about it again.
 *
 * Boundary convention: a value exactly on a boundary belongs to the better band (reaching the 75th
 * percentile value puts you in the top quartile; reaching the average counts as "Average or
 * better"), except where the source states a strict comparison (WERC "Best-in-Class > 99.9%").
 */
import type { Direction } from './kpis';
import type { Comparison, Scheme } from './schema';

export interface Mark {
  /** The value that enters the band above this mark. */
  value: number;
  /** True when the value must go beyond the mark (a '>' or '<' threshold). */
  strict: boolean;
  /** How the gap text names the band this mark enters, e.g. 'the top quartile'. */
  reach: string;
  /** Shown after the gap text when the mark is a stated criterion, e.g. '> 99.9'. */
  criterion?: string;
}

export interface Ladder {
  /** Band labels, worst first. */
  labels: string[];
  /** marks[i] separates labels[i] from labels[i + 1]; ascending in performance. */
  marks: Mark[];
  /** Known (value, value-space percentile) points, ascending in value; null: no percentile. */
  percentiles: { value: number; pct: number }[] | null;
  /** Threshold schemes answer yes/no. */
  threshold: boolean;
}

/** Worst-first performance order of value-ascending points. */
const perfOrder = <T>(ascending: T[], direction: Direction) =>
  direction === 'higher' ? ascending : [...ascending].reverse();

export function buildLadder(scheme: Scheme, direction: Direction): Ladder {
  switch (scheme.type) {
    case 'quintiles':
      return quintileLadder(scheme.boundaries, scheme.labels, direction);
    case 'quartiles':
      return quartileLadder(scheme, direction);
    case 'range':
      return rangeLadder(scheme, direction);
    case 'threshold':
      return thresholdLadder(scheme);
    case 'reference':
      // Reference figures (a study's average, a guideline's range) cut no distribution into bands.
      throw new Error('a reference scheme has no bands: compare with compareWithReference');
  }
}

function quintileLadder(boundaries: number[], labels: string[], direction: Direction): Ladder {
  const marks = perfOrder(boundaries, direction).map((value, i) => ({
    value,
    strict: false,
    reach: labels[i + 1] ?? '',
  }));
  const percentiles = boundaries.map((value, i) => ({ value, pct: 20 * (i + 1) }));
  return { labels, marks, percentiles, threshold: false };
}

/** Band names by their performance-percentile bounds. */
const quartileBands: Record<string, { label: string; reach: string }> = {
  '75-100': { label: 'Top quartile', reach: 'the top quartile' },
  '50-75': { label: 'Second quartile', reach: 'the second quartile' },
  '25-50': { label: 'Third quartile', reach: 'the third quartile' },
  '0-25': { label: 'Bottom quartile', reach: '' },
  '50-100': { label: 'Median or better', reach: 'the median' },
  '0-50': { label: 'Worse than the median', reach: '' },
};

function quartileLadder(
  s: { p25: number | null; median: number; p75: number | null },
  direction: Direction,
): Ladder {
  const points = [
    { value: s.p25, pct: 25 },
    { value: s.median, pct: 50 },
    { value: s.p75, pct: 75 },
  ].filter((p): p is { value: number; pct: number } => p.value !== null);
  // Performance percentile of each point: for lower-is-better the 25th value percentile is the top.
  const perf = perfOrder(points, direction).map((p) => ({
    value: p.value,
    pct: direction === 'higher' ? p.pct : 100 - p.pct,
  }));
  const bounds = [0, ...perf.map((p) => p.pct), 100];
  const bands = bounds.slice(1).map((hi, i) => quartileBands[`${bounds[i]}-${hi}`]!);
  return {
    labels: bands.map((b) => b.label),
    marks: perf.map((p, i) => ({ value: p.value, strict: false, reach: bands[i + 1]!.reach })),
    // Only a full set of quartiles supports interpolation; a lone median only says above/below.
    percentiles: points.length === 3 ? points : null,
    threshold: false,
  };
}

function rangeLadder(
  s: { min: number; max: number; average: number },
  direction: Direction,
): Ladder {
  const [worst, best] = direction === 'higher' ? [s.min, s.max] : [s.max, s.min];
  return {
    labels: [
      'Worse than the worst reported',
      'Worse than average',
      'Average or better',
      'Matches or beats the best reported',
    ],
    marks: [
      { value: worst, strict: false, reach: 'the reported range' },
      { value: s.average, strict: false, reach: 'the average' },
      { value: best, strict: false, reach: 'the best reported value' },
    ],
    // A min, max and mean do not give the shape of the distribution (the OpsDog average of 89 is
    // not the midpoint of 75–99), so a position within the range is no percentile.
    percentiles: null,
    threshold: false,
  };
}

function thresholdLadder(s: { value: number; label: string; comparison: Comparison }): Ladder {
  return {
    labels: [`Short of ${s.label}`, s.label],
    marks: [
      {
        value: s.value,
        strict: s.comparison === '>' || s.comparison === '<',
        reach: s.label,
        criterion: `${s.comparison} ${s.value}`,
      },
    ],
    percentiles: null,
    threshold: true,
  };
}

/** Whether value reaches the mark in the KPI's direction, tolerant of floating-point noise. */
export function reaches(value: number, mark: Mark, direction: Direction): boolean {
  const ahead = direction === 'higher' ? value - mark.value : mark.value - value;
  const eps = 1e-9 * Math.max(1, Math.abs(mark.value));
  return mark.strict ? ahead > eps : ahead >= -eps;
}

/** Index of the band the value falls in (0 = worst). */
export function bandIndex(value: number, ladder: Ladder, direction: Direction): number {
  let index = 0;
  while (index < ladder.marks.length && reaches(value, ladder.marks[index]!, direction)) index++;
  return index;
}

/**
 * Performance percentile (share of the peer distribution the value does at least as well as) by
 * linear interpolation between known points; beyond the outermost points it is clamped to them.
 */
export function interpolatePercentile(
  value: number,
  points: { value: number; pct: number }[],
  direction: Direction,
): { percentile: number; clamped: boolean } | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const clamped = value < first.value || value > last.value;
  // On tied points the value spans several percentiles; take the better end (boundary convention).
  const valuePct = direction === 'higher' ? highestPct(value, points) : lowestPct(value, points);
  const pct = direction === 'higher' ? valuePct : 100 - valuePct;
  return { percentile: Math.round(pct * 10) / 10, clamped };
}

function lowestPct(value: number, points: { value: number; pct: number }[]): number {
  if (value <= points[0]!.value) return points[0]!.pct;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (value <= b.value)
      return a.pct + ((value - a.value) / (b.value - a.value)) * (b.pct - a.pct);
  }
  return points.at(-1)!.pct;
}

function highestPct(value: number, points: { value: number; pct: number }[]): number {
  const mirrored = [...points].reverse().map((p) => ({ value: -p.value, pct: -p.pct }));
  return -lowestPct(-value, mirrored);
}
