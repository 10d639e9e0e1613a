/**
 * The rate-and-mix split of a weighted mean's change, pure arithmetic (the engine's explain-change
 * and the report's driver both use it). A rate or a mean is the weighted mean of its segments:
 * value = Σ w(s)·m(s), with w(s) a segment's share of the counted population (its denominator for
 * a rate, its rows for a mean). Between two periods, per segment:
 *
 *   rate(s) = w₀(s)·(m₁(s) − m₀(s))      its own value moved
 *   mix(s)  = (w₁(s) − w₀(s))·m₁(s)      its share of the population moved
 *
 * and rate(s) + mix(s) = w₁(s)m₁(s) − w₀(s)m₀(s), so the sum over all segments is the change.
 * A segment new in the current period has w₀ = 0 (all mix: w₁m₁); one gone from it takes
 * m₁ = m₀ with w₁ = 0 (all mix: −w₀m₀).
 */

/** A segment's value and weight in one period; a null segment is the rows without the attribute. */
export interface SegmentInput {
  segment: string | null;
  value: number | null;
  weight: number;
}

export interface SegmentEffect {
  /** The segment's name; "Not recorded" for the rows without the attribute. */
  segment: string;
  /** False for the "Not recorded" rows: in every sum, never named as a segment. */
  recorded: boolean;
  previousShare: number;
  currentShare: number;
  /** Null when the segment was not there in that period. */
  previousValue: number | null;
  currentValue: number | null;
  rateEffect: number;
  mixEffect: number;
  /** rateEffect + mixEffect: the segment's part of the change. */
  contribution: number;
}

export interface Decomposition {
  /** The weighted means the split adds up to: the KPI's values when the segments cover it. */
  previous: number | null;
  current: number | null;
  change: number | null;
  rateEffect: number;
  mixEffect: number;
  /** Largest |contribution| first. */
  segments: SegmentEffect[];
}

export const NOT_RECORDED = 'Not recorded';

interface Weighted {
  share: number;
  value: number;
}

/** Each segment's share of the period's total weight and its value; empty segments dropped. */
function sharesOf(rows: SegmentInput[]): { total: number; by: Map<string | null, Weighted> } {
  const kept = rows.filter((r) => r.value !== null && r.weight > 0);
  const total = kept.reduce((sum, r) => sum + r.weight, 0);
  const by = new Map<string | null, Weighted>();
  for (const r of kept) by.set(r.segment, { share: r.weight / total, value: r.value! });
  return { total, by };
}

/** The split of the change from `previous` to `current`, segment by segment (see the header). */
export function decompose(previous: SegmentInput[], current: SegmentInput[]): Decomposition {
  const before = sharesOf(previous);
  const now = sharesOf(current);
  const keys = new Set([...before.by.keys(), ...now.by.keys()]);
  const segments = [...keys].map((key): SegmentEffect => {
    const b = before.by.get(key);
    const a = now.by.get(key);
    const w0 = b?.share ?? 0;
    const w1 = a?.share ?? 0;
    // Gone from the current period: its value is taken as unchanged, so all of it is mix.
    const m1 = a?.value ?? b!.value;
    const rateEffect = b ? w0 * (m1 - b.value) : 0;
    const mixEffect = (w1 - w0) * m1;
    return {
      segment: key ?? NOT_RECORDED,
      recorded: key !== null,
      previousShare: w0,
      currentShare: w1,
      previousValue: b?.value ?? null,
      currentValue: a?.value ?? null,
      rateEffect,
      mixEffect,
      contribution: rateEffect + mixEffect,
    };
  });
  segments.sort(
    (x, y) =>
      Math.abs(y.contribution) - Math.abs(x.contribution) || x.segment.localeCompare(y.segment),
  );
  const mean = (p: typeof before) =>
    p.total > 0 ? [...p.by.values()].reduce((sum, w) => sum + w.share * w.value, 0) : null;
  const [m0, m1] = [mean(before), mean(now)];
  return {
    previous: m0,
    current: m1,
    change: m0 !== null && m1 !== null ? m1 - m0 : null,
    rateEffect: segments.reduce((sum, s) => sum + s.rateEffect, 0),
    mixEffect: segments.reduce((sum, s) => sum + s.mixEffect, 0),
    segments,
  };
}
