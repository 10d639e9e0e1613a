import { describe, expect, it } from 'vitest';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { placeInBands, placeOnScheme } from './place';
import {
  bandSet,
  expectPlacement,
  HIGHER_PCT,
  LOWER_DAYS,
  LOWER_HOURS,
  type Case,
} from './place-test-helpers';
import { shippedBandSet } from './shipped';

describe('range (OpsDog): bands around the average, no percentile', () => {
  const opsdog = shippedBandSet('opsdog-perfect-customer-order-rate')!;
  it.each<Case>([
    { value: 99.5, band: 'Matches or beats the best reported', rank: 1, gap: null },
    { value: 99, band: 'Matches or beats the best reported', rank: 1 },
    {
      value: 95,
      band: 'Average or better',
      rank: 2,
      gap: '4 pts more to reach the best reported value',
    },
    { value: 89, band: 'Average or better', rank: 2 },
    { value: 80, band: 'Worse than average', rank: 3, gap: '9 pts more to reach the average' },
    { value: 75, band: 'Worse than average', rank: 3 },
    {
      value: 70,
      band: 'Worse than the worst reported',
      rank: 4,
      gap: '5 pts more to reach the reported range',
    },
  ])('$value → $band', (c) => expectPlacement(opsdog, { ...c, pct: null }));

  it('applies the direction to a lower-is-better range', () => {
    const set = bandSet(LOWER_DAYS, { type: 'range', min: 2, max: 10, average: 5 });
    expect(placeInBands(1.5, set)).toMatchObject({
      band: 'Matches or beats the best reported',
      rank: 1,
    });
    expect(placeInBands(11, set)).toMatchObject({ band: 'Worse than the worst reported', rank: 4 });
    expect(placeInBands(6, set)!.gapToNext!.text).toBe('1 day faster to reach the average');
  });
});

describe('thresholds answer yes or no', () => {
  const werc = shippedBandSet('werc-2020-order-accuracy')!;
  const threshold = (comparison: string, value: number, kpi = HIGHER_PCT as object) =>
    bandSet(kpi as typeof HIGHER_PCT, {
      type: 'threshold',
      value,
      comparison,
      label: 'Best-in-Class',
    });
  it.each([
    { set: werc, value: 99.95, meets: true, band: 'Best-in-Class', gap: null },
    {
      set: werc,
      value: 99.9,
      meets: false,
      band: 'Short of Best-in-Class',
      gap: 'any improvement reaches Best-in-Class (> 99.9%)',
    },
    {
      set: werc,
      value: 99.6,
      meets: false,
      band: 'Short of Best-in-Class',
      gap: 'over 0.3 pts more to reach Best-in-Class (> 99.9%)',
    },
    { set: threshold('>=', 99.9), value: 99.9, meets: true, band: 'Best-in-Class', gap: null },
    {
      set: threshold('>=', 99.9),
      value: 99.85,
      meets: false,
      band: 'Short of Best-in-Class',
      gap: '0.05 pts more to reach Best-in-Class (>= 99.9%)',
    },
    {
      set: threshold('<=', 8, LOWER_HOURS),
      value: 8,
      meets: true,
      band: 'Best-in-Class',
      gap: null,
    },
    {
      set: threshold('<', 8, LOWER_HOURS),
      value: 8,
      meets: false,
      band: 'Short of Best-in-Class',
      gap: 'any improvement reaches Best-in-Class (< 8)',
    },
    {
      set: threshold('<', 8, LOWER_HOURS),
      value: 9.5,
      meets: false,
      band: 'Short of Best-in-Class',
      gap: 'over 1.5 h faster to reach Best-in-Class (< 8)',
    },
  ])(
    '$set.scheme.comparison $set.scheme.value: $value → meets $meets',
    ({ set, value, ...want }) => {
      const placed = placeInBands(value, set)!;
      expect(placed).toMatchObject({
        meets: want.meets,
        band: want.band,
        estimatedPercentile: null,
      });
      expect(placed.gapToNext?.text ?? null).toBe(want.gap);
    },
  );
});

describe('no value or no set → no placement', () => {
  const werc = shippedBandSet('werc-2020-order-fill-rate')!;
  it.each([
    ['null value', null, werc],
    ['undefined value', undefined, werc],
    ['NaN', Number.NaN, werc],
    ['no band set', 99, null],
    ['undefined band set', 99, undefined],
  ])('%s', (_, value, set) => expect(placeInBands(value, set)).toBeNull());
});

describe('source and definition', () => {
  const werc = shippedBandSet('werc-2020-order-fill-rate')!;
  it('always carries the source, edition, peer group, n and the source definition', () => {
    const placed = placeInBands(99.7, werc)!;
    expect(placed.source).toMatchObject({
      setId: 'werc-2020-order-fill-rate',
      source: 'WERC DC Measures',
      edition: '2020',
      peerGroup: 'All respondents',
      sampleSize: null,
      definition: werc.sourceDefinition,
    });
    expect(placed.definitionDiffers).toBeNull();
    expect(placed.note).toBeNull();
  });

  it('notes a differing definition when the caller says so', () => {
    const placed = placeInBands(99.7, werc, {
      variant: 'order level, on the first ship date',
      definitionDiffers: true,
    })!;
    expect(placed.definitionDiffers).toBe(true);
    expect(placed.note).toContain('Your definition (order level, on the first ship date) differs');
    expect(placed.note).toContain(werc.sourceDefinition);
    expect(placeInBands(99.7, werc, { definitionDiffers: false })!.note).toBeNull();
  });

  it('formats currency and FTE gaps without a stray unit', () => {
    const unit: KpiUnit = 'currency_per_order';
    const scheme = { type: 'quartiles', p25: 8, median: 10, p75: 14 } as const;
    expect(placeOnScheme(12.5, scheme, 'lower', unit)!.gapToNext!.text).toBe(
      '2.5 lower to reach the second quartile',
    );
  });
});
