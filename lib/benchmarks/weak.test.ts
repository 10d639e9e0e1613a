import { describe, expect, it } from 'vitest';
import type { BandSet } from './schema';
import { placeInBands } from './place';
import { placementIsWeak, type WeakInput } from './weak';

const at = (band: string, rank: number, bandCount: number, extra: Partial<WeakInput> = {}) => ({
  band,
  rank,
  bandCount,
  meets: null,
  estimatedPercentile: null,
  ...extra,
});

describe('a weak placement', () => {
  it.each([
    ['short of a threshold', at('Short of Best-in-Class', 2, 2, { meets: false }), true],
    ['meeting a threshold', at('Best-in-Class', 1, 2, { meets: true }), false],
    ['in the bottom quartile', at('Bottom quartile', 4, 4), true],
    ['in the third quartile', at('Third quartile', 3, 4), true],
    ['in the second quartile', at('Second quartile', 2, 4), false],
    ['worse than a lone median', at('Worse than the median', 2, 2), true],
    ['median or better', at('Median or better', 1, 2), false],
    // Only p25 and the median published: three bands, the middle one below the median.
    ['third quartile of three bands', at('Third quartile', 2, 3), true],
    ['the two worst of five quintiles', at('Disadvantage', 4, 5), true],
    ['the middle quintile', at('Typical', 3, 5), false],
    ['worse than the reported average', at('Worse than average', 3, 4), true],
    ['average or better', at('Average or better', 2, 4), false],
    ['a percentile below half', at('Typical', 3, 5, { estimatedPercentile: 41 }), true],
    ['a percentile of half or more', at('Disadvantage', 4, 5, { estimatedPercentile: 50 }), false],
  ])('%s: %s', (_, placement, weak) => {
    expect(placementIsWeak(placement)).toBe(weak);
  });

  it('is never claimed without a placement', () => {
    expect(placementIsWeak(null)).toBe(false);
    expect(placementIsWeak(undefined)).toBe(false);
  });

  it('reads a placement as placeInBands gives it', () => {
    const set = {
      id: 'x',
      kpi: 'order_fill_rate',
      name: 'Example',
      source: 'WERC DC Measures',
      edition: '2020',
      peerGroup: 'All',
      sampleSize: null,
      citation: 'Example citation',
      sourceDefinition: 'Orders shipped complete.',
      unit: 'percent',
      direction: 'higher',
      kind: 'survey',
      scheme: { type: 'threshold', label: 'Best-in-Class', comparison: '>', value: 99.56 },
    } as unknown as BandSet;
    expect(placementIsWeak(placeInBands(92.8, set))).toBe(true);
    expect(placementIsWeak(placeInBands(99.9, set))).toBe(false);
  });
});
