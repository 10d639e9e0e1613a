import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadFixtureFiles, loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { streamOrdersArrow, type OrdersArrowQuery } from './arrow';
import { listOrders, orderListColumns, type OrdersQuery } from './list';

/** The whole stream decoded, with its rows as the JSON pages write them (times as ISO text). */
async function decode(db: Database, query: OrdersArrowQuery) {
  const parts: Uint8Array[] = [];
  for await (const part of streamOrdersArrow(db, query)) parts.push(part);
  const table = tableFromIPC(Buffer.concat(parts));
  const meta = table.schema.metadata;
  return {
    table,
    rows: rowsOf(table),
    total: Number(meta.get('orderlens.total')),
    offset: Number(meta.get('orderlens.offset')),
    columns: JSON.parse(meta.get('orderlens.columns') ?? 'null') as string[],
    sort: meta.get('orderlens.sort'),
    direction: meta.get('orderlens.direction'),
  };
}

function rowsOf(table: Table): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const field of table.schema.fields) {
      const value: unknown = table.getChild(field.name)!.get(i);
      row[field.name] =
        value !== null && DataType.isTimestamp(field.type)
          ? new Date(value as number).toISOString()
          : value;
    }
    rows.push(row);
  }
  return rows;
}

/** Every row of the view through listOrders, page by page (500 a page). */
async function allPages(db: Database, query: OrdersQuery, from = 1, to = Infinity) {
  const rows: Record<string, unknown>[] = [];
  for (let page = from; page <= to; page++) {
    const next = await listOrders(db, { ...query, page, pageSize: 500 });
    rows.push(...next.rows);
    if (next.rows.length < 500) break;
  }
  return rows;
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.order_id);

describe('the view as an Arrow stream, on the hand-made fixture (orders A–G)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await loadKpiFixture();
  });

  it('carries every list column, typed, with the rows listOrders pages hold', async () => {
    const arrow = await decode(db, {});
    expect([arrow.total, arrow.offset, arrow.sort, arrow.direction]).toEqual([
      7,
      0,
      'order_ts',
      'desc',
    ]);
    expect(arrow.columns).toEqual([...orderListColumns]);
    expect(ids(arrow.rows)).toEqual(['G', 'E', 'F', 'D', 'C', 'B', 'A']);
    expect(arrow.rows).toEqual((await listOrders(db, { pageSize: 500 })).rows);
    const type = (c: string) => String(arrow.table.schema.fields.find((f) => f.name === c)?.type);
    expect(['order_id', 'order_ts', 'lines', 'ship_hours', 'returned'].map(type)).toEqual([
      'Utf8',
      'Timestamp<MILLISECOND, UTC>',
      'Float64',
      'Float64',
      'Bool',
    ]);
    expect(arrow.rows[6]).toMatchObject({
      order_id: 'A',
      order_ts: '2024-01-01T08:00:00.000Z',
      status: 'delivered',
      ship_hours: 24,
      lines: 2,
      units_due: 15,
      returned: false,
      region: 'North',
    });
  });

  it('filters, searches, narrows by status and sorts as the pages do', async () => {
    const queries: [OrdersQuery, string[]][] = [
      [{ filters: { site: ['DC2'] }, sort: 'order_id', direction: 'asc' }, ['C', 'D', 'F']],
      [{ filters: { from: '2024-01-04', to: '2024-01-04' } }, ['E', 'F']],
      [{ search: ' c2 ', sort: 'order_id', direction: 'asc' }, ['B', 'F']],
      [{ status: 'delivered', sort: 'ship_hours' }, ['B', 'A', 'G']],
      [
        { sort: 'order_id; DROP TABLE orders', direction: 'asc' },
        ['A', 'B', 'C', 'D', 'F', 'E', 'G'],
      ],
      [{ search: "A' OR '1'='1" }, []],
    ];
    for (const [query, expected] of queries) {
      const arrow = await decode(db, query);
      expect(ids(arrow.rows), JSON.stringify(query)).toEqual(expected);
      expect(arrow.total).toBe(expected.length);
      expect(arrow.rows).toEqual((await listOrders(db, { ...query, pageSize: 500 })).rows);
    }
  });

  it('sends a range of the view, with the total of the whole view', async () => {
    const arrow = await decode(db, { sort: 'order_id', direction: 'asc', offset: 2, limit: 3 });
    expect([ids(arrow.rows), arrow.total, arrow.offset]).toEqual([['C', 'D', 'E'], 7, 2]);
    const past = await decode(db, { offset: 50 });
    expect([past.rows, past.total, past.table.schema.fields.length]).toEqual([[], 7, 31]);
  });

  it('sends only the columns asked for, in the order asked, dropping unknown ones', async () => {
    const arrow = await decode(db, {
      columns: ['status', 'order_id', 'no_such_column', 'status'],
      sort: 'order_id',
      direction: 'asc',
      limit: 2,
    });
    expect(arrow.columns).toEqual(['status', 'order_id']);
    expect(arrow.rows).toEqual([
      { status: 'delivered', order_id: 'A' },
      { status: 'delivered', order_id: 'B' },
    ]);
    // None known: every column.
    expect((await decode(db, { columns: ['nothing'] })).columns).toHaveLength(31);
  });

  it("streams a KPI's drill-through: the failing orders, or all in scope with their verdict", async () => {
    const failing: OrdersQuery = {
      kpi: 'order_fill_rate',
      failedOnly: true,
      sort: 'order_id',
      direction: 'asc',
    };
    const arrow = await decode(db, failing);
    expect([ids(arrow.rows), arrow.total, arrow.sort]).toEqual([['B', 'F'], 2, 'order_id']);
    expect(arrow.columns.slice(-2)).toEqual(['value', 'failed']);
    expect(arrow.rows.map((r) => [r.units_due, r.units_filled_first, r.failed])).toEqual([
      [4, 2, true],
      [10, 6, true],
    ]);
    expect(arrow.rows).toEqual((await listOrders(db, failing)).rows);
    // The drill's own default sort (its second column, descending), reported as listOrders does.
    const scope = await decode(db, { kpi: 'order_fill_rate' });
    const page = await listOrders(db, { kpi: 'order_fill_rate' });
    expect([arrow.total, scope.total, scope.sort]).toEqual([2, 4, page.sort]);
    expect(scope.rows).toEqual(page.rows);
    const returns = await decode(db, { kpi: 'returns_processing_cycle_time' });
    expect(returns.rows.map((r) => [r.return_id, r.order_id, r.value])).toEqual([['R1', 'B', 2]]);
    expect(returns.rows).toEqual(
      (await listOrders(db, { kpi: 'returns_processing_cycle_time' })).rows,
    );
  });

  it('refuses an unknown KPI and a range past its limits before sending anything', async () => {
    await expect(decode(db, { kpi: 'no_such_kpi' })).rejects.toThrow('There is no KPI');
    await expect(decode(db, { limit: 1_000_001 })).rejects.toThrow(/limit/);
    await expect(decode(db, { offset: -1 })).rejects.toThrow(/offset/);
  });
});

/** Orders O0001…O5000, an hour apart; every fourth ships one unit of two (not filled first). */
function generatedOrders(count: number) {
  const id = (i: number) => `O${String(i).padStart(4, '0')}`;
  const at = (i: number, plusHours = 0) =>
    new Date(Date.UTC(2024, 0, 1) + (i + plusHours) * 3_600_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
  const each = (line: (i: number) => string) =>
    Array.from({ length: count }, (_, n) => line(n + 1));
  return {
    id,
    files: {
      'orders.csv': [
        'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency',
        ...each((i) => `${id(i)},${at(i)},C${i % 7},web,DC${1 + (i % 2)},North,,,,,,,open,10,EUR`),
      ],
      'order_lines.csv': [
        'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts',
        ...each((i) => `${id(i)},1,S1,2,5,,,`),
      ],
      'shipments.csv': [
        'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
        ...each(
          (i) =>
            `SH${i},${id(i)},1,S1,${i % 4 === 0 ? 1 : 2},${at(i, 24)},,DHL,standard,DC1,false,false`,
        ),
      ],
      'returns.csv': [
        'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
        `R1,${id(1)},1,S1,1,${at(1, 48)},,CUST,customer_choice,5`,
      ],
    },
  };
}

describe('a view longer than a DuckDB chunk (2,048 rows): 5,000 generated orders', () => {
  const { id, files } = generatedOrders(5000);
  let db: Database;
  beforeAll(async () => {
    db = await loadFixtureFiles(files);
  });
  const byId = { sort: 'order_id', direction: 'asc' } as const;

  it('streams the whole view in batches of at most 2,048 rows, equal to every JSON page', async () => {
    const arrow = await decode(db, byId);
    expect([arrow.total, arrow.rows.length]).toEqual([5000, 5000]);
    expect(arrow.table.batches.length).toBeGreaterThanOrEqual(3);
    expect(arrow.table.batches.every((b) => b.numRows <= 2048)).toBe(true);
    expect(ids(arrow.rows)).toEqual(Array.from({ length: 5000 }, (_, n) => id(n + 1)));
    expect(arrow.rows).toEqual(await allPages(db, byId));
    expect(arrow.rows[4999]).toMatchObject({
      order_id: 'O5000',
      order_ts: '2024-07-27T08:00:00.000Z', // 5,000 hours after 2024-01-01 00:00
      final_ship_ts: '2024-07-28T08:00:00.000Z',
      ship_hours: null, // 1 of 2 units shipped: not complete, so no ship time
      customer_id: 'C2',
      site: 'DC1',
      units_due: 2,
      qty_shipped: 1,
    });
  });

  it('sends a range that crosses chunk boundaries, newest first by default', async () => {
    const range = await decode(db, { ...byId, offset: 2000, limit: 3000 });
    expect([range.total, range.offset, range.rows.length]).toEqual([5000, 2000, 3000]);
    expect([
      range.rows[0]!.order_id,
      range.rows[48]!.order_id,
      range.rows.at(-1)!.order_id,
    ]).toEqual(['O2001', 'O2049', 'O5000']);
    expect(range.rows).toEqual(await allPages(db, byId, 5, 10));
    const newest = await decode(db, { offset: 2040, limit: 20, columns: ['order_id'] });
    expect(ids(newest.rows)).toEqual(Array.from({ length: 20 }, (_, n) => id(2960 - n)));
  });

  it('streams the failing orders of a KPI, and its whole scope past a chunk', async () => {
    const failing = await decode(db, { kpi: 'order_fill_rate', failedOnly: true, ...byId });
    expect([failing.total, failing.rows.length]).toEqual([1250, 1250]);
    expect(ids(failing.rows).slice(0, 3)).toEqual(['O0004', 'O0008', 'O0012']);
    expect(failing.rows.every((r) => r.failed === true)).toBe(true);
    expect(failing.rows).toEqual(
      await allPages(db, { kpi: 'order_fill_rate', failedOnly: true, ...byId }),
    );
    const scope = await decode(db, { kpi: 'order_fill_rate', ...byId, offset: 1000, limit: 2500 });
    expect([scope.total, scope.rows.length]).toEqual([5000, 2500]);
    expect(scope.rows.filter((r) => r.failed).length).toBe(625);
    expect(scope.rows).toEqual(await allPages(db, { kpi: 'order_fill_rate', ...byId }, 3, 7));
  });
});
