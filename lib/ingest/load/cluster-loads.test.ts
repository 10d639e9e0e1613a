/**
 * Loads into the ClickHouse engine leave exactly what the embedded engine leaves (issue 18): the
 * same sequence of loads, replacing loads, a repeated file, a refused load and undos (refused,
 * cascaded, in order) runs on an embedded database and on one that loads into the local
 * two-shard cluster; after each step the reports, the ledgers and every canonical row (natural
 * key, every field, the load that wrote it) are compared.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseInstalled, clusterSuiteName, useLocalCluster } from '@/test/clickhouse-cluster';
import {
  createStage,
  discardStage,
  settleStage,
  stageNames,
  stageRows,
  stagedLoads,
} from '@/lib/clickhouse/canonical-load';
import { connectCluster, setCluster, type ClickHouseCluster } from '@/lib/clickhouse/cluster';
import { describeEngine } from '@/lib/clickhouse/engine-url';
import { tableNames } from '@/lib/clickhouse/schema';
import { quoteIdent as chIdent } from '@/lib/clickhouse/sql';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { generateExtracts } from '@/lib/generate';
import { canonicalFields, canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { recoverClusterLoads } from './cluster-loads';
import { listLoads, recordLoad, undoLoad } from './ledger';
import { loadExtract } from './load-extract';
import type { LoadOptions } from './load-options';
import type { LoadReport } from './load-report';
import { parseMappingJson } from '../map/mapping';

type Rows = Record<string, unknown>[];

/** Every row of a canonical table on the embedded engine, values as plain text and numbers. */
async function embeddedRows(db: Database, table: CanonicalTable): Promise<Rows> {
  const list = canonicalFields[table].map((f) =>
    f.type === 'timestamp'
      ? `strftime(${quoteIdent(f.name)}, '%Y-%m-%d %H:%M:%S') AS ${quoteIdent(f.name)}`
      : quoteIdent(f.name),
  );
  return normalise(table, await db.all(`SELECT nk, ${list.join(', ')}, load_id FROM ${table}`));
}

/** Every row standing on the cluster (t_current: the newest version, tombstones hidden). */
async function clusterRows(c: ClickHouseCluster, table: CanonicalTable): Promise<Rows> {
  const list = canonicalFields[table].map((f) =>
    f.type === 'timestamp' ? `toString(${chIdent(f.name)}) AS ${chIdent(f.name)}` : chIdent(f.name),
  );
  const from = `${chIdent(c.database)}.${chIdent(tableNames(table).current)}`;
  return normalise(
    table,
    await c.client.query(`SELECT nk, ${list.join(', ')}, load_id FROM ${from}`),
  );
}

function normalise(table: CanonicalTable, rows: Rows): Rows {
  const types = new Map(canonicalFields[table].map((f) => [f.name, f.type]));
  return rows
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          const type = types.get(k);
          if (v === null) return [k, null];
          if (type === 'boolean') return [k, Number(v)];
          if (type === 'number' || type === 'integer' || k === 'load_id') return [k, Number(v)];
          return [k, v];
        }),
      ),
    )
    .sort((a, b) => ((a.nk as string) < (b.nk as string) ? -1 : 1));
}

/** The parts of a report both engines must agree on. */
const outcome = (r: LoadReport) => ({
  status: r.status,
  loadId: r.loadId,
  rowsRead: r.rowsRead,
  rowsInserted: r.rowsInserted,
  rowsUpdated: r.rowsUpdated,
  rowsUnchanged: r.rowsUnchanged,
  rowsRejected: r.rowsRejected,
  tables: r.tables,
});

const ledgerOf = async (db: Database) =>
  (await listLoads(db)).map((l) => ({
    loadId: l.loadId,
    fileName: l.fileName,
    status: l.status,
    rows: [l.rowsInserted, l.rowsUpdated, l.rowsUnchanged, l.rowsRejected],
  }));

describe.skipIf(!clickhouseInstalled)(clusterSuiteName('loads into the ClickHouse engine'), () => {
  const local = useLocalCluster();
  let dir = '';
  let embedded: Database;
  let onCluster: Database;
  let cluster: ClickHouseCluster;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cluster-loads-'));
    await generateExtracts({ outDir: dir, orders: 400, seed: 7, format: 'csv' });
    // A replacing extract: every tenth order changes channel and value; the rest repeat.
    const orders = (await readFile(file('orders.csv'), 'utf-8')).trimEnd().split('\n');
    const changed = orders.map((line, i) => {
      if (i === 0 || i % 10 !== 0) return line;
      const cells = line.split(',');
      cells[3] = 'phone';
      cells[13] = (Number(cells[13]) + 1).toFixed(2);
      return cells.join(',');
    });
    await writeFile(file('orders-changed.csv'), `${changed.join('\n')}\n`);
    // Lines: every tenth line one more unit, and a new line on the first order.
    const lines = (await readFile(file('order_lines.csv'), 'utf-8')).trimEnd().split('\n');
    const linesChanged = lines.map((line, i) => {
      if (i === 0 || i % 10 !== 0) return line;
      const cells = line.split(',');
      cells[3] = String(Number(cells[3]) + 1);
      return cells.join(',');
    });
    linesChanged.push('SO-0000001,9,SKU-00001,3,10.00,0,,');
    await writeFile(file('order_lines-changed.csv'), `${linesChanged.join('\n')}\n`);
    // Refused: 3 of 4 rows have a quantity that is not a number (allowance 0).
    await writeFile(
      file('order_lines-bad.csv'),
      'order_id,line_no,sku,qty_ordered\nSO-0000002,1,SKU-1,x\nSO-0000002,2,SKU-1,y\nSO-0000003,1,SKU-1,z\nSO-0000003,5,SKU-1,4\n',
    );
    embedded = await openMemoryDatabase();
    onCluster = await openMemoryDatabase();
    cluster = await connectCluster(local().engine, { timeoutMs: 60_000 });
    setCluster(onCluster, cluster);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function loadBoth(name: string, options: Partial<LoadOptions> = {}) {
    const run = (db: Database) =>
      loadExtract(db, { file: file(name), fileName: name, ...options }).then(outcome);
    const [a, b] = [await run(embedded), await run(onCluster)];
    expect(b).toEqual(a);
    return a;
  }

  async function expectSameRows() {
    for (const table of canonicalTables)
      expect(await clusterRows(cluster, table), table).toEqual(await embeddedRows(embedded, table));
    expect(await ledgerOf(onCluster)).toEqual(await ledgerOf(embedded));
  }

  it('first loads of four files: the same counts, rows and ledger', async () => {
    const reports = [];
    for (const name of ['orders.csv', 'order_lines.csv', 'shipments.csv', 'returns.csv'])
      reports.push(await loadBoth(name));
    expect(reports.map((r) => [r.status, r.rowsInserted])).toEqual([
      ['loaded', 400],
      ['loaded', 930],
      ['loaded', 920],
      ['loaded', 25],
    ]);
    await expectSameRows();
    // The rows are spread over both shards, an order's rows on one.
    const [s1, s2] = await Promise.all(
      cluster.shards.map((s) =>
        s.query<{ n: number }>(
          `SELECT count() AS n FROM ${chIdent(cluster.database)}.${chIdent('orders_local')}`,
        ),
      ),
    );
    expect(Number(s1![0]!.n) + Number(s2![0]!.n)).toBe(400);
    expect(Number(s1![0]!.n)).toBeGreaterThan(100);
    expect(Number(s2![0]!.n)).toBeGreaterThan(100);
    const ledger = await listLoads(onCluster);
    expect(ledger.map((l) => l.engine)).toEqual(Array(4).fill(describeEngine(cluster.engine)));
    expect((await listLoads(embedded)).map((l) => l.engine)).toEqual([null, null, null, null]);
  }, 120_000);

  it('replacing loads write only what changed; the same file again is already loaded', async () => {
    const orders = await loadBoth('orders-changed.csv');
    expect([orders.rowsInserted, orders.rowsUpdated, orders.rowsUnchanged]).toEqual([0, 40, 360]);
    const lines = await loadBoth('order_lines-changed.csv');
    expect([lines.rowsInserted, lines.rowsUpdated, lines.rowsUnchanged]).toEqual([1, 93, 837]);
    await expectSameRows();
    const again = await loadBoth('orders-changed.csv');
    expect(again.status).toBe('unchanged');
    expect(again.loadId).toBe(5);
    await expectSameRows();
  }, 120_000);

  it('a dry run reports what a load would do and leaves nothing: no rows, no entry, no stage', async () => {
    // The original lines again: the tenth of them load 6 changed would change back.
    const dry = await loadBoth('order_lines.csv', { dryRun: true });
    expect([dry.status, dry.loadId]).toEqual(['loaded', null]);
    expect(dry.tables).toEqual({ order_lines: { inserted: 0, updated: 93, unchanged: 837 } });
    expect(await stagedLoads(cluster)).toEqual([]);
    await expectSameRows();
  }, 60_000);

  it('a refused load is recorded and changes nothing', async () => {
    const mapping = parseMappingJson(
      JSON.stringify({
        table: 'order_lines',
        columns: {
          order_id: 'order_id',
          line_no: 'line_no',
          sku: 'sku',
          qty_ordered: 'qty_ordered',
        },
      }),
    );
    const refused = await loadBoth('order_lines-bad.csv', { mapping, maxRejectedRows: 0 });
    expect([refused.status, refused.rowsRejected]).toEqual(['rejected', 3]);
    await expectSameRows();
  }, 60_000);

  it('undo: refused while superseded or depended on, then in order and cascaded', async () => {
    const both = async (loadId: number, options = {}) => {
      const [a, b] = await Promise.allSettled([
        undoLoad(embedded, loadId, options),
        undoLoad(onCluster, loadId, options),
      ]);
      if (a.status === 'rejected') {
        expect(b.status).toBe('rejected');
        expect((b as PromiseRejectedResult).reason.message).toBe(a.reason.message);
        return a.reason.message as string;
      }
      expect(b).toEqual(a);
      return a.value;
    };
    // Load 2 (lines) was replaced in part by load 6: it goes first.
    expect(await both(2)).toBe('Load 6 later replaced rows written by load 2. Undo load 6 first.');
    expect(await both(6)).toMatchObject({
      loads: [6],
      removed: { order_lines: 94 },
      restored: { order_lines: 93 },
    });
    await expectSameRows();
    expect(await both(5)).toMatchObject({ removed: { orders: 40 }, restored: { orders: 40 } });
    await expectSameRows();
    // Load 1 (orders) holds the orders of loads 2, 3 and 4.
    expect(await both(1)).toMatch(/^Load 2 \(930 order lines\), load 3 \(920 shipment lines\)/);
    expect(await both(1, { cascade: true })).toMatchObject({
      loads: [4, 3, 2, 1],
      removed: { orders: 400, order_lines: 930, shipments: 920, returns: 25 },
    });
    await expectSameRows();
  }, 180_000);

  it('a load that fails half-way on the cluster leaves nothing: no rows, no entry, no stage', async () => {
    // A flat extract whose second table (its shipments) has a date ClickHouse cannot hold.
    await writeFile(
      file('flat-2110.csv'),
      'order_id,order_ts,line_no,sku,qty_ordered,qty_shipped,ship_ts\nX-1,2025-01-02 10:00:00,1,S,2,2,2110-01-03 10:00:00\n',
    );
    const before = await ledgerOf(onCluster);
    await expect(
      loadExtract(onCluster, { file: file('flat-2110.csv'), fileName: 'flat-2110.csv' }),
    ).rejects.toThrow(
      'flat-2110.csv: order X-1, column ship_ts: 2110-01-03 10:00:00 is outside 1970-01-01 00:00:01 … 2105-12-31 23:59:59 UTC, the dates the ClickHouse engine can hold.',
    );
    expect(await ledgerOf(onCluster)).toEqual(before);
    expect(await stagedLoads(cluster)).toEqual([]);
    for (const table of canonicalTables) expect(await clusterRows(cluster, table)).toEqual([]);
  }, 60_000);

  it('fractions of a second are cut to the second, with a warning', async () => {
    await writeFile(
      file('orders-ms.csv'),
      'order_id,order_ts\nMS-1,2025-02-03 10:11:12.750\nMS-2,2025-02-03 10:11:13\n',
    );
    const report = await loadExtract(onCluster, { file: file('orders-ms.csv') });
    expect(report.rowsInserted).toBe(2);
    expect(report.warnings).toContain(
      'orders.order_ts: 1 time has fractions of a second; the ClickHouse engine keeps whole seconds, so it was cut to the second.',
    );
    const rows = await clusterRows(cluster, 'orders');
    expect(rows.map((r) => [r.order_id, r.order_ts])).toEqual([
      ['MS-1', '2025-02-03 10:11:12'],
      ['MS-2', '2025-02-03 10:11:13'],
    ]);
    await undoLoad(onCluster, report.loadId!);
    expect(await clusterRows(cluster, 'orders')).toEqual([]);
  }, 60_000);

  it('a load stopped between its ledger entry and its attach is finished by the recovery', async () => {
    const db = await openMemoryDatabase();
    setCluster(db, cluster);
    // Load ids of this fresh ledger start at 1: partitions 1–6 were dropped by the undos above.
    const loadId = 1;
    await createStage(cluster, loadId, ['orders']);
    await stageRows(cluster, loadId, 'orders', [
      ['R-1', 'R-1', new Date('2025-03-01T10:00:00Z'), ...Array(14).fill(null)],
    ]);
    expect(await settleStage(cluster, loadId, 'orders')).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    await recordLoad(db, loadId, {
      fileName: 'stopped.csv',
      contentHash: 'h',
      target: 'orders',
      mapping: null,
      status: 'attaching',
      rowsRead: 1,
      rowsInserted: 1,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 0,
      engine: describeEngine(cluster.engine),
      startedAt: new Date(),
    });
    expect(await clusterRows(cluster, 'orders')).toEqual([]);
    await recoverClusterLoads(db, cluster);
    expect((await clusterRows(cluster, 'orders')).map((r) => r.order_id)).toEqual(['R-1']);
    expect((await listLoads(db)).map((l) => l.status)).toEqual(['loaded']);
    expect(await stagedLoads(cluster)).toEqual([]);
    // The stage of the next load id, no entry listing it (stopped before its entry), is dropped.
    await createStage(cluster, 2, ['orders']);
    expect(await stagedLoads(cluster)).toEqual([2]);
    await recoverClusterLoads(db, cluster);
    expect(await stagedLoads(cluster)).toEqual([]);
    expect(stageNames('orders', 2).inLocal).toBe('stage_2_orders_in_local');
    await undoLoad(db, loadId);
    expect(await clusterRows(cluster, 'orders')).toEqual([]);
  }, 60_000);

  it('a fresh ledger pointed at a cluster that holds its load ids is refused, changing nothing', async () => {
    const first = await openMemoryDatabase();
    setCluster(first, cluster);
    const loaded = await loadExtract(first, { file: file('orders.csv') });
    expect([loaded.loadId, loaded.rowsInserted]).toEqual([1, 400]);
    const second = await openMemoryDatabase();
    setCluster(second, cluster);
    // A stage of load 1 (as the first ledger's next load in progress would be) is not touched.
    await createStage(cluster, 1, ['returns']);
    await expect(loadExtract(second, { file: file('returns.csv') })).rejects.toThrow(
      "The ClickHouse cluster already holds rows of a load 1 that this database's ledger does not list",
    );
    expect(await listLoads(second)).toEqual([]);
    expect(await clusterRows(cluster, 'returns')).toEqual([]);
    expect(await stagedLoads(cluster)).toEqual([1]);
    await discardStage(cluster, 1);
    await undoLoad(first, 1);
    expect(await clusterRows(cluster, 'orders')).toEqual([]);
  }, 60_000);
});
