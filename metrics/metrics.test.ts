import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { computeKpis } from '@/lib/kpi/compute';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import type { KpiResult } from '@/lib/kpi/types';

// Every value is worked out by hand from lib/kpi/fixtures/README.md (orders A–G). In scope for
// shipment KPIs: A, B, C, F (shipped, not cancelled). D is cancelled, E never shipped, and G has
// only a delivery date, so anything as of a ship date excludes it with "no … ship date".
let db: Database;
beforeAll(async () => {
  db = await loadKpiFixture();
});

async function kpi(id: string): Promise<KpiResult> {
  const [result] = await computeKpis(db, {}, [id]);
  return result!;
}

describe('KPI catalogue on the hand-made fixture', () => {
  it('order_shipment_cycle_time: A 24 h, B 96 h, C 18 h', async () => {
    const r = await kpi('order_shipment_cycle_time');
    expect(r).toMatchObject({ value: 46, numerator: 138, denominator: 3, n: 3 });
    expect(r.excluded).toEqual([
      { reason: 'no final ship date', count: 1 }, // G
      { reason: 'not yet shipped complete', count: 1 }, // F
    ]);
  });

  it('order_fill_rate: A and C filled on the first ship date, B and F not', async () => {
    const r = await kpi('order_fill_rate');
    expect(r).toMatchObject({ value: 50, numerator: 2, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no first ship date', count: 1 }]);
  });

  it('line_fill_rate: A 2/2, B 0/1, C 1/1, F 0/1 lines filled first = 3/5', async () => {
    const r = await kpi('line_fill_rate');
    expect(r).toMatchObject({ value: 60, numerator: 3, denominator: 5, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no first ship date', count: 1 }]);
  });

  it('unit_fill_rate: A 15/15, B 2/4, C 2/(3−1), F 6/10 = 25/31', async () => {
    const r = await kpi('unit_fill_rate');
    expect(r).toMatchObject({ numerator: 25, denominator: 31, n: 4 });
    expect(r.value).toBeCloseTo(80.645161, 5);
    expect(r.excluded).toEqual([{ reason: 'no first ship date', count: 1 }]);
  });

  it('return_rate: B and C of the four shipped orders', async () => {
    const r = await kpi('return_rate');
    expect(r).toMatchObject({ value: 50, numerator: 2, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('unit_return_rate: 1 (B) + 1 (C) returned of 15 + 4 + 2 + 6 shipped = 2/27', async () => {
    const r = await kpi('unit_return_rate');
    expect(r).toMatchObject({ numerator: 2, denominator: 27, n: 4 });
    expect(r.value).toBeCloseTo(7.407407, 5);
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('order_accuracy: B (wrong_item return, documentation error) and C (damaged) fail: 2/4', async () => {
    const r = await kpi('order_accuracy');
    // C's customer_choice return is not a fulfilment error; its damaged shipment is.
    expect(r).toMatchObject({ value: 50, numerator: 2, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('order_to_delivery_cycle_time: A 76 h, B 141 h, G 78 h = 295 h / 24 / 3 orders', async () => {
    const r = await kpi('order_to_delivery_cycle_time');
    expect(r).toMatchObject({ denominator: 3, n: 3 });
    expect(r.numerator).toBeCloseTo(12.291667, 5); // 295 / 24 days
    expect(r.value).toBeCloseTo(4.097222, 5);
    // C is shipped but not delivered; F is not complete, so not delivered either.
    expect(r.excluded).toEqual([{ reason: 'no delivery date', count: 2 }]);
  });

  it('order_entry_cycle_time: A 0.5 h, B 0 h, C 1 h, F 1 h; E and G have no entry date', async () => {
    const r = await kpi('order_entry_cycle_time');
    expect(r).toMatchObject({ value: 0.625, numerator: 2.5, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no entry date', count: 2 }]);
  });

  it('order_release_cycle_time: A 1.5, B 21, C 5, F 1, G 4 h (from its order date)', async () => {
    const r = await kpi('order_release_cycle_time');
    expect(r).toMatchObject({ value: 6.5, numerator: 32.5, denominator: 5, n: 5 });
    expect(r.excluded).toEqual([{ reason: 'no release date', count: 1 }]); // E
  });

  it('release_to_ship_cycle_time: A 22 h, B 75 h, C 12 h', async () => {
    const r = await kpi('release_to_ship_cycle_time');
    expect(r).toMatchObject({ numerator: 109, denominator: 3, n: 3 });
    expect(r.value).toBeCloseTo(36.333333, 5);
    expect(r.excluded).toEqual([
      { reason: 'no final ship date', count: 1 }, // G
      { reason: 'not yet shipped complete', count: 1 }, // F
    ]);
  });

  it('on_time_shipment_rate: A 01-02 ≤ 01-02, C 01-02 ≤ 01-03 on time; B 01-05 > 01-02 late', async () => {
    const r = await kpi('on_time_shipment_rate');
    expect(r).toMatchObject({ numerator: 2, denominator: 3, n: 3 });
    expect(r.value).toBeCloseTo(66.666667, 5);
    expect(r.excluded).toEqual([
      { reason: 'no final ship date', count: 1 }, // G
      { reason: 'not yet shipped complete', count: 1 }, // F
    ]);
  });

  it('on_time_delivery_rate: A delivered on the promised day (on time), B a day late', async () => {
    const r = await kpi('on_time_delivery_rate');
    expect(r).toMatchObject({ value: 50, numerator: 1, denominator: 2, n: 2 });
    expect(r.excluded).toEqual([
      { reason: 'no delivery date', count: 2 }, // C, F
      { reason: 'no promised delivery date', count: 1 }, // G
    ]);
  });

  it('on_time_to_request_rate: A 01-04 > 01-03 and B 01-07 > 01-06 late, G 01-08 ≤ 01-10', async () => {
    const r = await kpi('on_time_to_request_rate');
    expect(r).toMatchObject({ numerator: 1, denominator: 3, n: 3 });
    expect(r.value).toBeCloseTo(33.333333, 5);
    expect(r.excluded).toEqual([{ reason: 'no delivery date', count: 2 }]);
  });

  it('damage_free_rate: C has a damaged shipment: 3/4', async () => {
    const r = await kpi('damage_free_rate');
    expect(r).toMatchObject({ value: 75, numerator: 3, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('documentation_accuracy: B has a documentation error: 3/4', async () => {
    const r = await kpi('documentation_accuracy');
    expect(r).toMatchObject({ value: 75, numerator: 3, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('perfect_order_index: 50% × 50% × 75% × 75% = 14.0625%', async () => {
    const r = await kpi('perfect_order_index');
    // n is the smallest component n: on-time delivery judged 2 orders.
    expect(r).toMatchObject({ available: true, value: 14.0625, n: 2 });
    expect(r.components!.map((c) => [c.kpi, c.value, c.used])).toEqual([
      ['on_time_delivery_rate', 50, true],
      ['order_fill_rate', 50, true],
      ['damage_free_rate', 75, true],
      ['documentation_accuracy', 75, true],
    ]);
  });

  it('perfect_order_rate: of A and B (delivered with a commit date), only A is perfect', async () => {
    const r = await kpi('perfect_order_rate');
    // C and F are not delivered and G has no commit date, so on time cannot judge them.
    expect(r).toMatchObject({ value: 50, numerator: 1, denominator: 2, n: 2, excluded: [] });
    expect(r.components!.every((c) => c.used)).toBe(true);
  });

  it('backorder_rate: B and F lines left open after the first ship date: 2/5', async () => {
    const r = await kpi('backorder_rate');
    expect(r).toMatchObject({ value: 40, numerator: 2, denominator: 5, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no first ship date', count: 1 }]);
  });

  it('split_shipment_rate: B shipped on 01-02 and 01-05: 1/4', async () => {
    const r = await kpi('split_shipment_rate');
    expect(r).toMatchObject({ value: 25, numerator: 1, denominator: 4, n: 4 });
    expect(r.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]);
  });

  it('cancellation_rate: D of the seven orders placed, cancelled ones included', async () => {
    const r = await kpi('cancellation_rate');
    expect(r).toMatchObject({ numerator: 1, denominator: 7, n: 7, excluded: [] });
    expect(r.value).toBeCloseTo(14.285714, 5);
  });

  it('returns_processing_cycle_time: R1 credited after 2 days; R2 not credited, R3 on cancelled D', async () => {
    const r = await kpi('returns_processing_cycle_time');
    expect(r).toMatchObject({ value: 2, numerator: 2, denominator: 1, n: 1 });
    expect(r.excluded).toEqual([
      { reason: 'no credit date', count: 1 },
      { reason: 'return of a cancelled order', count: 1 },
    ]);
  });

  it('orders_per_fte: unavailable until FTE figures are entered', async () => {
    const r = await kpi('orders_per_fte');
    expect(r).toMatchObject({
      available: false,
      value: null,
      unavailableReason: 'no FTE figures entered',
    });
  });

  it('cost_per_order: unavailable until cost figures are entered', async () => {
    const r = await kpi('cost_per_order');
    expect(r).toMatchObject({
      available: false,
      value: null,
      unavailableReason: 'no cost figures entered',
    });
  });

  it('without commit dates: on-time delivery is unavailable and the perfect order KPIs say so', async () => {
    const own = await loadKpiFixture();
    await own.run('UPDATE orders SET promised_delivery_ts = NULL');
    await own.run('UPDATE order_lines SET promised_delivery_ts = NULL');
    // A new ledger entry changes the data version, so the facts are rebuilt.
    await own.run(
      "INSERT INTO loads (load_id, file_name, content_hash, target, status, started_at) VALUES (99, 'x', 'x', 'orders', 'loaded', now()::TIMESTAMP)",
    );
    const [otd, index, rate] = await computeKpis(own, {}, [
      'on_time_delivery_rate',
      'perfect_order_index',
      'perfect_order_rate',
    ]);
    expect(otd).toMatchObject({ available: false, value: null });
    expect(otd!.unavailableReason).toMatch(/promised delivery dates/);
    // 50% × 75% × 75%
    expect(index).toMatchObject({ available: true, value: 28.125 });
    expect(index!.components!.filter((c) => !c.used).map((c) => c.kpi)).toEqual([
      'on_time_delivery_rate',
    ]);
    // A passes fill, damage and documentation; B (fill, documentation), C (damage), F (fill) fail.
    expect(rate).toMatchObject({ value: 25, numerator: 1, denominator: 4, n: 4 });
    expect(rate!.excluded).toEqual([{ reason: 'no final ship date', count: 1 }]); // G
  });
});
