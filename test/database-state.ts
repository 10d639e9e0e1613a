/**
 * For the kill -9 tests (lib/ingest/load/crash.test.ts of a loader process, e2e/server-crash.e2e.test.ts
 * of the web server): run the CLI, copy a database file with its WAL, and read the state a
 * database file reopens in (row counts, ledger, two KPI values) in this process, closing it again.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '@/lib/db/database';
import { computeKpis } from '@/lib/kpi/compute';

export const repo = path.resolve(__dirname, '..');
export const cli = path.join(repo, 'bin', 'orderlens.mjs');

/** The two KPIs compared across a crash: a rate over lines and a mean over orders. */
export const crashKpis = ['order_fill_rate', 'order_shipment_cycle_time'];

export interface State {
  counts: Record<string, number>;
  loads: { id: number; status: string; file: string; rows: number }[];
  kpis: Record<string, number | null>;
}

/** Run `orderlens ARGS`; its output, or an error with what it printed. */
export function orderlens(args: string[]): string {
  const run = spawnSync('node', [cli, ...args], { cwd: repo, encoding: 'utf-8' });
  if (run.status !== 0) throw new Error(`orderlens ${args[0]} failed: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/**
 * DuckDB's files beside a database: the WAL, and (DuckDB 1.5) the WAL being checkpointed and the
 * WAL being recovered, which a kill may leave behind and the next open replays.
 */
export const sideFiles = ['.wal', '.wal.checkpoint', '.wal.recovery'];

/**
 * Copy a database file with its side files; side files the source lacks are removed at the
 * destination, so that nothing of an earlier trial is replayed into the copy.
 */
export function copyDatabase(from: string, to: string): void {
  for (const suffix of ['', ...sideFiles]) {
    rmSync(to + suffix, { force: true });
    if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
  }
}

/** The side files present beside a database file (after a kill: what the next open replays). */
export function presentSideFiles(file: string): string[] {
  return sideFiles.filter((suffix) => existsSync(file + suffix));
}

/**
 * A value to 12 significant digits: a parallel aggregate may sum in another order (…459 vs …455),
 * so values computed twice agree to about 15 digits, not always to the last one.
 */
export function significant(value: number | null | undefined): number | null {
  return value == null ? null : Number(value.toPrecision(12));
}

/** Open the file as the next start would (WAL replay), read its state, close it entirely. */
export async function readState(file: string): Promise<State> {
  const instance = await DuckDBInstance.create(file);
  const db = new Database(file, instance, await instance.connect());
  try {
    const counts = (await db.one(
      `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS order_lines,
              (SELECT count(*) FROM shipments) AS shipments, (SELECT count(*) FROM returns) AS returns,
              (SELECT count(*) FROM orders_history) AS orders_history`,
    )) as Record<string, number>;
    const loads = await db.all<State['loads'][number]>(
      'SELECT load_id AS id, status, file_name AS file, rows_read AS rows FROM loads ORDER BY load_id',
    );
    const results = await computeKpis(db, {}, crashKpis);
    const kpis = Object.fromEntries(results.map((k) => [k.id, significant(k.value)]));
    return { counts, loads, kpis };
  } finally {
    // Every connection first: an open one keeps the file locked for the next process.
    await db.closeConnections();
    instance.closeSync();
  }
}
