/**
 * Whether a placement leaves room to improve: short of a threshold, or below the median of a
 * survey's bands. Judged from the placement alone (its band's rank among the set's bands, the
 * met-or-not of a threshold, the percentile where the scheme gives one), so the scorecard, the
 * KPI page and the report agree. Only a placement exists for a measured value of the source's own
 * definition: an assumed, partial or unplaced value is never judged weak.
 */
import type { SchemePlacement } from './place';

/** Quartile bands that lie below the median, whichever quartile points the source published. */
const belowMedianBands = new Set(['Third quartile', 'Bottom quartile', 'Worse than the median']);

export type WeakInput = Pick<
  SchemePlacement,
  'band' | 'rank' | 'bandCount' | 'meets' | 'estimatedPercentile'
>;

export function placementIsWeak(p: WeakInput | null | undefined): boolean {
  if (!p) return false;
  // A threshold (best-in-class or not): short of it is weak, meeting it is not.
  if (p.meets !== null) return !p.meets;
  if (belowMedianBands.has(p.band)) return true;
  if (p.estimatedPercentile !== null) return p.estimatedPercentile < 50;
  // Bands worst first: the lower half, the middle band of an odd count excluded.
  const position = p.bandCount - p.rank; // 0 = worst band
  return position < Math.floor(p.bandCount / 2);
}
