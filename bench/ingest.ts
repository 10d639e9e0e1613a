/**
 * Ingest: loadExtract (what `orderlens ingest` runs) of the order-lines extract, CSV and Parquet,
 * against DuckDB's own `CREATE TABLE AS SELECT * FROM read_csv(…)` of the same file in the same
 * process; and an XLSX of 100,000 lines against the CTAS of the same lines as CSV.
 *   npx tsx --conditions=react-server bench/ingest.ts [--quick] [--sizes 1M,10M]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { createReadStream, existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import {
  cacheDir,
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  round,
  scratchDatabaseFile,
  sizeLabel,
  time,
  writeResult,
} from './helpers';
import { ensureExtracts } from './inputs';

const args = parseBenchArgs();
const scratchFile = () => scratchDatabaseFile('scratch');

/** DuckDB's own load of the file into a fresh database file: the best of two runs (ms). */
async function duckdbCtas(file: string, reader: 'read_csv' | 'read_parquet'): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const dbFile = scratchFile();
    const instance = await DuckDBInstance.create(dbFile);
    const connection = await instance.connect();
    await connection.run("SET memory_limit = '4GB'");
    const { ms } = await time(() =>
      connection.run(`CREATE TABLE t AS SELECT * FROM ${reader}('${file.replaceAll("'", "''")}')`),
    );
    best = Math.min(best, ms);
    connection.closeSync();
    instance.closeSync();
    removeDatabaseFile(dbFile);
  }
  return best;
}

/** loadExtract of the file into a fresh database file (ms, rows loaded). */
async function orderlensIngest(file: string) {
  const dbFile = scratchFile();
  const db = await openDatabase(dbFile, { memoryLimit: '4GB' });
  const { value: report, ms } = await time(() =>
    loadExtract(db, { file, table: 'order_lines', tmpDir: cacheDir }),
  );
  if (report.status !== 'loaded') throw new Error(report.message);
  db.close();
  removeDatabaseFile(dbFile);
  return { ms, rows: report.rowsInserted };
}

async function measure(
  label: string,
  file: string,
  baselineFile: string,
  reader: 'read_csv' | 'read_parquet',
) {
  const baselineMs = await duckdbCtas(baselineFile, reader);
  const ingest = await orderlensIngest(file);
  const linesPerSecond = ingest.rows / (ingest.ms / 1000);
  const baselinePerSecond = ingest.rows / (baselineMs / 1000);
  return {
    input: label,
    lines: ingest.rows,
    ingestSeconds: round(ingest.ms / 1000),
    linesPerSecond: Math.round(linesPerSecond),
    duckdbCtasSeconds: round(baselineMs / 1000),
    duckdbLinesPerSecond: Math.round(baselinePerSecond),
    ratio: round(linesPerSecond / baselinePerSecond),
    target: 0.7,
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

const rows = [];
for (const lines of args.sizes) {
  const csv = ensureExtracts(lines, args.seed, 'csv').file('order_lines');
  rows.push(await measure(`CSV ${sizeLabel(lines)}`, csv, csv, 'read_csv'));
  if (lines <= 1_000_000) {
    const parquet = ensureExtracts(lines, args.seed, 'parquet').file('order_lines');
    rows.push(await measure(`Parquet ${sizeLabel(lines)}`, parquet, parquet, 'read_parquet'));
  }
}
const xlsxLines = args.quick ? 10_000 : 100_000;
const xlsxCsv = ensureExtracts(xlsxLines, args.seed, 'csv').file('order_lines');
const xlsx = await ensureXlsx(xlsxCsv, sizeLabel(xlsxLines));
rows.push({
  ...(await measure(`XLSX ${sizeLabel(xlsxLines)}`, xlsx, xlsxCsv, 'read_csv')),
  target: null,
  baseline: 'CTAS of the same lines as CSV',
});
printTable(rows);
writeResult('ingest', args, rows);
