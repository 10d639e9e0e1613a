import { describe, expect, it } from 'vitest';
import { drillKpi } from './drill';
import { loadKpiFixture } from './kpi-test-helpers';
import { reconcile } from './reconcile';

describe('drill-through and reconciliation on the hand-made fixture', () => {
  it('lists the orders behind the cycle time, slowest first, with their values', async () => {
    const db = await loadKpiFixture();
    const page = await drillKpi(db, 'order_shipment_cycle_time');
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.order_id, r.value])).toEqual([
      ['B', 96],
      ['A', 24],
      ['C', 18],
    ]);
  });

  it('lists the orders that failed the fill rate, paginated and sorted', async () => {
    const db = await loadKpiFixture();
    const failed = await drillKpi(db, 'order_fill_rate', {
      failedOnly: true,
      sort: 'order_id',
      direction: 'asc',
    });
    expect(failed).toMatchObject({ total: 2, failed: 2 });
    expect(failed.rows.map((r) => r.order_id)).toEqual(['B', 'F']);
    const second = await drillKpi(db, 'order_fill_rate', {
      pageSize: 1,
      page: 2,
      sort: 'order_id',
      direction: 'asc',
    });
    expect(second.rows.map((r) => r.order_id)).toEqual(['B']);
    expect(second.total).toBe(4);
  });

  it('shows the requested delivery date behind an order late to request', async () => {
    const db = await loadKpiFixture();
    const late = await drillKpi(db, 'on_time_to_request_rate', { failedOnly: true });
    // A was requested for 01-03 and delivered 01-04, B requested 01-06 and delivered 01-07;
    // G, requested 01-10, was on time. Newest order first.
    expect(
      late.rows.map((r) => [r.order_id, String(r.requested_delivery_ts).slice(0, 10)]),
    ).toEqual([
      ['B', '2024-01-06'],
      ['A', '2024-01-03'],
    ]);
    expect(late.total).toBe(2);
  });

  it('ignores a sort key that is not a column', async () => {
    const db = await loadKpiFixture();
    const page = await drillKpi(db, 'return_rate', { sort: 'order_id; DROP TABLE orders' });
    expect(page.total).toBe(4);
  });

  it('counts orders with no shipment, shipments with no order and over-shipped lines', async () => {
    const db = await loadKpiFixture();
    await db.run(`INSERT INTO shipments (nk, shipment_id, order_id, line_no, qty_shipped, ship_ts, load_id)
                  VALUES ('x1', 'SHX', 'Z', 1, 1, TIMESTAMP '2024-01-05', 1), ('x2', 'SHY', 'A', 1, 3, TIMESTAMP '2024-01-06', 1)`);
    const checks = Object.fromEntries((await reconcile(db)).map((c) => [c.id, c.count]));
    // E is open and unshipped; Z is not an order; A line 1 now has 13 shipped against 10 ordered.
    expect(checks).toEqual({
      orders_without_shipment: 1,
      shipments_without_order: 1,
      shipments_without_line: 0,
      over_shipped_lines: 1,
      cancelled_with_shipment: 0,
      returns_without_order: 0,
    });
  });
});
