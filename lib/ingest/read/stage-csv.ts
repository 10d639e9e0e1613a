import 'server-only';
/**
 * Staging a CSV file (also a converted sheet or a transcoded text): DuckDB's strict reader into a
 * raw table of text columns, the header record checked and dropped, repeated headers dropped, and
 * a view that numbers the rows by their position in the file.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { ExtractError } from '../errors';
import type { RowIssue } from '../issues';
import { csvReadError } from './csv-errors';
import type { CsvDialect } from './dialect';
import type { OpenedSource } from './stage';
import { readRejects } from './stage-rejects';
import { countRows } from './staged-rows';

export async function stageCsv(
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
    /** Only the first rows are read: a small buffer (the default one is 32 MiB, read whole). */
    head?: boolean;
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
    // Without buffer_size DuckDB sizes its read buffer from max_line_size (a 256 MiB block per
    // read), so a memory limit under ~300 MB refused every large file before a row was read.
    // A head read keeps DuckDB's 2 MiB line limit: a longer line there only sends it elsewhere.
    ...(read.head ? ['buffer_size=4194304'] : ['max_line_size=16777216', 'buffer_size=33554432']),
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
