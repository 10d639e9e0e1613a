import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { exportOrdersCsv, type ExportQuery } from './export';
import { getOrder } from './order-detail';
import {
  listOrders,
  orderListColumns,
  ordersQueryFromSearchParams,
  ordersSearchString,
} from './list';

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.order_id);

async function csvOf(db: Database, query: ExportQuery) {
  const chunks: string[] = [];
  for await (const chunk of exportOrdersCsv(db, query)) chunks.push(chunk);
  return chunks.join('');
}

describe('the orders explorer on the hand-made fixture (orders A–G)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await loadKpiFixture();
  });

  it('lists every order, newest first, with one status each', async () => {
    const page = await listOrders(db);
    expect(page).toMatchObject({
      total: 7,
      page: 1,
      pageSize: 100,
      sort: 'order_ts',
      direction: 'desc',
    });
    expect(page.columns).toEqual([...orderListColumns]);
    expect(page.statusCounts).toEqual({
      open: 1,
      shipped: 1,
      complete: 1,
      delivered: 3,
      cancelled: 1,
    });
    expect(page.rows.map((r) => [r.order_id, r.status, r.ship_hours])).toEqual([
      ['G', 'delivered', null], // delivery-only extract: no ship date, so no order → ship time
      ['E', 'open', null],
      ['F', 'shipped', null], // 6 of 10 shipped
      ['D', 'cancelled', null],
      ['C', 'complete', 18], // shipped in full (3 less 1 cancelled), not delivered
      ['B', 'delivered', 96],
      ['A', 'delivered', 24],
    ]);
    expect(page.rows[6]).toMatchObject({
      order_id: 'A',
      order_ts: '2024-01-01T08:00:00.000Z',
      customer_id: 'C1',
      channel: 'web',
      site: 'DC1',
      carrier: 'DHL',
      lines: 2,
      units_due: 15,
      delivered_ts: '2024-01-04T12:00:00.000Z',
      returned: false,
    });
  });

  it('filters, searches, narrows by status and sorts from the allowlist', async () => {
    const dc2 = await listOrders(db, {
      filters: { site: ['DC2'] },
      sort: 'order_id',
      direction: 'asc',
    });
    expect([ids(dc2.rows), dc2.total]).toEqual([['C', 'D', 'F'], 3]);
    const placed = await listOrders(db, { filters: { from: '2024-01-04', to: '2024-01-04' } });
    expect(ids(placed.rows)).toEqual(['E', 'F']); // E at 10:00, F at 06:00
    const customer = await listOrders(db, { search: ' c2 ', sort: 'order_id', direction: 'asc' });
    expect([ids(customer.rows), customer.total]).toEqual([['B', 'F'], 2]);
    const order = await listOrders(db, { search: 'g' });
    expect(ids(order.rows)).toEqual(['G']);
    const delivered = await listOrders(db, { status: 'delivered', sort: 'ship_hours' });
    expect(ids(delivered.rows)).toEqual(['B', 'A', 'G']); // slowest first, no value last
    expect(delivered.total).toBe(3);
    // The status counts are of the view before its status filter: the tabs show every status.
    const dc1 = await listOrders(db, { filters: { site: ['DC1'] }, status: 'open' });
    expect([ids(dc1.rows), dc1.total, dc1.statusCounts]).toEqual([
      ['E'],
      1,
      { open: 1, shipped: 0, complete: 0, delivered: 3, cancelled: 0 },
    ]);
    const open = await listOrders(db, { status: 'open' });
    expect(ids(open.rows)).toEqual(['E']);
  });

  it('paginates with the total of the whole view', async () => {
    const second = await listOrders(db, {
      page: 2,
      pageSize: 2,
      sort: 'order_id',
      direction: 'asc',
    });
    expect([ids(second.rows), second.total]).toEqual([['C', 'D'], 7]);
    const past = await listOrders(db, { page: 9, pageSize: 2 });
    expect([past.rows, past.total]).toEqual([[], 7]);
    await expect(listOrders(db, { pageSize: 501 })).rejects.toThrow();
  });

  it('ignores a sort key that is not a column, and binds the search as a value', async () => {
    const page = await listOrders(db, { sort: 'order_id; DROP TABLE orders', direction: 'asc' });
    expect([page.sort, ids(page.rows)]).toEqual(['order_ts', ['A', 'B', 'C', 'D', 'F', 'E', 'G']]);
    const quoted = await listOrders(db, { search: "A' OR '1'='1" });
    expect(quoted.total).toBe(0);
    expect((await listOrders(db)).total).toBe(7);
  });

  it('with a KPI, lists the orders behind it or those failing it (drill-through)', async () => {
    const failing = await listOrders(db, {
      kpi: 'order_fill_rate',
      failedOnly: true,
      sort: 'order_id',
      direction: 'asc',
      search: 'x',
    });
    expect(ids(failing.rows)).toEqual(['B', 'F']);
    expect(failing).toMatchObject({
      total: 2,
      sort: 'order_id',
      ignored: ['search'],
      kpi: { id: 'order_fill_rate', rowPer: 'order', failed: 2, unit: 'percent' },
    });
    expect(failing.columns.slice(-2)).toEqual(['value', 'failed']);
    // Shown by default: the row's identity, what the KPI's definition reads, and the verdict.
    expect(failing.defaultColumns).toEqual([
      'order_id',
      'order_ts',
      'customer_id',
      'site',
      'first_ship_ts',
      'lines_filled_first',
      'units_filled_first',
      'failed',
    ]);
    expect(failing.statusCounts).toBeUndefined();
    const all = await listOrders(db, {
      kpi: 'order_fill_rate',
      sort: 'order_id',
      direction: 'asc',
    });
    expect(all.rows.map((r) => [r.order_id, r.failed])).toEqual([
      ['A', false],
      ['B', true],
      ['C', false],
      ['F', true],
    ]);
    const returns = await listOrders(db, { kpi: 'returns_processing_cycle_time' });
    expect(returns.kpi?.rowPer).toBe('return');
    expect(returns.rows.map((r) => [r.return_id, r.order_id, r.value])).toEqual([['R1', 'B', 2]]);
    await expect(listOrders(db, { kpi: 'no_such_kpi' })).rejects.toThrow('There is no KPI');
  });

  it('exports the whole view as CSV: chosen columns, sorted, numbers as numbers, UTC times', async () => {
    const csv = await csvOf(db, {
      sort: 'order_id',
      direction: 'asc',
      page: 2,
      pageSize: 2,
      columns: [
        'order_id',
        'order_ts',
        'status',
        'customer_id',
        'lines',
        'ship_hours',
        'returned',
        'not_a_column',
      ],
    });
    expect(csv).toBe(
      [
        'order_id,order_ts,status,customer_id,lines,ship_hours,returned',
        'A,2024-01-01 08:00:00,delivered,C1,2,24,false',
        'B,2024-01-01 12:00:00,delivered,C2,1,96,true',
        'C,2024-01-02 00:00:00,complete,C1,1,18,true',
        'D,2024-01-03 09:00:00,cancelled,C3,1,,true',
        'E,2024-01-04 10:00:00,open,C3,1,,false',
        'F,2024-01-04 06:00:00,shipped,C2,1,,false',
        'G,2024-01-05 09:00:00,delivered,C4,1,,false',
        '',
      ].join('\r\n'),
    );
    const all = await csvOf(db, { filters: { site: ['DC2'] } });
    expect(all.split('\r\n')[0]).toBe(orderListColumns.join(','));
    expect(all.split('\r\n')).toHaveLength(5); // header, C, D, F, and the final line break
  });

  it('exports a KPI drill-through as CSV', async () => {
    const csv = await csvOf(db, {
      kpi: 'order_fill_rate',
      failedOnly: true,
      sort: 'order_id',
      direction: 'asc',
      columns: ['order_id', 'units_due', 'units_filled_first', 'failed'],
    });
    expect(csv).toBe(
      'order_id,units_due,units_filled_first,failed\r\nB,4,2,true\r\nF,10,6,true\r\n',
    );
  });

  it("tells B's story as a timeline: steps in order, hours between them, late against promises", async () => {
    const order = await getOrder(db, 'B');
    expect(order?.order).toMatchObject({ order_id: 'B', status: 'delivered', customer_id: 'C2' });
    expect(order?.lines.map((l) => [l.line_no, l.sku, l.qty_ordered, l.qty_shipped])).toEqual([
      [1, 'S1', 4, 4],
    ]);
    expect(order?.shipments.map((s) => [s.shipment_id, s.qty_shipped])).toEqual([
      ['SH2', 2],
      ['SH3', 2],
    ]);
    expect(order?.returns.map((r) => [r.return_id, r.reason_category])).toEqual([
      ['R1', 'wrong_item'],
    ]);
    expect(order?.timeline).toEqual([
      {
        kind: 'placed',
        at: '2024-01-01T12:00:00.000Z',
        label: 'Order placed',
        detail: 'via edi · C2',
        planned: false,
        hoursSincePrevious: null,
      },
      {
        kind: 'entered',
        at: '2024-01-01T12:00:00.000Z',
        label: 'Entered in the ERP',
        planned: false,
        hoursSincePrevious: 0,
      },
      {
        kind: 'promised_ship',
        at: '2024-01-02T00:00:00.000Z',
        label: 'Promised ship date',
        planned: true,
        hoursSincePrevious: null,
      },
      {
        kind: 'released',
        at: '2024-01-02T09:00:00.000Z',
        label: 'Released to the warehouse',
        planned: false,
        hoursSincePrevious: 21,
      },
      {
        kind: 'shipped',
        at: '2024-01-02T12:00:00.000Z',
        label: 'Shipment SH2 shipped',
        detail: '1 line, 2 units · UPS express · from DC1',
        planned: false,
        hoursSincePrevious: 3,
      },
      {
        kind: 'delivered',
        at: '2024-01-03T12:00:00.000Z',
        label: 'Shipment SH2 delivered',
        planned: false,
        hoursSincePrevious: 24,
      },
      {
        kind: 'shipped',
        at: '2024-01-05T12:00:00.000Z',
        label: 'Shipment SH3 shipped',
        detail: '1 line, 2 units · UPS express · from DC1',
        planned: false,
        hoursSincePrevious: 48,
        daysLate: 3,
      },
      {
        kind: 'promised_delivery',
        at: '2024-01-06T00:00:00.000Z',
        label: 'Promised delivery date',
        planned: true,
        hoursSincePrevious: null,
      },
      {
        kind: 'requested_delivery',
        at: '2024-01-06T00:00:00.000Z',
        label: 'Delivery requested by the customer',
        planned: true,
        hoursSincePrevious: null,
      },
      {
        kind: 'delivered',
        at: '2024-01-07T09:00:00.000Z',
        label: 'Shipment SH3 delivered',
        detail: 'documentation error',
        planned: false,
        hoursSincePrevious: 45,
        daysLate: 1,
      },
      {
        kind: 'returned',
        at: '2024-01-08T10:00:00.000Z',
        label: 'Return R1 received',
        detail: '1 unit of S1 · wrong item, code WRI',
        planned: false,
        hoursSincePrevious: 25,
      },
      {
        kind: 'credited',
        at: '2024-01-10T10:00:00.000Z',
        label: 'Return R1 credited',
        planned: false,
        hoursSincePrevious: 48,
      },
    ]);
  });

  it('says how an order counts in each KPI', async () => {
    const verdicts = (order: Awaited<ReturnType<typeof getOrder>>) =>
      Object.fromEntries((order?.kpis ?? []).map((k) => [k.id, [k.status, k.value ?? k.reason]]));
    const b = verdicts(await getOrder(db, 'B'));
    expect(b.order_fill_rate).toEqual(['failed', undefined]);
    expect(b.damage_free_rate).toEqual(['passed', undefined]);
    expect(b.order_shipment_cycle_time).toEqual(['measured', 96]);
    const g = verdicts(await getOrder(db, 'G'));
    expect(g.on_time_delivery_rate).toEqual(['excluded', 'no promised delivery date']);
    expect(g.order_release_cycle_time).toEqual(['measured', 4]);
    const d = verdicts(await getOrder(db, 'D'));
    expect(d.order_fill_rate).toEqual(['not_in_scope', undefined]);
    expect(d.cancellation_rate).toEqual(['failed', undefined]);
  });

  it('a cancelled order shows its cancellation; an unknown id is undefined', async () => {
    const d = await getOrder(db, 'D');
    expect(d?.timeline.map((e) => [e.kind, e.hoursSincePrevious])).toEqual([
      ['placed', null],
      ['cancelled', 1],
      ['returned', 48],
      ['credited', 24],
    ]);
    expect(await getOrder(db, 'Z')).toBeUndefined();
    expect(await getOrder(db, "B' OR '1'='1")).toBeUndefined();
  });
});

describe('CSV injection', () => {
  it('neutralises every text cell a spreadsheet could run ("-42" in a text column too), quotes commas and quotes', async () => {
    const db = await loadKpiFixture();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'orderlens-orders-')), 'more.csv');
    writeFileSync(
      file,
      'order_id,order_ts,customer_id,channel\n' +
        'H,2024-01-06 10:00:00,"=HYPERLINK(""http://x"")","web, ""direct"""\n' +
        'I,2024-01-06 11:00:00,-42,+web\n',
    );
    const columns = {
      order_id: 'order_id',
      order_ts: 'order_ts',
      customer_id: 'customer_id',
      channel: 'channel',
    };
    const mapping = { table: 'orders', columns } as unknown as Mapping;
    expect((await loadExtract(db, { file, mapping })).status).toBe('loaded');
    const csv = await csvOf(db, {
      filters: { from: '2024-01-06' },
      columns: ['order_id', 'customer_id', 'channel', 'status'],
    });
    expect(csv).toBe(
      'order_id,customer_id,channel,status\r\n' +
        "I,'-42,'+web,open\r\n" +
        'H,"\'=HYPERLINK(""http://x"")","web, ""direct""",open\r\n',
    );
  });
});

describe('the explorer URL', () => {
  it('reads and writes page, sort, search, status, KPI and filters', () => {
    const { query, problems } = ordersQueryFromSearchParams({
      site: 'DC1,DC2',
      from: '2024-01-01',
      search: 'SO-1',
      status: 'open',
      kpi: 'order_fill_rate',
      failed: '1',
      page: '3',
      pageSize: '250',
      sort: 'order_id',
      direction: 'asc',
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      filters: { from: '2024-01-01', site: ['DC1', 'DC2'] },
      search: 'SO-1',
      status: 'open',
      kpi: 'order_fill_rate',
      failedOnly: true,
      page: 3,
      pageSize: 250,
      sort: 'order_id',
      direction: 'asc',
    });
    expect(ordersSearchString(query)).toBe(
      '?from=2024-01-01&site=DC1%2CDC2&search=SO-1&status=open&kpi=order_fill_rate&failed=1&sort=order_id&direction=asc&page=3&pageSize=250',
    );
  });

  it('drops what does not validate and says why, keeping the rest', () => {
    const { query, problems } = ordersQueryFromSearchParams({
      status: 'lost',
      page: 'two',
      site: 'DC1',
    });
    expect(query).toMatchObject({ filters: { site: ['DC1'] }, page: 1 });
    expect(query.status).toBeUndefined();
    expect(problems).toHaveLength(2);
  });
});

describe('filter menus', () => {
  it('lists the values of each dimension', async () => {
    const { listOrderFacets } = await import('./list');
    const db = await loadKpiFixture();
    expect(await listOrderFacets(db)).toEqual({
      site: ['DC1', 'DC2'],
      channel: ['edi', 'marketplace', 'phone', 'web'],
      region: ['North', 'South'],
      carrier: ['DHL', 'DPD', 'Post', 'UPS'],
      ship_mode: ['express', 'standard'],
    });
  });
});
