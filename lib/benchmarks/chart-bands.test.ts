import { describe, expect, it } from 'vitest';
import { chartBandSet, chartBandsFor } from './chart-bands';
import { shippedBandSet } from './shipped';

describe('reference figures on a chart', () => {
  it('a study draws its values as labelled lines, never shaded bands', () => {
    const drawn = chartBandSet(shippedBandSet('kurt-salmon-2015-order-to-delivery')!, 'days');
    expect(drawn.areas).toEqual([]);
    expect(drawn.bandCount).toBe(0);
    expect(drawn.lines).toEqual([
      { y: 6.9, label: 'Average 6.9 d' },
      { y: 2.8, label: 'Top ten retailers 2.8 d' },
    ]);
    expect(drawn.description).toContain('reference figures, not bands of peers');
  });

  it('a guideline by category draws no line, and describes its ranges', () => {
    const drawn = chartBandSet(shippedBandSet('fcbco-order-fill-rate-by-category')!, 'percent');
    expect(drawn.lines).toEqual([]);
    expect(drawn.description).toContain('gifts and home 85–95%');
  });
});

describe('the one set a trend chart draws', () => {
  const sets = ['nrf-2022-return-rate', 'nrf-2023-return-rate', 'nrf-2024-return-rate'].map((id) =>
    shippedBandSet(id)!,
  );

  it("draws the headline placement's set when there is one, and counts the others", () => {
    const [drawn, ...more] = chartBandsFor(sets, 'percent', { setId: 'nrf-2022-return-rate' }, {});
    expect(more).toEqual([]);
    expect(drawn!.id).toBe('nrf-2022-return-rate');
    expect(drawn!.description).toMatch(/ 2 more published sets are listed with the benchmarks\.$/);
  });

  it('else the best match to the profile: with none, the newest', () => {
    expect(chartBandsFor(sets, 'percent', null, {}).map((d) => d.id)).toEqual([
      'nrf-2024-return-rate',
    ]);
    // NRF 2024 states no region; 2023 states US, as the profile does.
    expect(chartBandsFor(sets, 'percent', null, { region: 'US' }).map((d) => d.id)).toEqual([
      'nrf-2023-return-rate',
    ]);
  });

  it('draws a lone set without a note, and nothing without sets', () => {
    const [only] = chartBandsFor(sets.slice(0, 1), 'percent', null, {});
    expect(only!.description).not.toMatch(/more published/);
    expect(chartBandsFor([], 'percent', null, {})).toEqual([]);
  });
});
