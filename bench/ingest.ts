/**
 * Ingest as a user runs it: whole processes of `orderlens ingest` (the built command: start-up,
 * opening the database, the load, the ledger, closing) against DuckDB's own whole-process load of
 * the same file into a fresh database file with a checkpoint (bench/duckdb-load.mjs), for the
 * order-lines extract as CSV and Parquet: the first load into a fresh database and a replacing load
 * (the same orders again, one line in ten changed) into the database the first load left. XLSX:
 * lines per second of the whole process, against the CTAS of the same lines as CSV.
 * Each figure is the best of RUNS processes.
 *   npx tsx --conditions=react-server bench/ingest.ts [--quick] [--sizes 1M,10M]
 */
import ExcelJS from 'exceljs';
import { copyFileSync, createReadStream, existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  benchDir,
  cacheDir,
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  rootDir,
  round,
  scratchDatabaseFile,
  sizeLabel,
  wholeProcess,
  writeResult,
} from './helpers';
import { ensureChangedLines, ensureExtracts } from './inputs';

const args = parseBenchArgs();
const RUNS = 2;
const bin = path.join(rootDir, 'bin', 'orderlens.mjs');

const best = (times: number[]) => Math.min(...times);

/** DuckDB's whole-process load of the file into a fresh database file (ms, best of RUNS). */
function duckdbLoad(file: string, reader: 'read_csv' | 'read_parquet'): number {
  return best(
    Array.from({ length: RUNS }, () => {
      const db = scratchDatabaseFile('duckdb');
      const { ms } = wholeProcess([path.join(benchDir, 'duckdb-load.mjs'), file, db, reader]);
      removeDatabaseFile(db);
      return ms;
    }),
  );
}

interface Ingested {
  ms: number;
  rows: number;
  counts: { inserted: number; updated: number; unchanged: number };
}

/** `orderlens ingest FILE --json` into the database file as a whole process. */
function ingest(file: string, db: string): Ingested {
  const { ms, stdout } = wholeProcess([
    bin,
    'ingest',
    file,
    '--table',
    'order_lines',
    '--db',
    db,
    '--json',
  ]);
  const report = JSON.parse(stdout) as {
    status: string;
    message: string;
    rowsRead: number;
    tables: Record<string, { inserted: number; updated: number; unchanged: number }>;
  };
  if (report.status !== 'loaded') throw new Error(`${file}: ${report.message}`);
  return {
    ms,
    rows: report.rowsRead,
    counts: report.tables.order_lines!,
  };
}

/** The first load into a fresh file (best of RUNS); the last run's database is kept for the next. */
function firstLoad(file: string) {
  let kept = '';
  const runs = Array.from({ length: RUNS }, () => {
    if (kept) removeDatabaseFile(kept);
    kept = scratchDatabaseFile('ingest');
    return ingest(file, kept);
  });
  return { run: runs.reduce((a, b) => (b.ms < a.ms ? b : a)), db: kept };
}

/** The replacing load into a copy of the first load's database (best of RUNS). */
function replacingLoad(file: string, base: string) {
  const runs = Array.from({ length: RUNS }, () => {
    const db = scratchDatabaseFile('replace');
    copyFileSync(base, db);
    const run = ingest(file, db);
    removeDatabaseFile(db);
    return run;
  });
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

async function measure(lines: number, format: 'csv' | 'parquet') {
  const file = ensureExtracts(lines, args.seed, format).file('order_lines');
  const changed = await ensureChangedLines(lines, args.seed, format);
  const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
  const baselineMs = duckdbLoad(file, reader);
  const first = firstLoad(file);
  const replacing = replacingLoad(changed, first.db);
  removeDatabaseFile(first.db);
  const input = `${format === 'csv' ? 'CSV' : 'Parquet'} ${sizeLabel(lines)}`;
  return [
    row(input, 'first load', first.run, baselineMs),
    row(input, 'replacing load', replacing, baselineMs),
  ];
}

function row(input: string, load: string, run: Ingested, baselineMs: number) {
  return {
    input,
    load,
    lines: run.rows,
    ingestSeconds: round(run.ms / 1000),
    linesPerSecond: Math.round(run.rows / (run.ms / 1000)),
    duckdbSeconds: round(baselineMs / 1000),
    ratio: round(baselineMs / run.ms),
    target: 0.7,
    inserted: run.counts.inserted,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
  };
}

/** The order-lines CSV rewritten as an XLSX sheet (numbers as numbers), cached. */
async function ensureXlsx(csvFile: string, label: string): Promise<string> {
  const file = path.join(cacheDir, `order_lines-${label}.xlsx`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial });
  const sheet = workbook.addWorksheet('order_lines');
  let header = true;
  for await (const line of createInterface({ input: createReadStream(csvFile) })) {
    const cells = line.split(',');
    sheet
      .addRow(header ? cells : cells.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)))
      .commit();
    header = false;
  }
  sheet.commit();
  await workbook.commit();
  await rename(partial, file);
  return file;
}

async function measureXlsx(lines: number) {
  const csv = ensureExtracts(lines, args.seed, 'csv').file('order_lines');
  const xlsx = await ensureXlsx(csv, sizeLabel(lines));
  const baselineMs = duckdbLoad(csv, 'read_csv');
  const { run, db } = firstLoad(xlsx);
  removeDatabaseFile(db);
  return {
    ...row(`XLSX ${sizeLabel(lines)}`, 'first load', run, baselineMs),
    target: '30k lines/s',
    baseline: 'DuckDB load of the same lines as CSV',
  };
}

const rows = [];
for (const lines of args.sizes) {
  for (const format of ['csv', 'parquet'] as const) rows.push(...(await measure(lines, format)));
}
rows.push(await measureXlsx(args.quick ? 10_000 : 100_000));
printTable(rows);
writeResult('ingest', args, rows);
