/**
 * The open export read back as another engine would: every table's Parquet files, through
 * read_parquet with Hive partitioning, equal the table row for row (EXCEPT ALL both ways), each row
 * in the partition of its order's month, and the manifest says what is there and where it came from.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { loadDemoData } from '@/lib/demo';
import { OrderlensError } from '@/lib/errors';
import { removeDemo } from '@/lib/ingest/load/demo-removal';
import { undoLoad } from '@/lib/ingest/load/ledger';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { loadFixtureFiles } from '@/lib/kpi/kpi-test-helpers';
import type { CanonicalTable } from '@/lib/model/canonical';
import { fixtureMapping } from '@/test/fixture-mapping';
import { exportParquet, type ExportManifest } from './parquet';

const TABLES = [
  'orders',
  'order_lines',
  'shipments',
  'returns',
  'kpi_order_facts',
  'kpi_return_facts',
] as const;

/**
 * Five orders over three months, at the months' edges (the last second of January, the first of
 * February, a leap day), and rows of orders that were never loaded (X9's line and shipment, Y7's
 * return). A shipment or return made in a later month stays in its order's month (SH1, R1).
 */
const files: Record<string, string[]> = {
  'orders.csv': [
    'order_id,order_ts,customer_id,channel,site,region,status,order_value,currency',
    'O1,2024-01-30 23:30:00,C1,web,DC1,North,closed,120.5,EUR',
    'O2,2024-01-31 23:59:59,C2,edi,DC2,South,closed,80,EUR',
    'O3,2024-02-01 00:00:00,C1,web,DC1,North,open,35.25,EUR',
    'O4,2024-02-29 12:00:00,C3,phone,DC2,South,cancelled,10,EUR',
    'O5,2024-03-15 08:00:00,C2,edi,DC1,North,open,99.99,EUR',
  ],
  'order_lines.csv': [
    'order_id,line_no,sku,qty_ordered,unit_price',
    'O1,1,S1,10,10.5',
    'O1,2,S2,2.5,4',
    'O2,1,S1,8,10',
    'O3,1,S3,1,35.25',
    'O4,1,S1,1,10',
    'O5,1,S2,3,20',
    'O5,2,S3,4,9.99',
    'X9,1,S1,1,1',
  ],
  'shipments.csv': [
    'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
    'SH1,O1,1,S1,10,2024-02-02 08:00:00,2024-02-04 12:00:00,DHL,standard,DC1,true,false',
    'SH2,O1,2,S2,2.5,2024-01-31 09:00:00,,DHL,standard,DC1,false,false',
    'SH3,O2,1,S1,8,2024-02-01 10:00:00,2024-02-03 10:00:00,UPS,express,DC2,false,true',
    'SH5,O5,1,S2,3,2024-03-16 08:00:00,,DPD,standard,DC1,false,false',
    'SH9,X9,1,S1,1,2024-03-20 08:00:00,,DPD,standard,DC1,false,false',
  ],
  'returns.csv': [
    'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
    'R1,O1,1,S1,1,2024-03-01 10:00:00,2024-03-03 10:00:00,DMG,damaged,10.5',
    'R2,O5,2,S3,2,2024-03-20 10:00:00,,CUST,customer_choice,19.98',
    'R3,Y7,1,S9,1,2024-03-21 10:00:00,,OTH,other,5',
  ],
};

/** Rows per partition (null: the unknown one) as the fixture's dates put them, by hand. */
const EXPECTED: Record<(typeof TABLES)[number], Record<string, number>> = {
  orders: { '2024-01': 2, '2024-02': 2, '2024-03': 1 },
  order_lines: { '2024-01': 3, '2024-02': 2, '2024-03': 2, null: 1 },
  // SH4, loaded later, belongs to O3 (February).
  shipments: { '2024-01': 3, '2024-02': 1, '2024-03': 1, null: 1 },
  returns: { '2024-01': 1, '2024-03': 1, null: 1 },
  kpi_order_facts: { '2024-01': 2, '2024-02': 2, '2024-03': 1 },
  kpi_return_facts: { '2024-01': 1, '2024-03': 1, null: 1 },
};

const glob = (dir: string, table: string) => path.join(dir, table, '**', '*.parquet');

async function load(
  db: Database,
  dir: string,
  name: string,
  table: CanonicalTable,
  lines: string[],
) {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  const report = await loadExtract(db, { file, mapping: await fixtureMapping(file, table) });
  expect(report.status, report.message).toBe('loaded');
  return report.loadId!;
}

/** Rows of the export not in the table and rows of the table not in the export. */
async function differences(db: Database, dir: string, table: string) {
  const parquet = `SELECT * EXCLUDE (order_month) FROM read_parquet($1, hive_partitioning = true)`;
  const source = `SELECT * FROM ${quoteIdent(table)}`;
  const [row] = await db.all<{ extra: number; missing: number }>(
    `SELECT (SELECT count(*) FROM (${parquet} EXCEPT ALL ${source})) AS extra,
            (SELECT count(*) FROM (${source} EXCEPT ALL ${parquet})) AS missing`,
    [glob(dir, table)],
  );
  return row;
}

async function partitionsRead(db: Database, dir: string, table: string) {
  const rows = await db.all<{ month: string | null; n: number }>(
    `SELECT order_month AS month, count(*) AS n
       FROM read_parquet($1, hive_partitioning = true) GROUP BY ALL ORDER BY ALL`,
    [glob(dir, table)],
  );
  return Object.fromEntries(rows.map((r) => [String(r.month), r.n]));
}

/** Every Parquet file under the folder, relative, with / separators. */
async function parquetFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries
    .filter((e) => e.endsWith('.parquet'))
    .map((e) => e.split(path.sep).join('/'))
    .sort();
}

const leftovers = async (parent: string) =>
  (await readdir(parent)).filter((name) => name.includes('.orderlens-export-'));

describe('the Parquet export of a database with real loads, an undone load and orphans', () => {
  let db: Database;
  let work: string;
  let out: string;
  let manifest: ExportManifest;
  let seconds: number;

  beforeAll(async () => {
    db = await loadFixtureFiles(files);
    work = await mkdtemp(path.join(os.tmpdir(), 'orderlens-export-'));
    // Load 5 adds an April order and changes O3's value; undone, both are gone again.
    const undone = await load(db, work, 'orders-april.csv', 'orders', [
      'order_id,order_ts,customer_id,status,order_value',
      'O6,2024-04-02 09:00:00,C9,open,500',
      'O3,2024-02-01 00:00:00,C1,open,999',
    ]);
    expect(undone).toBe(5);
    await undoLoad(db, undone);
    // Load 6: a second shipment extract, for O3.
    await load(db, work, 'shipments-late.csv', 'shipments', [
      'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,carrier,damaged',
      'SH4,O3,1,S3,1,2024-02-05 07:15:00,DHL,false',
    ]);
    out = path.join(work, 'export');
    const started = performance.now();
    manifest = (await exportParquet(db, out)).manifest;
    seconds = (performance.now() - started) / 1000;
  });

  it('writes each table whole: the same rows as the database, no more, no fewer', async () => {
    for (const table of TABLES) {
      const [read] = await db.all<{ n: number }>(
        'SELECT count(*) AS n FROM read_parquet($1, hive_partitioning = true)',
        [glob(out, table)],
      );
      const expected = Object.values(EXPECTED[table]).reduce((a, b) => a + b, 0);
      expect({ table, rows: read?.n }).toEqual({ table, rows: expected });
      expect({ table, ...(await differences(db, out, table)) }).toEqual({
        table,
        extra: 0,
        missing: 0,
      });
    }
    console.info(`[export] fixture of 5 orders exported in ${seconds.toFixed(2)} s`);
  });

  it("puts every row in its order's month, and rows without an order in the unknown partition", async () => {
    for (const table of TABLES)
      expect({ table, partitions: await partitionsRead(db, out, table) }).toEqual({
        table,
        partitions: EXPECTED[table],
      });
    expect(await parquetFiles(path.join(out, 'order_lines'))).toEqual([
      'order_month=2024-01/data_0.parquet',
      'order_month=2024-02/data_0.parquet',
      'order_month=2024-03/data_0.parquet',
      'order_month=__HIVE_DEFAULT_PARTITION__/data_0.parquet',
    ]);
    // The undone April order is nowhere, and O3 has its value from before load 5.
    expect(existsSync(path.join(out, 'orders', 'order_month=2024-04'))).toBe(false);
    const o3 = await db.all(
      "SELECT order_value, order_month FROM read_parquet($1, hive_partitioning = true) WHERE order_id = 'O3'",
      [glob(out, 'orders')],
    );
    expect(o3).toEqual([{ order_value: 35.25, order_month: '2024-02' }]);
  });

  it('keeps the column types: timestamps, booleans, doubles, integers', async () => {
    const types = async (table: string) =>
      Object.fromEntries(
        (
          await db.all<{ column_name: string; column_type: string }>(
            'DESCRIBE SELECT * FROM read_parquet($1, hive_partitioning = true)',
            [glob(out, table)],
          )
        ).map((c) => [c.column_name, c.column_type]),
      );
    expect(await types('shipments')).toMatchObject({
      nk: 'VARCHAR',
      line_no: 'INTEGER',
      qty_shipped: 'DOUBLE',
      ship_ts: 'TIMESTAMP',
      damaged: 'BOOLEAN',
      load_id: 'BIGINT',
      order_month: 'VARCHAR',
    });
    const sh1 = await db.all(
      "SELECT ship_ts::VARCHAR AS ship_ts, damaged, qty_shipped FROM read_parquet($1) WHERE shipment_id = 'SH1'",
      [glob(out, 'shipments')],
    );
    expect(sh1).toEqual([{ ship_ts: '2024-02-02 08:00:00', damaged: true, qty_shipped: 10 }]);
    // A fact table keeps its declared types too.
    expect(await types('kpi_order_facts')).toMatchObject({
      order_ts: 'TIMESTAMP',
      shipped: 'BOOLEAN',
      lines: 'BIGINT',
    });
  });

  it('writes a manifest of the tables, their columns, partitions and files', async () => {
    const onDisk = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(onDisk).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 'orderlens-parquet-export',
      formatVersion: 1,
      orderlensVersion: JSON.parse(await readFile('package.json', 'utf8')).version,
      compression: 'snappy',
      partitioning: {
        column: 'order_month',
        unknownPartition: 'order_month=__HIVE_DEFAULT_PARTITION__',
      },
    });
    expect(manifest.writer).toMatch(/^DuckDB v1\.\d+/);
    expect(Date.now() - Date.parse(manifest.exportedAt)).toBeLessThan(120_000);
    expect(manifest.tables.map((t) => [t.name, t.kind, t.rows, t.rowsWithoutOrderMonth])).toEqual([
      ['orders', 'canonical', 5, 0],
      ['order_lines', 'canonical', 8, 1],
      ['shipments', 'canonical', 6, 1],
      ['returns', 'canonical', 3, 1],
      ['kpi_order_facts', 'facts', 5, 0],
      ['kpi_return_facts', 'facts', 3, 1],
    ]);
    const lines = manifest.tables.find((t) => t.name === 'order_lines')!;
    expect(lines.partitions).toEqual([
      ...['2024-01', '2024-02', '2024-03'].map((month, i) => ({
        value: month,
        path: `order_lines/order_month=${month}`,
        rows: [3, 2, 2][i],
        files: [
          {
            path: `order_lines/order_month=${month}/data_0.parquet`,
            rows: [3, 2, 2][i],
            bytes: expect.any(Number),
          },
        ],
      })),
      {
        value: null,
        path: 'order_lines/order_month=__HIVE_DEFAULT_PARTITION__',
        rows: 1,
        files: [
          {
            path: 'order_lines/order_month=__HIVE_DEFAULT_PARTITION__/data_0.parquet',
            rows: 1,
            bytes: expect.any(Number),
          },
        ],
      },
    ]);
    expect(lines.columns.slice(0, 3)).toEqual([
      expect.objectContaining({ name: 'nk', type: 'VARCHAR', nullable: false }),
      expect.objectContaining({ name: 'order_id', type: 'VARCHAR', nullable: false }),
      expect.objectContaining({
        name: 'line_no',
        type: 'INTEGER',
        description: 'Line number within the order',
      }),
    ]);
    expect(lines.columns.at(-1)).toMatchObject({ name: 'load_id', type: 'BIGINT' });
    // Every file listed exists with the rows it is listed with, and no other file does.
    const listed = manifest.tables.flatMap((t) => t.partitions.flatMap((p) => p.files));
    expect(listed.map((f) => f.path).sort()).toEqual(await parquetFiles(out));
    for (const file of listed) {
      const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM read_parquet($1)', [
        path.join(out, file.path),
      ]);
      expect({ file: file.path, rows: row!.n }).toEqual({ file: file.path, rows: file.rows });
    }
    expect((await readdir(out)).sort()).toEqual([...TABLES, 'manifest.json'].sort());
    expect(await leftovers(work)).toEqual([]);
  });

  it('carries the ledger: every load, which are active, and the rows each wrote', async () => {
    expect(
      manifest.ledger.loads.map((l) => [
        l.loadId,
        l.fileName,
        l.table,
        l.status,
        l.active,
        l.inExport,
      ]),
    ).toEqual([
      [1, 'orders.csv', 'orders', 'loaded', true, true],
      [2, 'order_lines.csv', 'order_lines', 'loaded', true, true],
      [3, 'shipments.csv', 'shipments', 'loaded', true, true],
      [4, 'returns.csv', 'returns', 'loaded', true, true],
      [5, 'orders-april.csv', 'orders', 'undone', false, false],
      [6, 'shipments-late.csv', 'shipments', 'loaded', true, true],
    ]);
    const april = manifest.ledger.loads[4]!;
    expect(april).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsUpdated: 1, isDemo: false });
    expect(april.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(april.undoneAt).not.toBeNull();
    expect(manifest.ledger.note).toMatch(/undone load's rows were taken out/);
    const byLoad = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rowsByLoad]));
    expect(byLoad.orders).toEqual([{ loadId: 1, rows: 5 }]);
    expect(byLoad.shipments).toEqual([
      { loadId: 3, rows: 5 },
      { loadId: 6, rows: 1 },
    ]);
    expect(byLoad.kpi_order_facts).toBeUndefined();
    expect(manifest.demo).toMatchObject({ present: false, loads: [], rows: {} });
    const stored = await db.one<{ version: string }>('SELECT version FROM kpi_facts_version');
    expect(manifest.facts.version).toBe(stored!.version);
    expect(manifest.facts.version.startsWith('6:1:')).toBe(true);
    expect(manifest.facts.shape).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a folder that is not empty, naming it, and leaves it as it was', async () => {
    const target = path.join(work, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'notes.txt'), 'mine');
    const refused = await exportParquet(db, target).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OrderlensError);
    expect(refused).toMatchObject({
      code: 'folder_not_empty',
      message: `The folder ${target} is not empty: the export writes only into a new or empty folder, so that it never mixes with other files. Name a new folder, or empty this one.`,
    });
    expect(await readdir(target)).toEqual(['notes.txt']);
    expect(await leftovers(work)).toEqual([]);
    // The export itself is a non-empty folder now: a second export there is refused too.
    await expect(exportParquet(db, out)).rejects.toMatchObject({ code: 'folder_not_empty' });
  });

  it('writes into an empty folder that exists, and creates missing parents', async () => {
    const empty = path.join(work, 'empty');
    await mkdir(empty);
    await exportParquet(db, empty);
    expect(await parquetFiles(empty)).toEqual(await parquetFiles(out));
    const deep = path.join(work, 'a', 'b', 'export');
    await exportParquet(db, deep);
    expect(existsSync(path.join(deep, 'manifest.json'))).toBe(true);
  });

  it('leaves nothing behind when the export fails half-way', async () => {
    const target = path.join(work, 'new-parent', 'failed');
    let written = 0;
    const failed = await exportParquet(db, target, {
      onTable: (table) => {
        written++;
        if (table.name === 'shipments') throw new Error('disk pulled out');
      },
    }).catch((e: unknown) => e);
    expect(written).toBe(3);
    // An unexpected failure reaches the user as an OrderlensError without its detail.
    expect(failed).toMatchObject({
      code: 'internal',
      message: 'The export failed unexpectedly. Nothing was changed.',
    });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(path.join(work, 'new-parent'))).toBe(false);
    expect(await leftovers(work)).toEqual([]);
  });

  it('is refused by a locked-down database for any folder but the ones it allows', async () => {
    const allowed = await mkdtemp(path.join(os.tmpdir(), 'orderlens-export-allowed-'));
    const locked = await openMemoryDatabase({ allowedDirectories: [allowed] });
    const target = path.join(work, 'not-allowed');
    const refused = await exportParquet(locked, target).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'access_denied' });
    expect((refused as Error).message).not.toContain(work);
    expect(existsSync(target)).toBe(false);
    expect(await leftovers(work)).toEqual([]);
  });
});

describe('the Parquet export of demo data', () => {
  it('says the data is demo data, and once the demo is removed, that it is not', async () => {
    const db = await openMemoryDatabase();
    const work = await mkdtemp(path.join(os.tmpdir(), 'orderlens-export-demo-'));
    await loadDemoData(db, { orders: 30, workDir: work });
    const { manifest } = await exportParquet(db, path.join(work, 'demo'));
    expect(manifest.demo).toMatchObject({ present: true, loads: [1, 2, 3, 4] });
    expect(manifest.demo.rows.orders).toBe(30);
    expect(manifest.demo.note).toMatch(
      /^The export includes generated demo data \(loads 1, 2, 3, 4/,
    );
    for (const table of manifest.tables.filter((t) => t.kind === 'canonical'))
      expect({ table: table.name, demo: table.demoRows }).toEqual({
        table: table.name,
        demo: table.rows,
      });
    expect(manifest.ledger.loads.every((l) => l.isDemo && l.active)).toBe(true);
    for (const table of TABLES)
      expect({ table, ...(await differences(db, path.join(work, 'demo'), table)) }).toEqual({
        table,
        extra: 0,
        missing: 0,
      });

    await removeDemo(db);
    const after = (await exportParquet(db, path.join(work, 'removed'))).manifest;
    expect(after.demo).toMatchObject({ present: false, loads: [], rows: {} });
    expect(after.ledger.loads.map((l) => [l.status, l.isDemo, l.active])).toEqual(
      [1, 2, 3, 4].map(() => ['undone', true, false]),
    );
    // Empty tables: their folder, no file, and the manifest says 0 rows.
    expect(after.tables.map((t) => [t.name, t.rows, t.partitions])).toEqual(
      TABLES.map((t) => [t, 0, []]),
    );
    expect(await parquetFiles(path.join(work, 'removed'))).toEqual([]);
    expect((await readdir(path.join(work, 'removed'))).sort()).toEqual(
      [...TABLES, 'manifest.json'].sort(),
    );
  });
});
