import { describe, expect, it } from 'vitest';
import { loadKpiFixture } from './kpi-test-helpers';
import { returnLinesOfOrders, returnReasons } from './return-reasons';

describe('return reasons on the hand-made fixture', () => {
  it('counts R1 (wrong_item, WRI) and R2 (customer_choice, CUST), not R3 of cancelled order D', async () => {
    const db = await loadKpiFixture();
    const reasons = await returnReasons(db);
    expect(reasons.total).toBe(2);
    expect(reasons.units).toBe(2);
    expect(reasons.cancelledOrderReturns).toBe(1);
    // Equal counts: ties in name order, so the Pareto is stable.
    expect(reasons.byCategory).toEqual([
      { reason: 'customer_choice', count: 1, units: 1, share: 50, cumulativeShare: 50 },
      { reason: 'wrong_item', count: 1, units: 1, share: 50, cumulativeShare: 100 },
    ]);
    expect(reasons.byCode).toEqual([
      {
        reason: 'CUST',
        category: 'customer_choice',
        count: 1,
        units: 1,
        share: 50,
        cumulativeShare: 50,
      },
      {
        reason: 'WRI',
        category: 'wrong_item',
        count: 1,
        units: 1,
        share: 50,
        cumulativeShare: 100,
      },
    ]);
    expect(reasons.byCode.some((r) => r.reason === 'OTH')).toBe(false);
  });

  it('filters by return date and by the dimensions of the order', async () => {
    const db = await loadKpiFixture();
    // R2 was returned on 01-06, R1 on 01-08.
    const early = await returnReasons(db, { to: '2024-01-07' });
    expect(early.total).toBe(1);
    expect(early.byCode.map((r) => [r.reason, r.count])).toEqual([['CUST', 1]]);
    // Order B ships from DC1, C from DC2 (D, also DC2, is cancelled).
    const dc2 = await returnReasons(db, { site: ['DC2'] });
    expect(dc2).toMatchObject({ total: 1, cancelledOrderReturns: 1 });
    expect(dc2.byCategory.map((r) => [r.reason, r.count])).toEqual([['customer_choice', 1]]);
    const none = await returnReasons(db, { from: '2024-02-01' });
    expect(none).toEqual({
      total: 0,
      units: 0,
      byCategory: [],
      byCode: [],
      cancelledOrderReturns: 0,
    });
  });

  it('lists the return lines of the given orders', async () => {
    const db = await loadKpiFixture();
    const lines = await returnLinesOfOrders(db, ['B', 'C', 'A']);
    expect(lines.map((l) => [l.orderId, l.returnId, l.reasonCode, l.qty])).toEqual([
      ['B', 'R1', 'WRI', 1],
      ['C', 'R2', 'CUST', 1],
    ]);
    expect(await returnLinesOfOrders(db, [])).toEqual([]);
  });
});
