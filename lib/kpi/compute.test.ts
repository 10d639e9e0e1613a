import { describe, expect, it } from 'vitest';
import { computeKpis, isCached } from './compute';
import { loadKpiFixture } from './kpi-test-helpers';

// Expected values are worked out by hand from lib/kpi/fixtures/README.md.
describe('KPI engine on the hand-made fixture', () => {
  it('order shipment cycle time: complete orders only, mean and percentiles in hours', async () => {
    const db = await loadKpiFixture();
    const [kpi] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    // A 24 h, B 96 h (final shipment), C 18 h; F is shipped but not complete; D cancelled; E unshipped;
    // G has only a delivery date, so no final ship date.
    expect(kpi).toMatchObject({ available: true, value: 46, numerator: 138, denominator: 3, n: 3 });
    expect(kpi!.excluded).toEqual([
      { reason: 'no final ship date', count: 1 },
      { reason: 'not yet shipped complete', count: 1 },
    ]);
    expect(kpi!.distribution).toMatchObject({ median: 24, min: 18, max: 96 });
    expect(kpi!.distribution!.p90).toBeCloseTo(81.6, 6); // 24 + 0.8 × (96 − 24)
    expect(kpi!.distribution!.p95).toBeCloseTo(88.8, 6);
    expect(kpi!.distribution!.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
  });

  it('order fill rate: A and C filled on the first ship date, B and F not', async () => {
    const db = await loadKpiFixture();
    const [kpi] = await computeKpis(db, {}, ['order_fill_rate']);
    expect(kpi).toMatchObject({ value: 50, numerator: 2, denominator: 4, n: 4 });
  });

  it('return rate: B and C of the four shipped orders', async () => {
    const db = await loadKpiFixture();
    const [kpi] = await computeKpis(db, {}, ['return_rate']);
    expect(kpi).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
  });

  it('breaks down by site and filters by date, as of the KPI event', async () => {
    const db = await loadKpiFixture();
    const [bySite] = await computeKpis(db, { by: 'site' }, ['order_shipment_cycle_time']);
    expect(bySite!.series!.map((s) => [s.segment, s.value, s.n])).toEqual([
      ['DC1', 60, 2],
      ['DC2', 18, 1],
    ]);
    // Final ship dates: A 01-02, B 01-05, C 01-02; only A and C fall on 01-02.
    const [day] = await computeKpis(db, { filters: { from: '2024-01-02', to: '2024-01-02' } }, [
      'order_shipment_cycle_time',
    ]);
    expect(day).toMatchObject({ value: 21, n: 2 });
  });

  it('serves a repeated query from the cache, and recomputes after a load', async () => {
    const db = await loadKpiFixture();
    const query = { grain: 'day' as const };
    expect(await isCached(db, query)).toBe(false);
    await computeKpis(db, query);
    expect(await isCached(db, query)).toBe(true);
  });

  it('reports a KPI without data as unavailable with the reason, never 0', async () => {
    const db = await loadKpiFixture();
    await db.run('DELETE FROM returns');
    await db.run(
      "INSERT INTO loads (load_id, file_name, content_hash, target, status, started_at) VALUES (99, 'x', 'x', 'returns', 'loaded', now()::TIMESTAMP)",
    );
    const [kpi] = await computeKpis(db, {}, ['return_rate']);
    expect(kpi).toMatchObject({
      available: false,
      value: null,
      unavailableReason: 'no returns loaded',
    });
  });
});

describe('cycle-time stages and period comparisons', () => {
  it('decomposes the cycle time into entry, release, ship and delivery (hand-computed on A, B, C)', async () => {
    const db = await loadKpiFixture();
    const [kpi] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    const { inCycle, delivery, orders, cycleMeanHours } = kpi!.stages!;
    const means = Object.fromEntries(inCycle.map((s) => [s.stage, s.meanHours]));
    // entry: A 0.5, B 0, C 1; release: A 1.5, B 21, C 5; ship: A 22, B 75, C 12; delivery: A 52, B 45 (C not delivered)
    expect(orders).toBe(3);
    expect(means.entry).toBe(0.5);
    expect(means.release).toBeCloseTo(27.5 / 3, 9);
    expect(means.ship).toBeCloseTo(109 / 3, 9);
    // A, B and C are every order counted, so the stages add up to the KPI's own 46 h.
    expect(cycleMeanHours).toBe(46);
    expect(kpi!.value).toBe(46);
    expect(delivery).toMatchObject({ meanHours: 48.5, n: 2 });
  });

  it('compares with the previous period of equal length and the same period last year', async () => {
    const db = await loadKpiFixture();
    const [kpi] = await computeKpis(
      db,
      { filters: { from: '2024-01-04', to: '2024-01-05' }, compare: 'both' },
      ['order_shipment_cycle_time'],
    );
    // 01-04..01-05: B (96 h). Previous 01-02..01-03: A (24 h) and C (18 h). A year earlier: nothing.
    expect(kpi!.value).toBe(96);
    expect(kpi!.comparisons).toEqual([
      {
        kind: 'previous',
        range: { from: '2024-01-02', to: '2024-01-03' },
        value: 21,
        n: 2,
        change: 75,
      },
      {
        kind: 'last_year',
        range: { from: '2023-01-04', to: '2023-01-05' },
        value: null,
        n: 0,
        change: null,
      },
    ]);
  });
});
