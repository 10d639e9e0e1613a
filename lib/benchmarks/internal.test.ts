import { describe, expect, it } from 'vitest';
import { benchmarkPeers, quartilesOf } from './internal';

describe('quartilesOf (type 7, as DuckDB quantile_cont)', () => {
  it.each([
    [[1, 2, 3, 4, 5], { p25: 2, median: 3, p75: 4 }],
    [[10, 20, 30, 40], { p25: 17.5, median: 25, p75: 32.5 }],
    [[40, 10, 30, 20], { p25: 17.5, median: 25, p75: 32.5 }],
    [[7], { p25: 7, median: 7, p75: 7 }],
  ])('%o → %o', (values, expected) => expect(quartilesOf(values)).toEqual(expected));
  it('is null without values', () => expect(quartilesOf([])).toBeNull());
});

// Order shipment cycle time per site (hours, lower is better).
const sites = [
  { segment: 'Leeds', value: 20, n: 400 },
  { segment: 'Derby', value: 30, n: 350 },
  { segment: 'Bristol', value: 40, n: 500 },
  { segment: 'Hull', value: 10, n: 300 },
  { segment: 'Bath', value: null, n: 0 },
  { segment: 'Ely', value: 5, n: 3 },
];

describe('benchmarkPeers', () => {
  it('puts the fastest site in quartile 1 when lower is better', () => {
    const result = benchmarkPeers(sites, 'lower', 'hours', { minN: 30 });
    expect(result.quartiles).toEqual({ p25: 17.5, median: 25, p75: 32.5 });
    expect(result.counted).toBe(4);
    expect(result.peers.map((p) => [p.label, p.quartile, p.excluded])).toEqual([
      ['Leeds', 2, null],
      ['Derby', 3, null],
      ['Bristol', 4, null],
      ['Hull', 1, null],
      ['Bath', null, 'no value'],
      ['Ely', 1, 'n = 3, below the minimum of 30'],
    ]);
    expect(result.peers[0]!.gapToNext?.text).toBe('2.5 h faster to reach the top quartile');
  });

  // Quartiles of 1..5 are 2, 3 and 4; the values 3 (the median) and 4 (p75) sit on boundaries.
  it.each([
    ['higher', { 1: 4, 2: 3, 3: 2, 4: 1, 5: 1 }],
    ['lower', { 1: 1, 2: 1, 3: 2, 4: 3, 5: 4 }],
  ] as const)('%s is better: boundary values go to the better quartile', (direction, want) => {
    const peers = [1, 2, 3, 4, 5].map((value) => ({ segment: `s${value}`, value, n: 100 }));
    const result = benchmarkPeers(peers, direction, 'percent');
    expect(Object.fromEntries(result.peers.map((p) => [p.value, p.quartile]))).toEqual(want);
  });

  it('includes low-n peers when no minimum is set', () => {
    expect(benchmarkPeers(sites, 'lower', 'hours').counted).toBe(5);
  });

  it('gives no quartiles below the minimum number of peers, and says why', () => {
    const result = benchmarkPeers(sites.slice(0, 3), 'lower', 'hours');
    expect(result.quartiles).toBeNull();
    expect(result.reason).toBe('3 peers with a value; quartiles need 4');
    expect(result.peers.every((p) => p.quartile === null)).toBe(true);
  });

  it('neither counts nor places the rows without the attribute: they are no segment', () => {
    // 400 orders with no site recorded, at 60 h: they would be the worst "site" of all.
    const result = benchmarkPeers(
      [...sites, { segment: null, value: 60, n: 400 }],
      'lower',
      'hours',
      { minN: 30 },
    );
    expect(result.quartiles).toEqual({ p25: 17.5, median: 25, p75: 32.5 });
    expect(result.counted).toBe(4);
    expect(result.peers.at(-1)).toMatchObject({ quartile: null, excluded: 'not recorded' });
  });

  it('accepts KpiResult.series by period', () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04'].map((period, i) => ({
      period,
      segment: null,
      value: 90 + i,
      n: 1000,
    }));
    const result = benchmarkPeers(months, 'higher', 'percent');
    expect(result.peers.map((p) => [p.label, p.quartile])).toEqual([
      ['2024-01', 4],
      ['2024-02', 3],
      ['2024-03', 2],
      ['2024-04', 1],
    ]);
  });
});
