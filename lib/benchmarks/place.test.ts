import { describe, expect, it } from 'vitest';
import { placeInBands } from './place';
import {
  bandSet,
  expectPlacement,
  HIGHER_PCT,
  LOWER_DAYS,
  LOWER_HOURS,
  type Case,
} from './place-test-helpers';
import type { BandSet } from './schema';
import { shippedBandSet } from './shipped';

describe('quintiles (boundary values belong to the better band)', () => {
  const higher = bandSet(HIGHER_PCT, { type: 'quintiles', boundaries: [95, 97, 98.5, 99.5] });
  it.each<Case>([
    { value: 99.6, band: 'Best-in-Class', rank: 1, pct: 80, clamped: true, gap: null },
    { value: 99.5, band: 'Best-in-Class', rank: 1, pct: 80, clamped: false, gap: null },
    { value: 99, band: 'Advantage', rank: 2, pct: 70, gap: '0.5 pts more to reach Best-in-Class' },
    { value: 97, band: 'Typical', rank: 3, pct: 40, gap: '1.5 pts more to reach Advantage' },
    { value: 96, band: 'Disadvantage', rank: 4, pct: 30, gap: '1 pt more to reach Typical' },
    { value: 90, band: 'Major Opportunity', rank: 5, pct: 20, clamped: true, amount: 5 },
  ])('higher is better: $value → $band', (c) => expectPlacement(higher, c));

  const lower = bandSet(LOWER_HOURS, { type: 'quintiles', boundaries: [12, 24, 36, 60] });
  it.each<Case>([
    { value: 10, band: 'Best-in-Class', rank: 1, pct: 80, clamped: true, gap: null },
    { value: 12, band: 'Best-in-Class', rank: 1, pct: 80, clamped: false },
    {
      value: 18.2,
      band: 'Advantage',
      rank: 2,
      pct: 69.7,
      gap: '6.2 h faster to reach Best-in-Class',
    },
    { value: 60, band: 'Disadvantage', rank: 4, pct: 20, gap: '24 h faster to reach Typical' },
    { value: 72, band: 'Major Opportunity', rank: 5, pct: 20, clamped: true, amount: 12 },
  ])('lower is better: $value h → $band', (c) => expectPlacement(lower, c));

  it('uses imported labels, worst first', () => {
    const labels = ['E', 'D', 'C', 'B', 'A'];
    const set = bandSet(HIGHER_PCT, { type: 'quintiles', boundaries: [1, 2, 3, 4], labels });
    expect(placeInBands(3.5, set)!.band).toBe('B');
  });
});

describe('quartiles', () => {
  const higher = bandSet(HIGHER_PCT, { type: 'quartiles', p25: 85, median: 90, p75: 95 });
  it.each<Case>([
    { value: 96, band: 'Top quartile', rank: 1, pct: 75, clamped: true, gap: null },
    { value: 95, band: 'Top quartile', rank: 1, pct: 75, clamped: false },
    { value: 94.99999999999999, band: 'Top quartile', rank: 1 },
    {
      value: 93.8,
      band: 'Second quartile',
      rank: 2,
      pct: 69,
      gap: '1.2 pts more to reach the top quartile',
    },
    { value: 90, band: 'Second quartile', rank: 2, pct: 50, amount: 5 },
    {
      value: 87,
      band: 'Third quartile',
      rank: 3,
      pct: 35,
      gap: '3 pts more to reach the second quartile',
    },
    { value: 80, band: 'Bottom quartile', rank: 4, pct: 25, clamped: true, amount: 5 },
  ])('higher is better: $value → $band', (c) => expectPlacement(higher, c));

  // Value order p25 < median < p75; for cycle times the top quartile is at or below p25.
  const lower = bandSet(LOWER_HOURS, { type: 'quartiles', p25: 18, median: 24, p75: 36 });
  it.each<Case>([
    { value: 12, band: 'Top quartile', rank: 1, pct: 75, clamped: true },
    { value: 18, band: 'Top quartile', rank: 1, pct: 75, clamped: false },
    {
      value: 24,
      band: 'Second quartile',
      rank: 2,
      pct: 50,
      gap: '6 h faster to reach the top quartile',
    },
    {
      value: 24.2,
      band: 'Third quartile',
      rank: 3,
      pct: 49.6,
      gap: '0.2 h faster to reach the second quartile',
    },
    { value: 30, band: 'Third quartile', rank: 3, pct: 37.5 },
    {
      value: 40,
      band: 'Bottom quartile',
      rank: 4,
      pct: 25,
      gap: '4 h faster to reach the third quartile',
    },
  ])('lower is better: $value h → $band', (c) => expectPlacement(lower, c));

  it('takes the better end of tied quartile points', () => {
    const tied = bandSet(HIGHER_PCT, { type: 'quartiles', p25: 98, median: 100, p75: 100 });
    expect(placeInBands(100, tied)).toMatchObject({
      band: 'Top quartile',
      estimatedPercentile: 75,
    });
  });
});

describe('median-only sets say above or below the median, no percentile', () => {
  const apqc = shippedBandSet('apqc-2016-perfect-order')!;
  const days = bandSet(LOWER_DAYS, { type: 'quartiles', median: 5 });
  it.each<Case & { set: BandSet }>([
    { set: apqc, value: 90, band: 'Median or better', rank: 1, pct: null, gap: null },
    { set: apqc, value: 92, band: 'Median or better', rank: 1, pct: null },
    {
      set: apqc,
      value: 87.5,
      band: 'Worse than the median',
      rank: 2,
      pct: null,
      gap: '2.5 pts more to reach the median',
    },
    { set: days, value: 4, band: 'Median or better', rank: 1, pct: null },
    {
      set: days,
      value: 6,
      band: 'Worse than the median',
      rank: 2,
      gap: '1 day faster to reach the median',
    },
    {
      set: days,
      value: 6.5,
      band: 'Worse than the median',
      rank: 2,
      gap: '1.5 days faster to reach the median',
    },
  ])('$value → $band', ({ set, ...c }) => expectPlacement(set, c));

  it.each([
    [{ p75: 95 }, 96, 'Top quartile', 1],
    [{ p75: 95 }, 92, 'Second quartile', 2],
    [{ p75: 95 }, 85, 'Worse than the median', 3],
    [{ p25: 85 }, 92, 'Median or better', 1],
    [{ p25: 85 }, 80, 'Bottom quartile', 3],
  ])('one known quartile point %o: %d → %s (no percentile)', (points, value, band, rank) => {
    const set = bandSet(HIGHER_PCT, { type: 'quartiles', median: 90, ...points });
    expect(placeInBands(value, set)).toMatchObject({
      band,
      rank,
      bandCount: 3,
      estimatedPercentile: null,
    });
  });
});
