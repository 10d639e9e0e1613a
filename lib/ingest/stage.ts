import 'server-only';
/**
 * Staging: every source lands first in a temporary table of text columns c0, c1, … (names are
 * ours, never the file's), with its 1-based data row number in _row. CSV goes through DuckDB's
 * reader in strict mode with rejected rows kept; XLSX is converted to CSV by streaming; Parquet is
 * read by DuckDB and cast to text so every source is validated by the same rules.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { detectDialect, type CsvDialect, type DialectOverrides } from './dialect';
import { csvReadError } from './csv-errors';
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
  /** Header rows repeated inside the data, dropped before validation. */
  repeatedHeaders?: number;
  sheet?: string;
  cleanup: () => Promise<void>;
}

export interface StageOptions extends DialectOverrides {
  fileName: string;
  /** Overrides the detected text encoding. */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'latin1';
  sheet?: string;
  /** Folder for temporary files (transcoded text, converted sheets). */
  tmpDir?: string;
}

let counter = 0;

/**
 * A source opened but not yet read: its kind, the UTF-8 CSV DuckDB will read (transcoded or
 * converted where needed) with its dialect, or the Parquet file. Reading it is stageOpened's job;
 * a fast load may read it itself (fast-load.ts).
 */
export interface OpenedSource {
  file: string;
  fileName: string;
  table: string;
  source: SourceInfo;
  /** CSV only (also a converted sheet): the file DuckDB reads, its dialect and lines to skip. */
  csv?: { file: string; dialect: CsvDialect; skip: number };
  sheet?: string;
  cleanup: () => Promise<void>;
}

/** Read any supported file into a staging table. */
export async function stageSource(
  db: Database,
  file: string,
  options: StageOptions,
): Promise<StagedSource> {
  const opened = await openSource(db, file, options);
  return stageOpened(db, opened);
}

/** Inspect, transcode or convert, and detect the dialect of a file, without reading its rows. */
export async function openSource(
  db: Database,
  file: string,
  options: StageOptions,
): Promise<OpenedSource> {
  const detected = await inspectSource(file, options.fileName);
  const forced = options.encoding === 'latin1' ? 'windows-1252' : options.encoding;
  const source = forced && detected.kind === 'csv' ? { ...detected, encoding: forced } : detected;
  const table = `stage_${process.pid}_${++counter}`;
  const work = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'orderlens-'));
  const cleanup = async () => {
    await db.run(`DROP VIEW IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    for (const suffix of ['', '_raw', '_shifts', '_rejects', '_rejects_scan']) {
      await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table + suffix)}`).catch(() => undefined);
    }
    await rm(work, { recursive: true, force: true });
  };
  const opened = { file, fileName: options.fileName, table, source, cleanup };
  try {
    if (source.kind === 'parquet') return opened;
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
    const dialect = await detectDialect(db, csvFile, options.fileName, overrides);
    const aligned = await alignLineBreaks(csvFile, dialect, work);
    const skip = dialect.skipRows + aligned.extraLines;
    return { ...opened, sheet, csv: { file: aligned.file, dialect, skip } };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Read an opened source into its staging table (cleaning up when that fails). */
export async function stageOpened(db: Database, opened: OpenedSource): Promise<StagedSource> {
  const { table, source, sheet, cleanup } = opened;
  try {
    if (!opened.csv) return { ...(await stageParquet(db, opened.file, table)), source, cleanup };
    const staged = await stageCsv(db, opened.csv, table, opened.fileName);
    return { ...staged, source, sheet, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function stageCsv(
  db: Database,
  csv: NonNullable<OpenedSource['csv']>,
  table: string,
  fileName: string,
) {
  const { dialect, skip } = csv;
  const columns = dialect.headers.map((_, i) => `c${i}`);
  const raw = `${table}_raw`;
  const rejects = `${table}_rejects`;
  try {
    await readCsv(db, csv.file, { raw, rejects, columns, skip, dialect });
  } catch (error) {
    throw csvReadError(error, fileName, dialect.lineBreaks);
  }
  const structuralRejects = await readRejects(db, rejects, dialect, fileName, skip);
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}`);
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(`${rejects}_scan`)}`);
  if (dialect.header) await dropHeaderRecord(db, raw, structuralRejects, dialect, fileName);
  const repeatedHeaders = await dropRepeatedHeaders(db, raw, columns, dialect.headers);
  await createNumberedView(db, table, raw, structuralRejects, dialect.header ? 1 : 0);
  const rows = await countRows(db, table);
  if (rows === 0 && structuralRejects.length === 0) {
    throw new ExtractError(`${fileName} has a header but no data rows.`, 'no_rows');
  }
  return {
    table,
    headers: dialect.headers,
    columns,
    rows,
    structuralRejects,
    dialect,
    repeatedHeaders,
  };
}

interface CsvRead {
  raw: string;
  rejects: string;
  columns: string[];
  skip: number;
  dialect: CsvDialect;
}

/**
 * The header goes through DuckDB as an ordinary record (header=false): with header=true a header
 * DuckDB cannot split makes it return no rows and no rejects at all, silently.
 */
async function readCsv(db: Database, file: string, read: CsvRead) {
  const types = read.columns.map(() => 'VARCHAR');
  // CTAS keeps the file's order, so rowid is the record's position (a window would cost a sort).
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(read.raw)} AS SELECT * FROM ${readCsvSql(file, { ...read, types })}`,
  );
}

/**
 * The strict read_csv(…) call of a file: the given column types (VARCHAR for staging; a fast load
 * asks for typed columns), rejected records kept in the rejects table with line and column.
 */
export function readCsvSql(
  file: string,
  read: Omit<CsvRead, 'raw' | 'rejects'> & {
    types: string[];
    /** The rejects table; none: a record DuckDB cannot read fails the statement. */
    rejects?: string;
    /** Rejected records kept at most (0: all). */
    rejectsLimit?: number;
  },
): string {
  const { dialect } = read;
  const struct = read.columns
    .map((c, i) => `${quoteLiteral(c)}: ${quoteLiteral(read.types[i]!)}`)
    .join(', ');
  const options = [
    'auto_detect=false',
    `columns={${struct}}`,
    'header=false',
    `skip=${read.skip}`,
    `delim=${quoteLiteral(dialect.delimiter)}`,
    `quote=${quoteLiteral(dialect.quote)}`,
    `escape=${quoteLiteral(dialect.escape)}`,
    `comment=${quoteLiteral(dialect.comment)}`,
    'strict_mode=true',
    ...(read.rejects
      ? [
          'store_rejects=true',
          `rejects_table=${quoteLiteral(read.rejects)}`,
          `rejects_scan=${quoteLiteral(`${read.rejects}_scan`)}`,
          `rejects_limit=${read.rejectsLimit ?? 0}`,
        ]
      : []),
    'max_line_size=16777216',
    // Without it DuckDB sizes its read buffer from max_line_size (a 256 MiB block per read), so a
    // memory limit under ~300 MB refused every large file before a row was read.
    'buffer_size=33554432',
  ].join(', ');
  return `read_csv(${quoteLiteral(file)}, ${options})`;
}

/** The header is the first record read; DuckDB refusing it means the file cannot be mapped. */
async function dropHeaderRecord(
  db: Database,
  raw: string,
  rejects: RowIssue[],
  dialect: CsvDialect,
  fileName: string,
) {
  const refused = rejects.find((issue) => issue.row < 1);
  if (refused) {
    const reason = refused.message.replace(/^.*, row -?\d+: /, '');
    throw new ExtractError(
      `${fileName}: the header (line ${dialect.skipRows + 1}) cannot be read: ${reason}.`,
      'malformed_header',
    );
  }
  await db.run(`DELETE FROM ${quoteIdent(raw)} WHERE rowid = 0`);
}

/**
 * DuckDB's strict reader takes the file's first line break for the record separator, even inside
 * a quoted header cell. Then it reads a copy that starts with one blank line of the right kind:
 * the blank line is no record, and it is counted in skip and in reject line numbers.
 */
async function alignLineBreaks(file: string, dialect: CsvDialect, work: string) {
  if (!dialect.lineBreaks.misleading) return { file, extraLines: 0 };
  const copy = path.join(work, 'aligned.csv');
  await writeFile(copy, dialect.lineBreaks.record);
  // A BOM is only one at the start of a file; behind the blank line it would become text.
  const start = (await startsWithBom(file)) ? 3 : 0;
  await pipeline(createReadStream(file, { start }), createWriteStream(copy, { flags: 'a' }));
  return { file: copy, extraLines: 1 };
}

async function startsWithBom(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return bytesRead === 3 && buffer.equals(Buffer.from([0xef, 0xbb, 0xbf]));
  } finally {
    await handle.close();
  }
}

interface Reject {
  line: number;
  column_name: string | null;
  error_type: string;
  error_message: string;
  csv_line: string;
  /** Line breaks inside the rejected record. */
  breaks: number;
}

/**
 * One issue per rejected record. DuckDB logs a row with k fields too many as k entries (found
 * n+1, n+2, …) and one with fields missing as one entry per missing field: keep the entry that
 * tells the real count, and prefer quote and encoding problems, which explain the rest. Only the
 * start of a record's text is fetched: a runaway quote can make it the rest of the file.
 */
async function readRejects(
  db: Database,
  rejects: string,
  dialect: CsvDialect,
  fileName: string,
  skip: number,
) {
  const rows = await db.all<Reject & Record<string, unknown>>(
    `SELECT line, column_name, error_type, error_message, left(text, 200) AS csv_line,
            len(regexp_extract_all(text, '\\r\\n|\\r|\\n')) AS breaks
       FROM (
         SELECT *, trim(csv_line, chr(13) || chr(10)) AS text, row_number() OVER (
           PARTITION BY line
           ORDER BY CASE error_type WHEN 'UNQUOTED VALUE' THEN 0 WHEN 'INVALID ENCODING' THEN 1
                      WHEN 'INVALID UNICODE' THEN 1 WHEN 'LINE SIZE OVER MAXIMUM' THEN 2 ELSE 3 END,
                    CASE WHEN error_type = 'TOO MANY COLUMNS' THEN -column_idx ELSE column_idx END
         ) AS pick
         FROM ${quoteIdent(rejects)}
       ) WHERE pick = 1 ORDER BY line`,
  );
  const offset = (dialect.header ? 1 : 0) + skip;
  const columnName = (name: string | null) => {
    const index = name && /^c\d+$/.test(name) ? Number(name.slice(1)) : -1;
    return dialect.headers[index] ?? null;
  };
  return rows.map((reject): RowIssue => {
    const row = reject.line - offset;
    if (row >= 1) refuseRunawayQuote(reject, row, fileName);
    return {
      row,
      column: columnName(reject.column_name),
      rule: 'malformed_row',
      message: `${fileName}, row ${row}: ${describeReject(reject.error_type, reject.error_message)}`,
      value: reject.csv_line,
    };
  });
}

/**
 * A quote that is never closed swallows every line after it into one rejected "row": reporting
 * one row left out would hide the rows lost with it, so the file is refused instead.
 */
function refuseRunawayQuote(reject: Reject, row: number, fileName: string) {
  if (reject.error_type !== 'UNQUOTED VALUE' || reject.breaks === 0) return;
  throw new ExtractError(
    `${fileName}, row ${row}: a quote is not closed, so the value runs on over ` +
      `${reject.breaks + 1} lines and the rows within it cannot be told apart. Close the quote ` +
      '(or double a quote inside a value), then load the file again.',
    'unterminated_quote',
  );
}

function describeReject(type: string, message: string): string {
  switch (type) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS':
      return `wrong number of fields (${message.replace('Expected Number of Columns', 'expected').replace('Found', 'found')})`;
    case 'UNQUOTED VALUE':
      return 'a quote is not closed or not escaped';
    case 'INVALID UNICODE':
    case 'INVALID ENCODING':
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
 * The header, when there is one, was the raw table's first record (rowid 0).
 */
async function createNumberedView(
  db: Database,
  view: string,
  raw: string,
  rejects: RowIssue[],
  headerRows: number,
) {
  const index = `s.rowid + ${1 - headerRows}`;
  const rejected = [...new Set(rejects.map((r) => r.row))].sort((a, b) => a - b);
  if (rejected.length === 0) {
    await db.run(
      `CREATE TEMP VIEW ${quoteIdent(view)} AS SELECT ${index} AS _row, s.* FROM ${quoteIdent(raw)} AS s`,
    );
    return;
  }
  const shifts = `${view}_shifts`;
  await db.run(`CREATE TEMP TABLE ${quoteIdent(shifts)} (from_index BIGINT, shift BIGINT)`);
  const values = rejected.map((r, k) => `(${r - k}, ${k + 1})`).join(', ');
  await db.run(`INSERT INTO ${quoteIdent(shifts)} VALUES ${values}`);
  await db.run(
    `CREATE TEMP VIEW ${quoteIdent(view)} AS
       SELECT ${index} + coalesce((SELECT max(shift) FROM ${quoteIdent(shifts)} WHERE from_index <= ${index}), 0) AS _row, s.*
         FROM ${quoteIdent(raw)} AS s`,
  );
}

/**
 * A repeated header row inside the data (concatenated exports) is dropped, not validated; the
 * count is returned so the load report can say so (the reference: "A with the skip shown").
 */
async function dropRepeatedHeaders(
  db: Database,
  table: string,
  columns: string[],
  headers: string[],
): Promise<number> {
  if (columns.length === 0) return 0;
  const condition = columns
    .map((c, i) => `${quoteIdent(c)} IS NOT DISTINCT FROM $${i + 1}`)
    .join(' AND ');
  return db.run(`DELETE FROM ${quoteIdent(table)} WHERE ${condition}`, headers);
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

/** Rows whose values judge the automatic mapping's candidates, in the preview and in a load. */
export const SAMPLE_ROWS = 100;

/** Up to SAMPLE_ROWS non-empty values per header from the first rows of a staged file. */
export async function sampleValues(
  db: Database,
  staged: Pick<StagedSource, 'table' | 'headers' | 'columns'>,
): Promise<{ rows: string[][]; samples: Record<string, string[]> }> {
  const columns = staged.columns.map((c) => quoteIdent(c)).join(', ');
  const records = await db.all(
    `SELECT ${columns} FROM ${quoteIdent(staged.table)} ORDER BY _row LIMIT ${SAMPLE_ROWS}`,
  );
  const rows = records.map((record) =>
    staged.columns.map((c) =>
      record[c] === null || record[c] === undefined ? '' : String(record[c]),
    ),
  );
  const samples: Record<string, string[]> = {};
  staged.headers.forEach((header, i) => {
    samples[header] = rows.map((row) => row[i] ?? '').filter((v) => v.trim() !== '');
  });
  return { rows, samples };
}
