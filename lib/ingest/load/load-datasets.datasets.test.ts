/**
 * Real extracts from ../shared/datasets loaded with the mappings shipped in data/mappings.
 * Expected figures come from the datasets' README (computed independently of Orderlens).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, hasDatasets } from '@/test/datasets';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { parseMappingJson, type Mapping } from '../map/mapping';
import { columnsOf } from './canonical-rows';
import { loadExtract } from './load-extract';

const mapping = (name: string): Mapping =>
  parseMappingJson(
    readFileSync(
      path.join(__dirname, '..', '..', '..', 'data', 'mappings', `${name}.json`),
      'utf-8',
    ),
  );

async function tableCounts(db: Database) {
  return db.one(
    `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
            (SELECT count(*) FROM shipments) AS shipments, (SELECT count(*) FROM returns) AS returns`,
  );
}

/** Content of the canonical tables, ignoring which load wrote a row. */
async function contentChecksums(db: Database) {
  const out: Record<string, string> = {};
  for (const table of ['orders', 'order_lines', 'shipments', 'returns'] as const) {
    const cols = ['nk', ...columnsOf(table)].map(quoteIdent).join(', ');
    const row = await db.one<{ h: string }>(
      `SELECT coalesce(sum(hash(${cols})), 0)::VARCHAR AS h FROM ${quoteIdent(table)}`,
    );
    out[table] = row!.h;
  }
  return out;
}

describe.skipIf(!hasDatasets)('datasets: Superstore', () => {
  const orders = mapping('superstore-orders');

  it('Orders.csv loads 9,994 lines and 5,009 orders; a second load changes nothing', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: dataset('superstore', 'Orders.csv'),
      mapping: orders,
    });
    expect(report).toMatchObject({
      status: 'loaded',
      rowsRead: 9994,
      rowsInserted: 9994,
      rowsRejected: 0,
    });
    expect(await tableCounts(db)).toEqual({
      orders: 5009,
      lines: 9994,
      shipments: 9994,
      returns: 0,
    });
    const meanShipDays = await db.one<{ d: number }>(
      `SELECT round(avg(days), 3) AS d FROM (
         SELECT o.order_id, date_diff('day', o.order_ts, max(s.ship_ts)) AS days
           FROM orders o JOIN shipments s USING (order_id) GROUP BY o.order_id, o.order_ts)`,
    );
    expect(meanShipDays?.d).toBe(3.958);
    const before = await contentChecksums(db);
    const again = await loadExtract(db, {
      file: dataset('superstore', 'Orders.csv'),
      mapping: orders,
    });
    expect(again.status).toBe('unchanged');
    expect(await contentChecksums(db)).toEqual(before);
  });

  it('the .xlsx and .parquet copies give the same tables as the CSV', async () => {
    const fromCsv = await openMemoryDatabase();
    await loadExtract(fromCsv, { file: dataset('superstore', 'Orders.csv'), mapping: orders });
    const expected = await contentChecksums(fromCsv);
    const fromXlsx = await openMemoryDatabase();
    const xlsx = await loadExtract(fromXlsx, {
      file: dataset('superstore', 'Sample - Superstore.xlsx'),
      mapping: { ...orders, sheet: 'Orders' },
    });
    expect(xlsx).toMatchObject({ status: 'loaded', rowsRead: 9994 });
    expect(await contentChecksums(fromXlsx)).toEqual(expected);
    const fromParquet = await openMemoryDatabase();
    const parquet = await loadExtract(fromParquet, {
      file: dataset('superstore', 'Orders.parquet'),
      mapping: orders,
    });
    expect(parquet).toMatchObject({ status: 'loaded', rowsRead: 9994 });
    expect(await contentChecksums(fromParquet)).toEqual(expected);
  });

  it('Returns.csv loads as 296 order-level returns', async () => {
    const db = await openMemoryDatabase();
    await loadExtract(db, { file: dataset('superstore', 'Orders.csv'), mapping: orders });
    const report = await loadExtract(db, {
      file: dataset('superstore', 'Returns.csv'),
      mapping: mapping('superstore-returns'),
    });
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 296, rowsInserted: 296 });
    const rate = await db.one<{ returned: number; orders: number }>(
      `SELECT count(DISTINCT r.order_id) AS returned, (SELECT count(*) FROM orders) AS orders
         FROM returns r JOIN orders USING (order_id)`,
    );
    expect(rate).toEqual({ returned: 296, orders: 5009 });
  });

  it('the legacy .xls is refused with "save it as .xlsx"', async () => {
    const db = await openMemoryDatabase();
    await expect(
      loadExtract(db, { file: dataset('superstore', 'Sample - Superstore.xls'), mapping: orders }),
    ).rejects.toThrow(/save it as \.xlsx/);
  });
});

describe.skipIf(!hasDatasets)('datasets: Olist and Online Retail', () => {
  it('the Olist subset loads with dd-mm-yyyy HH:MM dates: 19,999 orders, 0.62% cancelled', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: dataset('olist', 'olist_orders_subset_aravindguna.csv'),
      mapping: mapping('olist-orders-subset'),
    });
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 19999, rowsRejected: 0 });
    const row = await db.one(
      `SELECT count(*) AS orders, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              (SELECT count(*) FROM shipments WHERE delivered_ts IS NOT NULL) AS delivered FROM orders`,
      // awk -F, 'NR>1 && $6!="" && $6!="\r"' counts 19,430 rows with a delivery date.
    );
    expect(row).toEqual({ orders: 19999, cancelled: 124, delivered: 19430 });
    const first = await db.one(
      "SELECT released_ts, promised_delivery_ts FROM orders WHERE order_id = 'e481f51cbdc54678b7cc49136f2d6af7'",
    );
    expect(first).toEqual({
      released_ts: '2017-10-02T11:07:00.000Z',
      promised_delivery_ts: '2017-10-18T00:00:00.000Z',
    });
  });

  it('the Olist classified file loads one order per row', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: dataset('olist', 'olist_classified_public_dataset.csv'),
      mapping: mapping('olist-classified'),
    });
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 3584, rowsRejected: 0 });
    expect(await tableCounts(db)).toMatchObject({ orders: 3584, lines: 3584 });
  });

  it('the Online Retail sample loads with NA as null: 350 cancelled lines on 313 of 9,362 invoices', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: dataset('online-retail', 'online_retail_sample.csv'),
      mapping: mapping('online-retail'),
    });
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 20000, rowsRejected: 0 });
    const row = await db.one(
      `SELECT count(*) AS invoices, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              count(*) FILTER (WHERE customer_id IS NULL) AS no_customer,
              (SELECT count(*) FROM order_lines l JOIN orders o USING (order_id) WHERE o.status = 'cancelled') AS cancelled_lines,
              (SELECT count(*) FROM order_lines) AS lines FROM orders`,
    );
    expect(row).toMatchObject({
      invoices: 9362,
      cancelled: 313,
      cancelled_lines: 350,
      lines: 20000,
    });
    expect((row as { no_customer: number }).no_customer).toBeGreaterThan(0);
    const again = await loadExtract(db, {
      file: dataset('online-retail', 'online_retail_sample.csv'),
      mapping: mapping('online-retail'),
    });
    expect(again.status).toBe('unchanged');
  });
});
