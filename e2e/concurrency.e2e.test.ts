/**
 * Concurrent loads while the scorecard is being read, against the built app (e2e/server.ts) on a
 * fresh database holding earlier loads. Four uploads and loads are posted at once: two extracts of
 * distinct orders, and two extracts of the same orders with other values (each replaces the
 * other's). Meanwhile 20 clients read the scorecard (GET /api/kpis) without pause for 60 s
 * (ORDERLENS_CONCURRENCY_SECONDS shortens it for local runs).
 *
 * Proves: no reader gets an error (no 5xx, no network error), and every scorecard a reader got is
 * that of a committed state (the earlier loads plus a prefix of the loads in ledger order, as a
 * fresh database loaded serially gives it), never one of a load half applied; every load ends
 * loaded, or answers 409 write_conflict and is retried; afterwards the tables hold exactly the
 * distinct rows of the files (no lost or doubled rows), the overlapping orders hold the values of
 * one file only (the later load's, the earlier's kept in the history), the ledger has one entry
 * per load, and the scorecard and every table's content equal those of a fresh database loaded
 * serially in the same order (computed here, in this process, through lib).
 *
 * Needs the built app (scripts/start.mjs builds it when the sources changed, ~3-5 min the first
 * time). ORDERLENS_CONCURRENCY_ORDERS sets the orders of each concurrent extract (20,000).
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db/database';
import { fingerprint } from '@/lib/db/fingerprint';
import { canonicalMapping } from '@/lib/demo';
import { generateExtracts } from '@/lib/generate';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { kpiQuerySchema } from '@/lib/kpi/filters';
import { scorecard as computeScorecard } from '@/lib/kpi/scorecard';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { significant } from '@/test/database-state';
import { ledger, load, scorecard, upload, type LoadOutcome, type ScorecardRow } from './api';
import { startApp, type RunningApp } from './server';

const SECONDS = Number(process.env.ORDERLENS_CONCURRENCY_SECONDS ?? 60);
const ORDERS = Number(process.env.ORDERLENS_CONCURRENCY_ORDERS ?? 20_000);
const BASE_ORDERS = 5_000;
const READERS = 20;
const ATTEMPTS = 5;

interface Extract {
  name: string;
  file: string;
  table: CanonicalTable;
  rows: number;
}

let dir: string;
let app: RunningApp | undefined;
let base: Extract[];
let concurrent: Extract[];

/**
 * Generate an extract and give its orders their own numbers (SO-0000001 → PREFIX-0000001), so that
 * extracts of different seeds hold distinct orders, or, with one prefix, the same orders.
 */
async function extracts(
  prefix: string,
  seed: number,
  orders: number,
  tables: readonly CanonicalTable[],
): Promise<Extract[]> {
  const out = path.join(dir, `${prefix}-${seed}`);
  const generated = await generateExtracts({ outDir: out, orders, seed });
  const result: Extract[] = [];
  for (const table of tables) {
    const { path: source, rows } = generated.files.find((f) => f.table === table)!;
    const name = `${prefix.toLowerCase()}-${seed}-${table}.csv`;
    const file = path.join(dir, name);
    const text = await readFile(source, 'utf-8');
    await writeFile(file, text.replace(/\bSO-(?=\d{7}\b)/g, `${prefix}-`));
    result.push({ name, file, table, rows });
  }
  return result;
}

/** Upload and load one extract; a 409 write_conflict is retried, anything else is the answer. */
async function uploadAndLoad(extract: Extract, conflicts: { n: number }, answers: string[]) {
  const id = await upload(app!.url, extract.file, extract.name);
  for (let attempt = 1; ; attempt++) {
    const outcome: LoadOutcome = await load(app!.url, id, canonicalMapping(extract.table));
    answers.push(`${outcome.status} ${outcome.body.code ?? outcome.body.status}`);
    if (outcome.status === 409 && outcome.body.code === 'write_conflict' && attempt < ATTEMPTS) {
      conflicts.n++;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      continue;
    }
    return outcome;
  }
}

/** A scorecard as compared: every KPI's value to 12 significant digits, in catalogue order. */
function signature(rows: { id: string; value: number | null }[]): string {
  return JSON.stringify(rows.map((r) => [r.id, significant(r.value)]));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-concurrency-'));
  base = await extracts('BA', 11, BASE_ORDERS, canonicalTables);
  concurrent = [
    ...(await extracts('C1', 12, ORDERS, ['orders'])),
    ...(await extracts('C2', 13, ORDERS, ['orders'])),
    // The same orders twice, with other values: each load replaces what the other loaded.
    ...(await extracts('OV', 14, ORDERS, ['orders'])),
    ...(await extracts('OV', 15, ORDERS, ['orders'])),
  ];
  app = await startApp({
    databaseFile: path.join(dir, 'app.duckdb'),
    env: { ORDERLENS_DATA_DIR: path.join(dir, 'data') },
    timeoutMs: 600_000,
  });
  for (const extract of base) {
    const outcome = await uploadAndLoad(extract, { n: 0 }, []);
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
  }
}, 900_000);

afterAll(async () => {
  await app?.kill().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('concurrent loads while 20 clients read the scorecard', () => {
  it(`serves every reader for ${SECONDS} s and loads every file whole, once`, async () => {
    const url = app!.url;
    const latencies: number[] = [];
    const failures: string[] = [];
    const seen = new Map<string, number>();
    const started = performance.now();
    let loadsDone = false;
    const reader = async () => {
      while (!loadsDone || performance.now() - started < SECONDS * 1000) {
        const sent = performance.now();
        try {
          const response = await fetch(`${url}/api/kpis`, { signal: AbortSignal.timeout(120_000) });
          const body = (await response.json()) as { kpis?: ScorecardRow[] };
          latencies.push(performance.now() - sent);
          if (response.status !== 200 || !body.kpis) failures.push(`HTTP ${response.status}`);
          else seen.set(signature(body.kpis), (seen.get(signature(body.kpis)) ?? 0) + 1);
        } catch (error) {
          failures.push(`network: ${(error as Error).message}`);
        }
      }
    };
    const readers = Array.from({ length: READERS }, reader);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const conflicts = { n: 0 };
    const answers: string[] = [];
    const loadsStarted = performance.now();
    const outcomes = await Promise.all(concurrent.map((e) => uploadAndLoad(e, conflicts, answers)));
    const loadsSeconds = (performance.now() - loadsStarted) / 1000;
    loadsDone = true;
    await Promise.all(readers);
    const readSeconds = (performance.now() - started) / 1000;

    // Every answer was a report or a retryable conflict; every load ended loaded.
    for (const answer of answers) expect(answer).toMatch(/^(200 loaded|409 write_conflict)$/);
    for (const outcome of outcomes) expect(outcome.body.status).toBe('loaded');
    expect(failures.slice(0, 5)).toEqual([]);

    // One ledger entry per load: the earlier loads, then the four in the order they committed.
    const loads = await ledger(url);
    expect(loads.map((l) => l.fileName).slice(0, base.length)).toEqual(base.map((e) => e.name));
    const order = loads.slice(base.length).map((l) => l.fileName);
    expect([...order].sort()).toEqual(concurrent.map((e) => e.name).sort());
    expect(loads.every((l) => l.status === 'loaded')).toBe(true);
    const served = await scorecard(url);
    await app!.stop();
    app = undefined;

    // The same files loaded serially, in the ledger's order, into a fresh database.
    const reference = await openDatabase(path.join(dir, 'reference.duckdb'));
    const query = kpiQuerySchema.parse({ filters: {} });
    const serialLoad = async (db: Database, extract: Extract) => {
      const report = await loadExtract(db, {
        file: extract.file,
        fileName: extract.name,
        mapping: canonicalMapping(extract.table),
        tmpDir: dir,
      });
      expect(report.status).toBe('loaded');
      return report;
    };
    for (const extract of base) await serialLoad(reference, extract);
    const states = [signature(await computeScorecard(reference, query))];
    const byName = new Map(concurrent.map((e) => [e.name, e]));
    for (const name of order) {
      await serialLoad(reference, byName.get(name)!);
      states.push(signature(await computeScorecard(reference, query)));
    }

    // Every scorecard a reader got is one of a committed state; the last equals the serial run's.
    const unknown = [...seen.keys()].filter((s) => !states.includes(s));
    expect(unknown.length, 'scorecards of no committed state').toBe(0);
    expect(signature(served)).toEqual(states.at(-1));

    // The tables hold exactly the distinct rows of the files, equal to the serial run's.
    const db = await openDatabase(path.join(dir, 'app.duckdb'));
    const overlap = concurrent.filter((e) => e.name.startsWith('ov-'));
    const later = loads.find((l) => l.fileName === order.findLast((n) => n.startsWith('ov-')))!;
    const distinct = (table: CanonicalTable) =>
      base.filter((e) => e.table === table).reduce((sum, e) => sum + e.rows, 0) +
      (table === 'orders' ? concurrent.reduce((sum, e) => sum + e.rows, 0) - overlap[0]!.rows : 0);
    const actual = await fingerprint(db);
    for (const table of canonicalTables) expect(actual[table]!.rows, table).toBe(distinct(table));
    expect(actual.orders_history!.rows).toBe(later.rowsUpdated);
    expect(actual).toEqual(await fingerprint(reference));
    // The overlapping orders are the later load's, all of them: one file won, never a mix.
    const mix = await db.one<{ later: number; other: number }>(
      `SELECT count(*) FILTER (WHERE load_id = $1) AS later, count(*) FILTER (WHERE load_id <> $1) AS other
         FROM orders WHERE order_id LIKE 'OV-%'`,
      [later.loadId],
    );
    expect(mix!.later + mix!.other).toBe(overlap[0]!.rows);
    expect(mix!.later).toBe(later.rowsInserted + later.rowsUpdated);

    latencies.sort((a, b) => a - b);
    const distinctStates = [...seen.keys()].map((s) => states.indexOf(s)).sort();
    console.info(
      `[reliability] concurrency: ${READERS} clients read the scorecard for ${readSeconds.toFixed(0)} s while ` +
        `${concurrent.length} uploads+loads of ${ORDERS} orders each ran at once (${loadsSeconds.toFixed(1)} s; two of ` +
        `the same orders): ${latencies.length} requests served, p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms, ` +
        `${failures.length} errors; loads ${outcomes.length} loaded, ${conflicts.n} write conflicts retried; ` +
        `readers saw ${distinctStates.length} of ${states.length} committed states (${distinctStates.join(', ')}), ` +
        `0 of no committed state; rows equal the files' distinct rows (${actual.orders!.rows} orders, ` +
        `${actual.orders_history!.rows} replaced), ledger one entry per load, scorecard and tables equal a serial load`,
    );
  }, 1_800_000);
});
