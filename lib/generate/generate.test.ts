import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral } from '@/lib/db/sql';
import {
  canonicalFields,
  canonicalTables,
  reasonCategories,
  type CanonicalTable,
} from '@/lib/model/canonical';
import { generateExtracts, reasonCodeCategories, type GenerateResult } from './index';

const ORDERS = 2_000;
let root: string;
let csv: GenerateResult;
let instance: DuckDBInstance;
let db: DuckDBConnection;
const progress: number[] = [];

const duckType = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  number: 'DOUBLE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
};

/** A view over a generated CSV, typed by the canonical model (a bad value fails the read). */
function csvView(table: CanonicalTable, dir: string, typed = true): string {
  const columns = canonicalFields[table]
    .map((f) => `${quoteLiteral(f.name)}: '${typed ? duckType[f.type] : 'VARCHAR'}'`)
    .join(', ');
  const path = quoteLiteral(join(dir, `${table}.csv`));
  return `SELECT * FROM read_csv(${path}, header = true, auto_detect = false, columns = {${columns}})`;
}

async function value(sql: string): Promise<number> {
  const rows = (await db.runAndReadAll(sql)).getRowsJS();
  return Number(rows[0]?.[0]);
}

async function hashes(dir: string): Promise<string[]> {
  return Promise.all(
    canonicalTables.map(async (table) =>
      createHash('sha256')
        .update(await readFile(join(dir, `${table}.csv`)))
        .digest('hex'),
    ),
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'orderlens-generate-'));
  csv = await generateExtracts({
    outDir: join(root, 'a'),
    orders: ORDERS,
    seed: 7,
    onProgress: (n) => progress.push(n),
  });
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  for (const table of canonicalTables) {
    await db.run(`CREATE TABLE ${table} AS ${csvView(table, join(root, 'a'))}`);
    await db.run(`CREATE VIEW raw_${table} AS ${csvView(table, join(root, 'a'), false)}`);
  }
  // Per line: quantity shipped; per order: shipped, complete (catalogue rule) and delivered.
  await db.run(`CREATE VIEW line_shipped AS
    SELECT l.*, coalesce(sum(s.qty_shipped), 0) AS shipped
    FROM order_lines l LEFT JOIN shipments s USING (order_id, line_no) GROUP BY ALL`);
  await db.run(`CREATE VIEW order_state AS
    SELECT o.order_id, o.status, o.cancelled_ts IS NOT NULL AS cancelled,
      EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.order_id) AS shipped,
      (SELECT bool_and(shipped >= qty_ordered - qty_cancelled) FROM line_shipped l WHERE l.order_id = o.order_id) AS complete,
      (SELECT bool_and(delivered_ts IS NOT NULL) FROM shipments s WHERE s.order_id = o.order_id) AS all_delivered
    FROM orders o`);
  await db.run(`CREATE VIEW delivered_orders AS
    SELECT order_id FROM order_state WHERE NOT cancelled AND shipped AND complete AND all_delivered`);
});

afterAll(async () => {
  db?.closeSync();
  instance?.closeSync();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('generateExtracts', () => {
  it('reports the files and row counts it wrote, and progress up to the total', async () => {
    expect(csv.orders).toBe(ORDERS);
    expect(csv.files.map((f) => f.table)).toEqual([...canonicalTables]);
    for (const file of csv.files) {
      expect(file.path).toBe(join(root, 'a', `${file.table}.csv`));
      expect(file.rows).toBe(await value(`SELECT count(*) FROM ${file.table}`));
    }
    expect(csv.lines).toBe(await value('SELECT count(*) FROM order_lines'));
    expect(csv.lines / ORDERS).toBeGreaterThan(2.2);
    expect(csv.lines / ORDERS).toBeLessThan(2.8);
    expect(progress.at(-1)).toBe(ORDERS);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    await generateExtracts({ outDir: join(root, 'b'), orders: ORDERS, seed: 7 });
    await generateExtracts({ outDir: join(root, 'c'), orders: ORDERS, seed: 8 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => hashes(join(root, d))));
    expect(b).toEqual(a);
    expect(c?.[0]).not.toBe(a?.[0]);
  });

  it('writes the canonical header of each table and nothing but LF line ends', async () => {
    for (const table of canonicalTables) {
      const text = await readFile(join(root, 'a', `${table}.csv`), 'utf8');
      expect(text.slice(0, text.indexOf('\n'))).toBe(
        canonicalFields[table].map((f) => f.name).join(','),
      );
      expect(text.includes('\r')).toBe(false);
      expect(text.endsWith('\n')).toBe(true);
    }
  });

  it('formats timestamps, booleans and money as specified', async () => {
    const badTs = await value(`SELECT count(*) FROM raw_orders
      WHERE NOT regexp_full_match(order_ts, '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}')
         OR (promised_ship_ts IS NOT NULL AND NOT regexp_full_match(promised_ship_ts, '\\d{4}-\\d{2}-\\d{2} 00:00:00'))`);
    expect(badTs).toBe(0);
    expect(
      await value(`SELECT count(*) FROM raw_shipments WHERE damaged NOT IN ('true', 'false')`),
    ).toBe(0);
    expect(
      await value(
        `SELECT count(*) FROM raw_orders WHERE NOT regexp_full_match(order_value, '\\d+\\.\\d{2}')`,
      ),
    ).toBe(0);
    expect(await value(`SELECT count(*) FROM orders WHERE currency <> 'EUR'`)).toBe(0);
    // order_value = Σ qty × price, to the cent
    const mismatched = await value(`SELECT count(*) FROM orders o JOIN
      (SELECT order_id, round(sum(qty_ordered * unit_price), 2) v FROM order_lines GROUP BY 1) l USING (order_id)
      WHERE abs(o.order_value - l.v) > 0.005`);
    expect(mismatched).toBe(0);
  });

  it('keeps referential integrity and never ships or returns more than ordered', async () => {
    expect(
      await value('SELECT count(*) FROM order_lines l ANTI JOIN orders o USING (order_id)'),
    ).toBe(0);
    expect(
      await value('SELECT count(*) FROM orders o ANTI JOIN order_lines l USING (order_id)'),
    ).toBe(0);
    expect(
      await value(
        'SELECT count(*) FROM shipments s ANTI JOIN order_lines l USING (order_id, line_no)',
      ),
    ).toBe(0);
    expect(
      await value(
        'SELECT count(*) FROM returns r ANTI JOIN order_lines l USING (order_id, line_no)',
      ),
    ).toBe(0);
    expect(
      await value('SELECT count(*) FROM line_shipped WHERE shipped > qty_ordered - qty_cancelled'),
    ).toBe(0);
    const overReturned = await value(`SELECT count(*) FROM
      (SELECT order_id, line_no, sum(qty_returned) q FROM returns GROUP BY ALL) r
      JOIN line_shipped l USING (order_id, line_no) WHERE r.q > l.shipped`);
    expect(overReturned).toBe(0);
    expect(await value('SELECT count(*) - count(DISTINCT return_id) FROM returns')).toBe(0);
    expect(
      await value(
        'SELECT count(*) - count(DISTINCT (shipment_id, order_id, line_no)) FROM shipments',
      ),
    ).toBe(0);
    expect(
      await value(
        'SELECT count(*) FROM returns r JOIN order_lines l USING (order_id, line_no) WHERE r.sku <> l.sku',
      ),
    ).toBe(0);
  });

  it('cancels about 3% of orders, which never ship', async () => {
    const share = await value(`SELECT avg((status = 'cancelled')::INT) FROM orders`);
    expect(share).toBeGreaterThanOrEqual(0.01);
    expect(share).toBeLessThanOrEqual(0.06);
    expect(
      await value(
        `SELECT count(*) FROM orders WHERE (status = 'cancelled') <> (cancelled_ts IS NOT NULL)`,
      ),
    ).toBe(0);
    expect(await value('SELECT count(*) FROM order_state WHERE cancelled AND shipped')).toBe(0);
  });

  it('keeps each status consistent with the shipments', async () => {
    const inconsistent =
      await value(`SELECT count(*) FROM order_state WHERE NOT cancelled AND CASE status
      WHEN 'open' THEN shipped AND complete
      WHEN 'shipped' THEN NOT (shipped AND complete AND NOT all_delivered)
      WHEN 'delivered' THEN NOT (shipped AND complete AND all_delivered)
      WHEN 'closed' THEN NOT (shipped AND complete AND all_delivered)
      ELSE true END`);
    expect(inconsistent).toBe(0);
    const statuses = (await db.runAndReadAll('SELECT DISTINCT status FROM orders ORDER BY 1'))
      .getRowsJS()
      .flat();
    expect(statuses).toEqual(['cancelled', 'closed', 'delivered', 'open', 'shipped']);
  });

  it('splits 3–15% of shipped orders over several ship dates, with backorders and cancelled quantities', async () => {
    const split = await value(
      `SELECT avg((n > 1)::INT) FROM (SELECT order_id, count(DISTINCT ship_ts) n FROM shipments GROUP BY 1)`,
    );
    expect(split).toBeGreaterThanOrEqual(0.03);
    expect(split).toBeLessThanOrEqual(0.15);
    const backordered =
      await value(`WITH first AS (SELECT order_id, min(ship_ts) t FROM shipments GROUP BY 1)
      SELECT count(*) FROM order_lines l JOIN first f USING (order_id)
      WHERE l.qty_ordered - l.qty_cancelled > (SELECT coalesce(sum(qty_shipped), 0) FROM shipments s
        WHERE s.order_id = l.order_id AND s.line_no = l.line_no AND s.ship_ts = f.t)`);
    expect(backordered).toBeGreaterThan(0);
    expect(
      await value(
        `SELECT count(*) FROM order_lines l JOIN orders o USING (order_id) WHERE o.status <> 'cancelled' AND qty_cancelled > 0`,
      ),
    ).toBeGreaterThan(0);
  });

  it('has returns on 3–10% of delivered orders, with mapped reason codes', async () => {
    const share = await value(
      `SELECT avg((order_id IN (SELECT order_id FROM returns))::INT) FROM delivered_orders`,
    );
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.1);
    const rows = (
      await db.runAndReadAll('SELECT DISTINCT reason_code, reason_category FROM returns')
    ).getRowsJS();
    expect(rows.length).toBeGreaterThan(3);
    for (const [code, category] of rows) expect(reasonCodeCategories[String(code)]).toBe(category);
    for (const category of Object.values(reasonCodeCategories))
      expect(reasonCategories).toContain(category);
    expect(await value('SELECT count(*) FROM returns WHERE credited_ts IS NULL')).toBeGreaterThan(
      0,
    );
    expect(
      await value(
        'SELECT count(*) FROM returns WHERE abs(return_value - qty_returned * (SELECT unit_price FROM order_lines l WHERE l.order_id = returns.order_id AND l.line_no = returns.line_no)) > 0.005',
      ),
    ).toBe(0);
  });

  it('leaves some orders without promised dates, and some open or in transit at the cut-off', async () => {
    const noPromise = await value('SELECT avg((promised_delivery_ts IS NULL)::INT) FROM orders');
    expect(noPromise).toBeGreaterThan(0.03);
    expect(noPromise).toBeLessThan(0.2);
    expect(
      await value('SELECT count(*) FROM order_state WHERE NOT cancelled AND NOT shipped'),
    ).toBeGreaterThan(0);
    expect(
      await value('SELECT count(*) FROM shipments WHERE delivered_ts IS NULL'),
    ).toBeGreaterThan(0);
  });

  it('orders the stage timestamps: order ≤ entry ≤ release ≤ ship ≤ delivery < return ≤ credit', async () => {
    const bad =
      await value(`SELECT count(*) FROM orders WHERE entered_ts < order_ts OR released_ts < entered_ts OR cancelled_ts < order_ts
      OR order_ts < TIMESTAMP '2025-01-01' OR order_ts >= TIMESTAMP '2026-01-01'`);
    expect(bad).toBe(0);
    const badShip = await value(`SELECT count(*) FROM shipments s JOIN orders o USING (order_id)
      WHERE s.ship_ts < o.released_ts OR o.released_ts IS NULL OR s.delivered_ts < s.ship_ts OR s.delivered_ts >= TIMESTAMP '2026-01-01'`);
    expect(badShip).toBe(0);
    const badReturn =
      await value(`SELECT count(*) FROM returns r WHERE credited_ts < return_ts OR return_ts <=
      (SELECT min(delivered_ts) FROM shipments s WHERE s.order_id = r.order_id AND s.line_no = r.line_no)`);
    expect(badReturn).toBe(0);
  });

  it('gives returns the workflow stages in order, and leaves recent ones open at the cut-off', async () => {
    const bad = await value(`SELECT count(*) FROM returns WHERE authorised_ts > return_ts
      OR inspected_ts < return_ts OR disposition_ts < inspected_ts OR disposition_ts > credited_ts
      OR inspected_ts > credited_ts OR (disposition IS NULL) <> (disposition_ts IS NULL)
      OR authorised_ts < (SELECT min(delivered_ts) FROM shipments s WHERE s.order_id = returns.order_id AND s.line_no = returns.line_no)`);
    expect(bad).toBe(0);
    const share = (where: string) => value(`SELECT avg((${where})::INT) FROM returns`);
    // Most returns are authorised first; a few arrive unannounced.
    expect(await share('authorised_ts IS NOT NULL')).toBeGreaterThan(0.85);
    expect(await share('authorised_ts IS NOT NULL')).toBeLessThan(1);
    expect(await share('inspected_ts IS NOT NULL')).toBeGreaterThan(0.9);
    const dispositions = (
      await db.runAndReadAll(
        'SELECT DISTINCT disposition FROM returns WHERE disposition IS NOT NULL ORDER BY 1',
      )
    ).getRowsJS();
    expect(dispositions.map((r) => r[0])).toEqual([
      'refurbish',
      'restock',
      'return_to_vendor',
      'scrap',
    ]);
    // Restock is the most common disposition; damaged goods are mostly not restocked.
    expect(await share("disposition = 'restock'")).toBeGreaterThan(0.4);
    expect(
      await value(
        `SELECT avg((disposition = 'restock')::INT) FROM returns WHERE reason_code = 'DMG'`,
      ),
    ).toBeLessThan(0.2);
    // Open at the cut-off: returns not yet inspected, not yet decided and not yet credited.
    const open = 'credited_ts IS NULL';
    expect(
      await value(`SELECT count(*) FROM returns WHERE ${open} AND inspected_ts IS NULL`),
    ).toBeGreaterThan(0);
    expect(
      await value(
        `SELECT count(*) FROM returns WHERE ${open} AND inspected_ts IS NOT NULL AND disposition_ts IS NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await value(`SELECT count(*) FROM returns WHERE ${open} AND disposition_ts IS NOT NULL`),
    ).toBeGreaterThan(0);
  });

  it('receives fewer orders per day at weekends, and shows site and carrier differences', async () => {
    const perDay = (
      await db.runAndReadAll(`SELECT isodow(order_ts) >= 6 AS weekend, count(*) / count(DISTINCT order_ts::DATE) AS n
      FROM orders GROUP BY 1 ORDER BY 1`)
    ).getRowsJS();
    expect(Number(perDay[1]?.[1])).toBeLessThan(Number(perDay[0]?.[1]) / 2);
    expect(await value('SELECT count(DISTINCT site) FROM orders')).toBe(3);
    expect(await value('SELECT count(DISTINCT channel) FROM orders')).toBe(6);
    expect(await value('SELECT count(DISTINCT region) FROM orders')).toBe(4);
    expect(await value('SELECT count(DISTINCT carrier) FROM shipments')).toBe(5);
    expect(await value('SELECT count(DISTINCT ship_mode) FROM shipments')).toBe(3);
    const releaseToShip = (
      await db.runAndReadAll(`SELECT o.site, avg(epoch(s.ship_ts - o.released_ts)) / 3600 AS h
      FROM orders o JOIN shipments s USING (order_id) GROUP BY 1 ORDER BY 1`)
    ).getRowsJS();
    const hours = Object.fromEntries(releaseToShip.map(([site, h]) => [String(site), Number(h)]));
    expect(hours['DC-South']).toBeGreaterThan((hours['DC-North'] ?? 0) * 1.2);
  });

  it('writes Parquet with the same row counts and canonical types, and removes its temp CSVs', async () => {
    const outDir = join(root, "it's parquet");
    const parquet = await generateExtracts({ outDir, orders: ORDERS, seed: 7, format: 'parquet' });
    expect((await readdir(outDir)).sort()).toEqual(
      canonicalTables.map((t) => `${t}.parquet`).sort(),
    );
    for (const file of parquet.files) {
      const expected = csv.files.find((f) => f.table === file.table)?.rows;
      expect(file.rows).toBe(expected);
      expect(await value(`SELECT count(*) FROM read_parquet(${quoteLiteral(file.path)})`)).toBe(
        expected,
      );
    }
    const types = (
      await db.runAndReadAll(
        `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(join(outDir, 'shipments.parquet'))}))`,
      )
    ).getRowsJS();
    expect(Object.fromEntries(types.map(([n, t]) => [String(n), String(t)]))).toMatchObject({
      line_no: 'INTEGER',
      qty_shipped: 'DOUBLE',
      ship_ts: 'TIMESTAMP',
      damaged: 'BOOLEAN',
      carrier: 'VARCHAR',
    });
  });

  it('rejects invalid options', async () => {
    const outDir = join(root, 'invalid');
    await expect(generateExtracts({ outDir, orders: 0 })).rejects.toThrow(/orders/);
    await expect(generateExtracts({ outDir, start: '2025-02-30' })).rejects.toThrow(/start/);
    await expect(generateExtracts({ outDir, months: 0 })).rejects.toThrow(/months/);
  });
});
