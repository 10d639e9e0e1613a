import 'server-only';
/**
 * Staging: every source lands first in a temporary table of text columns c0, c1, … (names are
 * ours, never the file's), with its 1-based data row number in _row. CSV goes through DuckDB's
 * reader in strict mode with rejected rows kept; XLSX is converted to CSV by streaming; Parquet is
 * read by DuckDB and cast to text so every source is validated by the same rules.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { detectDialect, type CsvDialect, type DialectOverrides } from './dialect';
import { ExtractError } from './errors';
import type { RowIssue } from './issues';
import { inspectSource, transcodeToUtf8, type SourceInfo } from './source';
import { convertXlsxToCsv } from './xlsx';

export interface StagedSource {
  table: string;
  source: SourceInfo;
  headers: string[];
  /** Staged column (c0…) of each header, in order. */
  columns: string[];
  rows: number;
  /** Rows the reader could not split into fields (wrong field count, unterminated quote). */
  structuralRejects: RowIssue[];
  dialect?: CsvDialect;
  sheet?: string;
  cleanup: () => Promise<void>;
}

export interface StageOptions extends DialectOverrides {
  fileName: string;
  sheet?: string;
  /** Folder for temporary files (transcoded text, converted sheets). */
  tmpDir?: string;
}

let counter = 0;

/** Read any supported file into a staging table. */
export async function stageSource(
  db: Database,
  file: string,
  options: StageOptions,
): Promise<StagedSource> {
  const source = await inspectSource(file, options.fileName);
  const table = `stage_${process.pid}_${++counter}`;
  const work = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'orderlens-'));
  const cleanup = async () => {
    await db.run(`DROP VIEW IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    for (const suffix of ['', '_raw', '_shifts']) {
      await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table + suffix)}`).catch(() => undefined);
    }
    await rm(work, { recursive: true, force: true });
  };
  try {
    if (source.kind === 'parquet')
      return { ...(await stageParquet(db, file, table)), source, cleanup };
    let csvFile = file;
    let overrides: DialectOverrides = options;
    let sheet: string | undefined;
    if (source.kind === 'xlsx') {
      csvFile = path.join(work, 'sheet.csv');
      const converted = await convertXlsxToCsv(file, csvFile, { sheet: options.sheet });
      sheet = converted.sheet;
      overrides = { delimiter: ',', quote: '"', header: true, skipRows: 0 };
    } else if (source.encoding !== 'utf-8') {
      csvFile = path.join(work, 'utf8.csv');
      await transcodeToUtf8(file, source.encoding, csvFile);
    }
    const staged = await stageCsv(db, csvFile, table, options.fileName, overrides);
    return { ...staged, source, sheet, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function stageCsv(
  db: Database,
  file: string,
  table: string,
  fileName: string,
  overrides: DialectOverrides,
) {
  const dialect = await detectDialect(db, file, fileName, overrides);
  const columns = dialect.headers.map((_, i) => `c${i}`);
  const struct = columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ');
  const rejects = `${table}_rejects`;
  const options = [
    'auto_detect=false',
    `columns={${struct}}`,
    `header=${dialect.header}`,
    `skip=${dialect.skipRows}`,
    `delim=${quoteLiteral(dialect.delimiter)}`,
    `quote=${quoteLiteral(dialect.quote)}`,
    `escape=${quoteLiteral(dialect.escape)}`,
    `comment=${quoteLiteral(dialect.comment)}`,
    'strict_mode=true',
    'store_rejects=true',
    `rejects_table=${quoteLiteral(rejects)}`,
    `rejects_scan=${quoteLiteral(`${rejects}_scan`)}`,
    'max_line_size=16777216',
  ].join(', ');
  const raw = `${table}_raw`;
  // CTAS keeps the file's order, so rowid + 1 is the row number (a window would cost a sort).
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(raw)} AS SELECT * FROM read_csv(${quoteLiteral(file)}, ${options})`,
  );
  const structuralRejects = await readRejects(db, rejects, dialect, fileName);
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}`);
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(`${rejects}_scan`)}`);
  await dropRepeatedHeaders(db, raw, columns, dialect.headers);
  await createNumberedView(db, table, raw, structuralRejects);
  const rows = await countRows(db, table);
  if (rows === 0 && structuralRejects.length === 0) {
    throw new ExtractError(`${fileName} has a header but no data rows.`, 'no_rows');
  }
  return { table, headers: dialect.headers, columns, rows, structuralRejects, dialect };
}

async function readRejects(db: Database, rejects: string, dialect: CsvDialect, fileName: string) {
  const rows = await db.all<{
    line: number;
    column_name: string | null;
    error_type: string;
    error_message: string;
    csv_line: string;
  }>(
    `SELECT line, column_name, error_type, error_message, csv_line FROM ${quoteIdent(rejects)} ORDER BY line`,
  );
  const offset = (dialect.header ? 1 : 0) + dialect.skipRows;
  const columnName = (name: string | null) => {
    const index = name && /^c\d+$/.test(name) ? Number(name.slice(1)) : -1;
    return dialect.headers[index] ?? null;
  };
  return rows.map((reject): RowIssue => ({
    row: Math.max(1, reject.line - offset),
    column: columnName(reject.column_name),
    rule: 'malformed_row',
    message: `${fileName}, row ${Math.max(1, reject.line - offset)}: ${describeReject(reject.error_type, reject.error_message)}`,
    value: reject.csv_line.slice(0, 200),
  }));
}

function describeReject(type: string, message: string): string {
  switch (type) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS':
      return `wrong number of fields (${message.replace('Expected Number of Columns', 'expected').replace('Found', 'found')})`;
    case 'UNQUOTED VALUE':
      return 'a quote is not closed or not escaped';
    case 'INVALID UNICODE':
      return 'the text is not valid in the file encoding';
    case 'LINE SIZE OVER MAXIMUM':
      return 'the row is longer than 16 MB';
    default:
      return type.toLowerCase();
  }
}

/**
 * The staging view numbers rows by file position. Rejected rows are missing from the raw table, so
 * a staged row at index i (1-based) sits after every rejected row r_k with r_k - (k - 1) <= i.
 */
async function createNumberedView(db: Database, view: string, raw: string, rejects: RowIssue[]) {
  const rejected = [...new Set(rejects.map((r) => r.row))].sort((a, b) => a - b);
  if (rejected.length === 0) {
    await db.run(
      `CREATE TEMP VIEW ${quoteIdent(view)} AS SELECT rowid + 1 AS _row, * FROM ${quoteIdent(raw)}`,
    );
    return;
  }
  const shifts = `${view}_shifts`;
  await db.run(`CREATE TEMP TABLE ${quoteIdent(shifts)} (from_index BIGINT, shift BIGINT)`);
  const values = rejected.map((r, k) => `(${r - k}, ${k + 1})`).join(', ');
  await db.run(`INSERT INTO ${quoteIdent(shifts)} VALUES ${values}`);
  await db.run(
    `CREATE TEMP VIEW ${quoteIdent(view)} AS
       SELECT s.rowid + 1 + coalesce((SELECT max(shift) FROM ${quoteIdent(shifts)} WHERE from_index <= s.rowid + 1), 0) AS _row, s.*
         FROM ${quoteIdent(raw)} AS s`,
  );
}

/** A repeated header row inside the data (concatenated exports) is dropped, not validated. */
async function dropRepeatedHeaders(
  db: Database,
  table: string,
  columns: string[],
  headers: string[],
) {
  if (columns.length === 0) return;
  const condition = columns
    .map((c, i) => `${quoteIdent(c)} IS NOT DISTINCT FROM $${i + 1}`)
    .join(' AND ');
  await db.run(`DELETE FROM ${quoteIdent(table)} WHERE ${condition}`, headers);
}

async function stageParquet(db: Database, file: string, table: string) {
  const described = await db.all<{ column_name: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`,
  );
  const headers = described.map((column) => column.column_name);
  const columns = headers.map((_, i) => `c${i}`);
  const select = headers
    .map((name, i) => `CAST(${quoteIdent(name)} AS VARCHAR) AS ${quoteIdent(columns[i]!)}`)
    .join(', ');
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS
       SELECT file_row_number + 1 AS _row, ${select}
         FROM read_parquet(${quoteLiteral(file)}, file_row_number=true)`,
  );
  const rows = await countRows(db, table);
  return { table, headers, columns, rows, structuralRejects: [] };
}

async function countRows(db: Database, table: string): Promise<number> {
  const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return row?.n ?? 0;
}
