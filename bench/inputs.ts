/**
 * Benchmark inputs, cached under bench/.cache (git-ignored) by size and seed so reruns reuse them:
 * extracts written by `orderlens generate`, and databases with all four extracts loaded.
 */
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/lib/db/database';
import { engine } from '@/runtime/engine';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { cacheDir, rootDir, round, time } from './helpers';

export const extractTables = ['orders', 'order_lines', 'shipments', 'returns'] as const;
export type ExtractTable = (typeof extractTables)[number];

/** The generator writes about 2.5 lines per order. */
export const ordersFor = (lines: number) => Math.max(1, Math.round(lines / 2.5));

/** The folder of generated extracts for about `lines` order lines (generated once). */
export function ensureExtracts(lines: number, seed: number, format: 'csv' | 'parquet' = 'csv') {
  const orders = ordersFor(lines);
  const dir = path.join(cacheDir, `${format}-o${orders}-s${seed}`);
  const marker = path.join(dir, '.complete');
  if (!existsSync(marker)) {
    console.log(`[bench] generating ${orders} orders (${format}, seed ${seed}) in ${dir}…`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const args = ['generate', '--out', dir, '--orders', String(orders), '--seed', String(seed)];
    execFileSync(
      process.execPath,
      [path.join(rootDir, 'bin', 'orderlens.mjs'), ...args, '--format', format],
      {
        stdio: 'inherit',
      },
    );
    writeFileSync(marker, '{}\n');
  }
  const file = (table: ExtractTable) => path.join(dir, `${table}.${format}`);
  return { dir, orders, file };
}

/**
 * The order lines of `ensureExtracts` again with one line in ten given another quantity (chosen by
 * a hash of its key): the second, replacing load of the ingest benchmark. Written once.
 */
export async function ensureChangedLines(lines: number, seed: number, format: 'csv' | 'parquet') {
  const { dir, file } = ensureExtracts(lines, seed, format);
  const changed = path.join(dir, `order_lines-changed.${format}`);
  if (existsSync(changed)) return changed;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
  const options = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
  await connection.run(
    `COPY (SELECT * REPLACE (CASE WHEN hash(order_id, line_no) % 10 = 0 THEN qty_ordered + 1
                                  ELSE qty_ordered END AS qty_ordered)
             FROM ${reader}($1)) TO '${changed}.partial' (${options})`,
    [file('order_lines')],
  );
  connection.closeSync();
  instance.closeSync();
  renameSync(`${changed}.partial`, changed);
  return changed;
}

export interface LoadedDatabase {
  file: string;
  /** Order lines actually generated. */
  lines: number;
  /** Ingest time of each extract when the database was built (ms). */
  ingestMs: Record<ExtractTable, number>;
}

/** A database file with all four CSV extracts loaded through loadExtract (built once). */
export async function ensureDatabase(lines: number, seed: number): Promise<LoadedDatabase> {
  const { orders, file: extract } = ensureExtracts(lines, seed);
  const file = path.join(cacheDir, `db-o${orders}-s${seed}.duckdb`);
  const marker = `${file}.complete.json`;
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf-8')) as LoadedDatabase;
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  console.log(`[bench] loading the ${orders}-order extracts into ${path.basename(file)}…`);
  const db = await openDatabase(file, { memoryLimit: '4GB' });
  const ingestMs = {} as Record<ExtractTable, number>;
  for (const table of extractTables) {
    const { value: report, ms } = await time(() =>
      loadExtract(db, { file: extract(table), table, tmpDir: cacheDir }),
    );
    if (report.status !== 'loaded') throw new Error(`${table}: ${report.message}`);
    ingestMs[table] = round(ms, 0);
  }
  const counted = await db.one<{ n: number }>('SELECT count(*) AS n FROM order_lines');
  await engine.attach(db); // the facts, built once after the four loads
  // Left open: openDatabase keeps one instance per file per process.
  await db.run('CHECKPOINT');
  const loaded: LoadedDatabase = { file, lines: counted?.n ?? 0, ingestMs };
  writeFileSync(marker, `${JSON.stringify(loaded, null, 2)}\n`);
  return loaded;
}
