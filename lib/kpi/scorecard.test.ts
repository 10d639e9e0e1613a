import { describe, expect, it } from 'vitest';
import { setTarget } from '@/lib/benchmarks/targets';
import { loadKpiFixture } from './kpi-test-helpers';
import { applicableTarget, scorecard } from './scorecard';

describe('scorecard', () => {
  it('gives the overall target status and each segment its own', async () => {
    const db = await loadKpiFixture();
    await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 40, atRiskWithin: 10 });
    await setTarget(db, {
      kpi: 'order_shipment_cycle_time',
      value: 24,
      dimension: 'site',
      segment: 'DC2',
    });
    const [overall] = await scorecard(db, {}, ['order_shipment_cycle_time']);
    // 46 h against 40 h (lower is better): 6 h short, within the 10 h at-risk margin.
    expect(overall!.target?.status).toBe('at_risk');
    const [bySite] = await scorecard(db, { by: 'site' }, ['order_shipment_cycle_time']);
    expect(bySite!.segmentTargets).toEqual([
      expect.objectContaining({ segment: 'DC2', status: 'on_track' }),
    ]);
    // Two sites are too few peers for quartiles: the engine says so instead of inventing them.
    expect(bySite!.internal?.quartiles).toBeNull();
    expect(bySite!.internal?.reason).toBeTruthy();
  });

  it.each([
    [
      'no dated target covers the range: the undated one applies',
      '2024-02-01',
      '2024-02-28',
      'undated',
    ],
    ['a dated target covering the range wins', '2024-01-01', '2024-01-31', 'january'],
  ])('%s', (_, from, to, expected) => {
    const base = {
      kpi: 'k',
      value: 1,
      atRiskWithin: 0,
      dimension: null,
      segment: null,
      createdAt: '',
    };
    const targets = [
      { ...base, id: 'undated', from: null, to: null },
      { ...base, id: 'january', from: '2024-01-01', to: '2024-01-31' },
      { ...base, id: 'site', from: null, to: null, dimension: 'site', segment: 'DC1' },
    ];
    expect(applicableTarget(targets, from, to)?.id).toBe(expected);
  });
});

describe('warming the first view', () => {
  it('computes the unfiltered scorecard in the background, so the first visitor is served from the cache', async () => {
    const { isCached } = await import('./compute');
    const { warmDefaultViews } = await import('./warm');
    const { homeScorecardQuery } = await import('./scorecard');
    const db = await loadKpiFixture();
    expect(await isCached(db, homeScorecardQuery)).toBe(false);
    await warmDefaultViews(db);
    expect(await isCached(db, homeScorecardQuery)).toBe(true);
    const entries = await scorecard(db, homeScorecardQuery);
    const cycle = entries.find((e) => e.id === 'order_shipment_cycle_time')!;
    expect(cycle.value).toBe(46); // (24 + 96 + 18) ÷ 3 h over A, B and C
    expect(cycle.series?.map((s) => s.period)).toEqual(['2024-01-01']);
  });
});
