/**
 * Demo data never mixes with real data: the first real load removes it, removeDemo removes it on
 * request, and an undo never leaves lines, shipments or returns without their order. The real
 * data is the hand-made KPI fixture (lib/kpi/fixtures/README.md): 7 orders, 8 lines, 7 shipment
 * lines, 3 return lines; its expected KPI values are the ones worked out there.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Database, openMemoryDatabase } from '@/lib/db/database';
import { fingerprint } from '@/lib/db/fingerprint';
import { loadDemoData } from '@/lib/demo';
import { computeKpis } from '@/lib/kpi/compute';
import { canonicalTables } from '@/lib/model/canonical';
import { getDataCoverage } from './coverage';
import { removeDemo } from './demo-removal';
import { DependentLoadsError, listLoads, undoLoad } from './ledger';
import { loadExtract } from './load-extract';
import { loadPathOf, type LoadReport } from './load-report';
import { fixtureMapping } from '@/test/fixture-mapping';

const DEMO_ORDERS = 40;
const fixture = (table: string) =>
  path.join(__dirname, '..', '..', 'kpi', 'fixtures', `${table}.csv`);

async function demoDatabase(): Promise<Database> {
  const db = await openMemoryDatabase();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-demo-removal-'));
  const reports = await loadDemoData(db, { orders: DEMO_ORDERS, workDir });
  expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  return db;
}

/** The fixture, one file per table; `isDemo` only to rebuild a database from before the fix. */
async function loadFixture(db: Database, isDemo = false): Promise<LoadReport[]> {
  const reports: LoadReport[] = [];
  for (const table of canonicalTables)
    reports.push(
      await loadExtract(db, {
        file: fixture(table),
        mapping: await fixtureMapping(fixture(table), table),
        isDemo,
      }),
    );
  return reports;
}

/** The fixture's hand-worked values (lib/kpi/compute.test.ts, lib/kpi/fixtures/README.md). */
async function expectFixtureKpis(db: Database) {
  const kpis = await computeKpis(db, {}, [
    'order_shipment_cycle_time',
    'order_fill_rate',
    'return_rate',
  ]);
  const byId = Object.fromEntries(kpis.map((k) => [k.id, k]));
  // A 24 h, B 96 h, C 18 h: 138 / 3.
  expect(byId.order_shipment_cycle_time).toMatchObject({
    value: 46,
    numerator: 138,
    denominator: 3,
  });
  // A and C filled on the first ship date, of A, B, C and F.
  expect(byId.order_fill_rate).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
  // B and C returned, of the four shipped orders.
  expect(byId.return_rate).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
}

async function rowsByLoad(db: Database) {
  const parts = canonicalTables.map(
    (t, i) =>
      `SELECT $${i + 1}::VARCHAR AS t, load_id, CAST(count(*) AS INTEGER) AS n FROM "${t}" GROUP BY load_id`,
  );
  const rows = await db.all<{ t: string; load_id: number; n: number }>(
    `${parts.join(' UNION ALL ')} ORDER BY t, load_id`,
    [...canonicalTables],
  );
  return rows.map((r) => `${r.t} ${r.load_id}: ${r.n}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the first real load sets the demo aside', () => {
  it('removes the demo in its own transaction: every number is the real extract alone', async () => {
    const db = await demoDatabase();
    const before = await getDataCoverage(db);
    expect(before).toMatchObject({ orders: DEMO_ORDERS, isDemo: true, demoSetAside: false });

    const [orders, ...rest] = await loadFixture(db);
    expect(orders!.demoRemoved).toEqual({
      loads: [1, 2, 3, 4],
      orders: DEMO_ORDERS,
      message:
        'The demo data (40 generated orders) was removed: every number now counts your data only.',
    });
    expect(orders!.message).toBe(
      'orders.csv: 7 rows read. orders: 7 new, 0 updated, 0 unchanged. The demo data (40 generated orders) was removed: every number now counts your data only.',
    );
    expect(rest.map((r) => r.demoRemoved)).toEqual([undefined, undefined, undefined]);
    // Demo rows do not keep the first real load off the fast path (they go in its transaction).
    expect(loadPathOf(orders!)).toBe('fast');

    expect(await rowsByLoad(db)).toEqual([
      'order_lines 6: 8',
      'orders 5: 7',
      'returns 8: 3',
      'shipments 7: 7',
    ]);
    await expectFixtureKpis(db);
    const coverage = await getDataCoverage(db);
    expect(coverage).toMatchObject({
      orders: 7,
      orderLines: 8,
      shipments: 7,
      returns: 3,
      activeLoads: 4,
      demoLoads: 0,
      isDemo: false, // the pages' banner condition
      demoSetAside: true,
      demoOrdersSetAside: DEMO_ORDERS,
    });
    const ledger = await listLoads(db);
    expect(ledger.map((l) => `${l.loadId} ${l.status}${l.isDemo ? ' demo' : ''}`)).toEqual([
      '8 loaded',
      '7 loaded',
      '6 loaded',
      '5 loaded',
      '4 undone demo',
      '3 undone demo',
      '2 undone demo',
      '1 undone demo',
    ]);
  });

  it('the same numbers as the fixture loaded into an empty database', async () => {
    const db = await openMemoryDatabase();
    await loadFixture(db);
    await expectFixtureKpis(db);
    expect(await getDataCoverage(db)).toMatchObject({
      orders: 7,
      isDemo: false,
      demoSetAside: false,
      demoOrdersSetAside: 0,
    });
  });

  it('a check (dry run) says it would remove the demo, and changes nothing', async () => {
    const db = await demoDatabase();
    const before = await fingerprint(db);
    const report = await loadExtract(db, {
      file: fixture('orders'),
      mapping: await fixtureMapping(fixture('orders'), 'orders'),
      dryRun: true,
    });
    expect(report.demoRemoved).toMatchObject({ loads: [1, 2, 3, 4], orders: DEMO_ORDERS });
    expect(report.message).toContain(
      'The demo data (40 generated orders) would be removed by this load',
    );
    expect(await fingerprint(db)).toEqual(before);
    expect((await getDataCoverage(db)).isDemo).toBe(true);
  });

  it('a rejected real load leaves the demo as it was', async () => {
    const db = await demoDatabase();
    const before = await fingerprint(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-demo-reject-'));
    const bad = path.join(dir, 'orders.csv');
    await writeFile(bad, 'order_id,order_ts\nX1,not a date\nX2,also not\n');
    const report = await loadExtract(db, {
      file: bad,
      mapping: { table: 'orders', columns: { order_id: 'order_id', order_ts: 'order_ts' } },
    });
    expect(report.status).toBe('rejected');
    expect(await fingerprint(db)).toEqual(before);
    expect((await getDataCoverage(db)).demoLoads).toBe(4);
  });

  it('the demo is not loaded over real data', async () => {
    const db = await openMemoryDatabase();
    await loadFixture(db);
    await expect(loadDemoData(db, { orders: 10 })).rejects.toThrow(
      'This database holds your own data, so demo data is not loaded into it',
    );
    expect(await rowsByLoad(db)).toHaveLength(4);
  });
});

describe('removeDemo', () => {
  /** Demo loads 1–4 with real loads 5–8 over them: a database from before the first-load rule. */
  async function mixedDatabase() {
    const db = await demoDatabase();
    await loadFixture(db, true);
    await db.run('UPDATE loads SET is_demo = false WHERE load_id >= 5');
    return db;
  }

  it('removes every demo row of all four tables, and leaves the real data untouched', async () => {
    const db = await mixedDatabase();
    const demoRows = await db.all<{ t: string; n: number }>(
      `SELECT 'orders' AS t, CAST(count(*) AS INTEGER) AS n FROM orders WHERE load_id <= 4
       UNION ALL SELECT 'order_lines', CAST(count(*) AS INTEGER) FROM order_lines WHERE load_id <= 4
       UNION ALL SELECT 'shipments', CAST(count(*) AS INTEGER) FROM shipments WHERE load_id <= 4
       UNION ALL SELECT 'returns', CAST(count(*) AS INTEGER) FROM returns WHERE load_id <= 4`,
    );
    const demo = Object.fromEntries(demoRows.map((r) => [r.t, r.n]));
    expect(demo.orders).toBe(DEMO_ORDERS);
    expect(demo.order_lines).toBeGreaterThan(DEMO_ORDERS); // every order has a line or more
    const realBefore = await realFingerprint(db);
    expect((await getDataCoverage(db)).orders).toBe(DEMO_ORDERS + 7);

    const removal = await removeDemo(db);
    expect(removal).toEqual({ loads: [1, 2, 3, 4], orders: DEMO_ORDERS, removed: demo });
    expect(await rowsByLoad(db)).toEqual([
      'order_lines 6: 8',
      'orders 5: 7',
      'returns 8: 3',
      'shipments 7: 7',
    ]);
    expect(await realFingerprint(db)).toEqual(realBefore);
    await expectFixtureKpis(db);
    expect(await getDataCoverage(db)).toMatchObject({
      orders: 7,
      orderLines: 8,
      shipments: 7,
      returns: 3,
      isDemo: false,
      demoSetAside: true,
      demoOrdersSetAside: DEMO_ORDERS,
    });
    await expect(removeDemo(db)).rejects.toThrow('There is no demo data to remove.');
  });

  it('is one transaction: a failure on the last table changes nothing', async () => {
    const db = await mixedDatabase();
    const before = await fingerprint(db);
    const run = Database.prototype.run;
    // The orders go last (after returns, shipments and lines): fail there.
    vi.spyOn(Database.prototype, 'run').mockImplementation(function (this: Database, sql, params) {
      if (/^DELETE FROM "orders" WHERE load_id IN/.test(sql)) throw new Error('disk full');
      return run.call(this, sql, params);
    });
    await expect(removeDemo(db)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await fingerprint(db)).toEqual(before);
    expect((await getDataCoverage(db)).demoLoads).toBe(4);
  });

  async function realFingerprint(db: Database) {
    return db.all(
      canonicalTables
        .map(
          (t) =>
            `SELECT '${t}' AS t, count(*) AS n, sum(hash(x)) AS h FROM "${t}" AS x WHERE load_id >= 5`,
        )
        .join(' UNION ALL '),
    );
  }
});

describe('undo never leaves lines, shipments or returns without their order', () => {
  it('refuses to undo an orders load other loads refer to, naming them, and changes nothing', async () => {
    const db = await openMemoryDatabase();
    await loadFixture(db);
    const before = await fingerprint(db);
    const error = await undoLoad(db, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependentLoadsError);
    expect((error as DependentLoadsError).code).toBe('has_dependents');
    expect((error as Error).message).toBe(
      'Load 2 (8 order lines), load 3 (7 shipment lines) and load 4 (3 return lines) refer to orders of load 1, ' +
        'which an undo would leave without their order: undo them first, or undo all four together. Nothing was changed.',
    );
    expect(await fingerprint(db)).toEqual(before);
    expect((await listLoads(db)).map((l) => l.status)).toEqual([
      'loaded',
      'loaded',
      'loaded',
      'loaded',
    ]);
  });

  it('with cascade, undoes the dependents with it, newest first', async () => {
    const db = await openMemoryDatabase();
    await loadFixture(db);
    const result = await undoLoad(db, 1, { cascade: true });
    expect(result).toEqual({
      loadId: 1,
      loads: [4, 3, 2, 1],
      removed: { orders: 7, order_lines: 8, shipments: 7, returns: 3 },
      restored: { orders: 0, order_lines: 0, shipments: 0, returns: 0 },
    });
    expect(await rowsByLoad(db)).toEqual([]);
    expect((await listLoads(db)).map((l) => l.status)).toEqual([
      'undone',
      'undone',
      'undone',
      'undone',
    ]);
  });

  it('undoes the demo orders load only together with its lines, shipments and returns', async () => {
    const db = await demoDatabase();
    const error = (await undoLoad(db, 1).catch((e: unknown) => e)) as DependentLoadsError;
    expect(error.dependents.map((d) => d.loadId)).toEqual([2, 3, 4]);
    expect(error.message).toMatch(
      /^Load 2 \([\d,]+ order lines\), load 3 .* undo all four together/,
    );
    await undoLoad(db, 1, { cascade: true });
    expect(await rowsByLoad(db)).toEqual([]);
  });

  it('allows undoing a load whose orders replaced earlier versions: the lines keep their order', async () => {
    const db = await openMemoryDatabase();
    await loadFixture(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-undo-replaced-'));
    const changed = path.join(dir, 'orders.csv');
    const original = await readFile(fixture('orders'), 'utf-8');
    await writeFile(changed, original.replace('C1,web,DC1,North', 'C1,web,DC9,North'));
    const second = await loadExtract(db, {
      file: changed,
      mapping: await fixtureMapping(changed, 'orders'),
    });
    expect(second.tables.orders).toEqual({ inserted: 0, updated: 1, unchanged: 6 });
    const undone = await undoLoad(db, second.loadId!);
    expect(undone).toMatchObject({ loads: [5], removed: { orders: 1 }, restored: { orders: 1 } });
    expect(await db.one("SELECT site FROM orders WHERE order_id = 'A'")).toEqual({ site: 'DC1' });
  });
});
