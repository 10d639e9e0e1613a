/**
 * `orderlens export --parquet DIR` against a database file, as a user runs it: the instance locked
 * down to the export's folder, the files read back with DuckDB, refusals as user errors.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { loadDemoData } from '@/lib/demo';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { fixtureMapping } from '@/test/fixture-mapping';
import type { ExportManifest } from '@/lib/export/parquet';
import { main } from './main';

const fixtures = path.join(__dirname, '..', 'kpi', 'fixtures');
const TABLES = [...canonicalTables, 'kpi_order_facts', 'kpi_return_facts'];
/** Rows per table: the fixture's, with H (an order) and Z's line. */
const COUNTS: Record<string, number> = {
  orders: 8,
  order_lines: 9,
  shipments: 7,
  returns: 3,
  kpi_order_facts: 8,
  kpi_return_facts: 3,
};

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Open the database file for the test, and close it again so the command opens its own. */
async function withDb<T>(file: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(file);
  try {
    return await fn(db);
  } finally {
    await closeDatabase(db);
  }
}

async function loadFile(db: Database, file: string, table: CanonicalTable) {
  const report = await loadExtract(db, { file, mapping: await fixtureMapping(file, table) });
  expect(report.status, report.message).toBe('loaded');
}

let dir: string;
let dbFile: string;

/**
 * The KPI fixture (seven orders of January 2024, lib/kpi/fixtures), an order of February (H) and
 * a line of an order never loaded (Z): loads 1 to 6.
 */
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-export-cli-'));
  dbFile = path.join(dir, 'export.duckdb');
  await withDb(dbFile, async (db) => {
    for (const table of canonicalTables)
      await loadFile(db, path.join(fixtures, `${table}.csv`), table);
    const orders = path.join(dir, 'february.csv');
    await writeFile(orders, 'order_id,order_ts,site,status\nH,2024-02-03 10:00:00,DC1,open\n');
    await loadFile(db, orders, 'orders');
    const lines = path.join(dir, 'stray-lines.csv');
    await writeFile(lines, 'order_id,line_no,sku,qty_ordered\nZ,1,S1,2\n');
    await loadFile(db, lines, 'order_lines');
  });
});

describe('orderlens export --parquet', () => {
  it('writes every table by month with a manifest, and prints a line per table', async () => {
    const out = path.join(dir, 'parquet');
    const result = await run(['export', '--parquet', out, '--db', dbFile]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 6).map((l) => l.trim().split(/\s+/).join(' '))).toEqual([
      'orders 8 rows 2 partitions',
      'order_lines 9 rows 2 partitions; 1 row without their order in order_month=__HIVE_DEFAULT_PARTITION__',
      'shipments 7 rows 1 partition',
      'returns 3 rows 1 partition',
      'kpi_order_facts 8 rows 2 partitions',
      'kpi_return_facts 3 rows 1 partition',
    ]);
    expect(lines[6]).toMatch(
      new RegExp(
        `^Wrote ${path.join(out, 'manifest.json').replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 6 tables, 6 loads in the ledger \\(6 active\\), in \\d+(\\.\\d)? s\\.$`,
      ),
    );
    expect(lines).toHaveLength(7);

    await withDb(dbFile, async (db) => {
      for (const table of TABLES) {
        const files = path.join(out, table, '**', '*.parquet');
        const parquet = `SELECT * EXCLUDE (order_month) FROM read_parquet($1, hive_partitioning = true)`;
        const source = `SELECT * FROM ${quoteIdent(table)}`;
        const [row] = await db.all(
          `SELECT (SELECT count(*) FROM read_parquet($1)) AS rows,
                  (SELECT count(*) FROM ${quoteIdent(table)}) AS source,
                  (SELECT count(*) FROM (${parquet} EXCEPT ALL ${source})) AS extra,
                  (SELECT count(*) FROM (${source} EXCEPT ALL ${parquet})) AS missing`,
          [files],
        );
        expect({ table, ...row }).toEqual({
          table,
          rows: COUNTS[table],
          source: COUNTS[table],
          extra: 0,
          missing: 0,
        });
      }
      const months = await db.all(
        `SELECT order_month, count(*) AS n FROM read_parquet($1, hive_partitioning = true)
          GROUP BY ALL ORDER BY ALL NULLS LAST`,
        [path.join(out, 'order_lines', '**', '*.parquet')],
      );
      expect(months).toEqual([
        { order_month: '2024-01', n: 8 },
        { order_month: null, n: 1 },
      ]);
    });
    const manifest = JSON.parse(
      await readFile(path.join(out, 'manifest.json'), 'utf8'),
    ) as ExportManifest;
    expect(manifest.ledger.loads.map((l) => [l.loadId, l.fileName, l.status, l.active])).toEqual([
      [1, 'orders.csv', 'loaded', true],
      [2, 'order_lines.csv', 'loaded', true],
      [3, 'shipments.csv', 'loaded', true],
      [4, 'returns.csv', 'loaded', true],
      [5, 'february.csv', 'loaded', true],
      [6, 'stray-lines.csv', 'loaded', true],
    ]);
    expect(manifest.tables.find((t) => t.name === 'orders')?.rowsByLoad).toEqual([
      { loadId: 1, rows: 7 },
      { loadId: 5, rows: 1 },
    ]);
    expect(manifest.demo.present).toBe(false);
    // Nothing but the export beside it: the staging folder became the export.
    expect((await readdir(dir)).filter((n) => n.includes('orderlens-export'))).toEqual([]);
  });

  it('--json prints the manifest in brief', async () => {
    const out = path.join(dir, 'as-json');
    const result = await run(['export', '--parquet', out, '--db', dbFile, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out);
    expect(summary).toMatchObject({
      status: 'exported',
      manifest: path.join(out, 'manifest.json'),
      formatVersion: 1,
      loads: { total: 6, active: 6 },
      demo: { present: false, loads: [] },
    });
    expect(summary.facts.version).toMatch(/^6:0:/);
    expect(summary.tables).toEqual([
      {
        name: 'orders',
        kind: 'canonical',
        rows: 8,
        partitions: 2,
        files: 2,
        rowsWithoutOrderMonth: 0,
        demoRows: 0,
      },
      {
        name: 'order_lines',
        kind: 'canonical',
        rows: 9,
        partitions: 2,
        files: 2,
        rowsWithoutOrderMonth: 1,
        demoRows: 0,
      },
      {
        name: 'shipments',
        kind: 'canonical',
        rows: 7,
        partitions: 1,
        files: 1,
        rowsWithoutOrderMonth: 0,
        demoRows: 0,
      },
      {
        name: 'returns',
        kind: 'canonical',
        rows: 3,
        partitions: 1,
        files: 1,
        rowsWithoutOrderMonth: 0,
        demoRows: 0,
      },
      {
        name: 'kpi_order_facts',
        kind: 'facts',
        rows: 8,
        partitions: 2,
        files: 2,
        rowsWithoutOrderMonth: 0,
      },
      {
        name: 'kpi_return_facts',
        kind: 'facts',
        rows: 3,
        partitions: 1,
        files: 1,
        rowsWithoutOrderMonth: 0,
      },
    ]);
    const { entries } = JSON.parse((await run(['audit', '--db', dbFile, '--json'])).out) as {
      entries: { action: string; outcome: string; target?: string; detail?: string }[];
    };
    expect(entries.filter((e) => e.action === 'export')).toEqual([
      expect.objectContaining({ outcome: 'ok', target: out, detail: 'parquet: 6 tables, 38 rows' }),
      expect.objectContaining({
        outcome: 'ok',
        target: path.join(dir, 'parquet'),
        detail: 'parquet: 6 tables, 38 rows',
      }),
    ]);
  });

  it('refuses a folder that is not empty, with a message naming it and nothing else', async () => {
    const taken = path.join(dir, 'taken');
    await mkdir(taken);
    await writeFile(path.join(taken, 'keep.txt'), 'mine');
    const result = await run(['export', '--parquet', taken, '--db', dbFile]);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: `The folder ${taken} is not empty: the export writes only into a new or empty folder, so that it never mixes with other files. Name a new folder, or empty this one.`,
    });
    expect(await readdir(taken)).toEqual(['keep.txt']);
    expect((await readdir(dir)).filter((n) => n.includes('orderlens-export'))).toEqual([]);
    const { entries } = JSON.parse((await run(['audit', '--db', dbFile, '--json'])).out) as {
      entries: { action: string; outcome: string; target?: string; detail?: string }[];
    };
    expect(entries[0]).toMatchObject({
      action: 'export',
      outcome: 'failed',
      target: taken,
      detail: expect.stringMatching(/^folder_not_empty: The folder .* is not empty/),
    });
  });

  it('fails as a user error, leaving nothing, when the folder cannot be made', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const target = path.join(file, 'export');
    const result = await run(['export', '--parquet', target, '--db', dbFile]);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: `Could not create the export folder ${target}: a part of its path is a file.`,
    });
    const onFile = await run(['export', '--parquet', file, '--db', dbFile]);
    expect(onFile).toMatchObject({
      code: 1,
      err: `${file} is a file, not a folder: the export needs a new or empty folder.`,
    });
    expect(await readFile(file, 'utf8')).toBe('not a folder');
    expect((await readdir(dir)).filter((n) => n.includes('orderlens-export'))).toEqual([]);
  });

  it.each([
    [['export', '--db', 'x.duckdb'], 'export needs --parquet DIR'],
    [['export', 'out', '--parquet', 'out'], 'export takes flags only'],
    [['export', '--csv', 'out'], "Unknown option '--csv'"],
  ])('%j is a usage error', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('export --parquet DIR [--db PATH] [--json]');
  });

  it('says when the export holds demo data', async () => {
    const demoDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-export-cli-demo-'));
    const demoFile = path.join(demoDir, 'demo.duckdb');
    await withDb(demoFile, (db) => loadDemoData(db, { orders: 30, workDir: demoDir }));
    const out = path.join(demoDir, 'parquet');
    const result = await run(['export', '--parquet', out, '--db', demoFile]);
    expect(result.code).toBe(0);
    // The generated orders span twelve months: a partition each.
    const months = await withDb(demoFile, (db) =>
      db.all("SELECT DISTINCT strftime(order_ts, '%Y-%m') AS m FROM orders"),
    );
    expect(months).toHaveLength(12);
    expect(result.out.split('\n')[0]!.trim().split(/\s+/).join(' ')).toBe(
      'orders 30 rows 12 partitions',
    );
    expect(result.out.split('\n').at(-1)).toBe(
      'The database holds demo data (loads 1, 2, 3, 4): the export includes it, and manifest.json says so.',
    );
    const manifest = JSON.parse(
      await readFile(path.join(out, 'manifest.json'), 'utf8'),
    ) as ExportManifest;
    expect(manifest.demo).toMatchObject({ present: true, loads: [1, 2, 3, 4] });
    expect(manifest.demo.rows.orders).toBe(30);
    expect(existsSync(path.join(out, 'orders'))).toBe(true);
  });
});
