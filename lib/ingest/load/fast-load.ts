import 'server-only';
/**
 * The fast load: a file loaded straight from DuckDB's reader (inserted into an empty canonical
 * table in one pass, or read once into a work table and merged by natural key), with DuckDB
 * typing the columns it can as it reads (ISO timestamps, plain numbers) and the text rules
 * applied to the rest. It is optimistic: it only goes ahead when the outcome is bound
 * to be the one of the full path (stage, type, validate, upsert), and it gives up, its transaction
 * rolled back, at the first sign the file needs the full path — a record the reader rejects, a
 * value breaking a rule (the typed read raises inside the insert), a repeated key. The full path
 * then loads the file from scratch, reporting every bad row with file, row and column.
 *
 * Why the values are the same: a column is read typed only where no null token, value map, other
 * decimal or thousands separator or date format applies, and DuckDB's reader converts with the
 * very casts the text rules try first (TRY_CAST to INTEGER, DOUBLE or TIMESTAMP), so a value it
 * accepts is the value the text rules give; a value it refuses lands in its rejects table, which
 * sends the load to the full path.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import {
  fieldsOfTarget,
  requiredFieldsOfTarget,
  tablesOfTarget,
  type CanonicalTable,
  type FieldType,
} from '@/lib/model/canonical';
import type { Mapping } from '../map/mapping';
import type { OpenedSource } from '../read/stage';
import { readCsvSql } from '../read/stage-csv';
import { columnsOf, incomingRowsSql } from './canonical-rows';
import { planTransform, type TransformPlan } from './transform';
import { isEmpty, mergeIncoming, type TableCounts } from './upsert';
import { buildRules, duplicateKeyOf, needsLineNumbers, typedSelectSql } from './validate';

/** Thrown inside the fast load's transaction to roll it back and take the full path. */
export class FastLoadDeclined extends Error {
  constructor(reason: string) {
    super(`fast load declined: ${reason}`);
  }
}

const READER_TYPES: Partial<Record<FieldType, string>> = {
  integer: 'INTEGER',
  number: 'DOUBLE',
  timestamp: 'TIMESTAMP',
};

/** Parquet column types whose values the text rules would read back unchanged, per field type. */
const PARQUET_TYPES: Partial<Record<FieldType, string[]>> = {
  integer: ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'],
  number: ['DOUBLE', 'TINYINT', 'SMALLINT', 'INTEGER'],
  timestamp: ['TIMESTAMP'],
};

export interface FastRead {
  /** The FROM item yielding the staged columns c0, c1, … (typed where readTyped says). */
  from: string;
  headers: string[];
  columns: string[];
  readTyped: Set<string>;
  /** CSV: the reader's rejects table and the last line of the header record. */
  rejects?: { table: string; headerLine: number; header: boolean };
  /**
   * CSV: a query counting, among the first rows, the values of typed columns DuckDB would refuse.
   * A file whose dates or numbers need the full path shows it there, before the whole file is read.
   */
  probe?: string;
}

/** Rows the probe reads; rejected records kept at most by the fast read (any one declines it). */
const PROBE_ROWS = 5000;
const REJECTS_KEPT = 1000;

/**
 * The typed read of an opened source under a mapping, or undefined when the mapping asks for
 * something only the full path does (null tokens, value maps, detection of formats or separators,
 * line numbering, a flat extract).
 */
export async function planFastRead(
  db: Database,
  opened: OpenedSource,
  mapping: Mapping,
): Promise<FastRead | undefined> {
  const target = mapping.table;
  if (target === 'flat') return undefined;
  if ((mapping.nullValues ?? []).length > 0) return undefined;
  if (mapping.decimalSeparator === ',' || mapping.thousandsSeparator === '.') return undefined;
  const fieldTypes = new Map(fieldsOfTarget(target).map((f) => [f.name, f.type]));
  const parquet = opened.csv ? undefined : await parquetColumns(db, opened.file);
  const headers = opened.csv?.dialect.headers ?? parquet!.map((c) => c.name);
  const columns = headers.map((_, i) => `c${i}`);
  const index = new Map(headers.map((h, i) => [h, i]));
  const lower = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  // The fields read from each column, and whether each field could be read typed.
  const uses = new Map<number, { type: FieldType; typable: boolean; given?: string }[]>();
  for (const [field, source] of Object.entries(mapping.columns)) {
    const type = fieldTypes.get(field);
    if (!type) continue;
    const sources = Array.isArray(source) ? source : [source];
    const given = mapping.formats?.[field] ?? mapping.dateFormat;
    const typable =
      sources.length === 1 &&
      READER_TYPES[type] !== undefined &&
      Object.keys(mapping.values?.[field] ?? {}).length === 0 &&
      !(mapping.absolute ?? []).includes(field) &&
      (type !== 'timestamp' || given === undefined || given === 'iso');
    for (const h of sources) {
      const i = index.get(h) ?? lower.get(h.trim().toLowerCase());
      if (i === undefined) return undefined; // the full path names the missing column
      uses.set(i, [...(uses.get(i) ?? []), { type, typable, given }]);
    }
  }
  const types = headers.map(() => 'VARCHAR');
  const readTyped = new Set<string>();
  for (const [i, list] of uses) {
    const type = list[0]!.type;
    if (!list.every((u) => u.typable && u.type === type)) continue;
    if (parquet && !PARQUET_TYPES[type]!.includes(parquet[i]!.type)) continue;
    types[i] = READER_TYPES[type]!;
    readTyped.add(columns[i]!);
  }
  // Numbers must all be read typed (no separator detection, no normalisation to report), and
  // dates either typed or in a format the mapping gives (no format detection).
  for (const [i, list] of uses) {
    if (readTyped.has(columns[i]!)) continue;
    for (const u of list) {
      if (u.type === 'number' || u.type === 'integer') return undefined;
      if (u.type === 'timestamp' && u.given === undefined) return undefined;
    }
  }
  if (parquet) {
    const select = parquet.map((c, i) =>
      readTyped.has(columns[i]!)
        ? `${quoteIdent(c.name)} AS ${columns[i]}`
        : `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${columns[i]}`,
    );
    return {
      from: `(SELECT ${select.join(', ')} FROM read_parquet(${quoteLiteral(opened.file)}))`,
      headers,
      columns,
      readTyped,
    };
  }
  const { dialect, skip, file } = opened.csv!;
  // The header is read as a record: a typed column refuses it, so it lands among the rejects
  // rather than in the rows. With nothing typed it would be read as a row: leave that to staging.
  if (dialect.header && readTyped.size === 0) return undefined;
  const rejects = `${opened.table}_rejects`;
  const text = types.map(() => 'VARCHAR');
  const varchar = readCsvSql(file, { columns, skip, dialect, types: text, head: true });
  // A typed read takes "2.500" as 2.5; whether it is 2500 is the full path's to decide (transform.ts).
  const doubtful = (i: number) =>
    mapping.decimalSeparator === undefined &&
    uses.get(i)?.some((u) => u.type === 'number' || u.type === 'integer');
  const refused = columns
    .map((c, i) =>
      readTyped.has(c)
        ? `(${c} IS NOT NULL AND (try_cast(${c} AS ${types[i]}) IS NULL${
            doubtful(i)
              ? ` OR regexp_full_match(trim(${c}), '[-+]?[1-9][0-9]{0,2}[.][0-9]{3}')`
              : ''
          }))`
        : '',
    )
    .filter(Boolean);
  return {
    from: readCsvSql(file, { rejects, rejectsLimit: REJECTS_KEPT, columns, skip, dialect, types }),
    headers,
    columns,
    readTyped,
    rejects: { table: rejects, headerLine: skip + 1, header: dialect.header },
    probe: refused.length
      ? `SELECT count(*) FILTER (WHERE ${refused.join(' OR ')}) AS refused
              FROM (SELECT * FROM ${varchar} LIMIT ${PROBE_ROWS} OFFSET ${dialect.header ? 1 : 0})`
      : undefined,
  };
}

async function parquetColumns(db: Database, file: string) {
  const described = await db.all<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`,
  );
  return described.map((c) => ({ name: c.column_name, type: c.column_type }));
}

/**
 * Whether the first rows read typed as they must. Only a shortcut: the fast read checks every
 * row itself; this spares reading a whole file whose dates or numbers are all in another format.
 */
export async function probeFastRead(db: Database, read: FastRead): Promise<boolean> {
  if (!read.probe) return true;
  try {
    const row = await db.one<{ refused: number }>(read.probe);
    return (row?.refused ?? 0) === 0;
  } catch {
    return false; // a record DuckDB cannot read: the full path reports it
  }
}

/** The transform plan of a fast read, or undefined when the mapping cannot be applied as is. */
export async function planFastTransform(
  db: Database,
  read: FastRead,
  mapping: Mapping,
): Promise<TransformPlan | undefined> {
  // No detection query runs: numbers and undated timestamps are all read typed (see above).
  const plan = await planTransform(
    db,
    { table: '', headers: read.headers, columns: read.columns },
    mapping,
    read.readTyped,
  );
  if (plan.missingHeaders.length > 0) return undefined;
  const mapped = new Set(plan.fields.map((f) => f.field));
  if (requiredFieldsOfTarget(mapping.table).some((f) => !mapped.has(f))) return undefined;
  if (needsLineNumbers(mapping.table, plan)) return undefined;
  return plan;
}

/**
 * Load the rows into the canonical table inside the caller's transaction: inserted straight into
 * an empty table; into one with rows, read into a work table and merged by natural key like the
 * full path's upsert. Throws FastLoadDeclined (or DuckDB's error raised by a rule) when the file
 * needs the full path: the caller rolls back.
 */
export async function fastInsert(
  tx: Database,
  read: FastRead,
  plan: TransformPlan,
  mapping: Mapping,
  loadId: number,
  work: string,
): Promise<{ table: CanonicalTable; counts: TableCounts }> {
  const target = mapping.table;
  const [table] = tablesOfTarget(target);
  if (!table || target === 'flat') throw new FastLoadDeclined('flat extract');
  const params: DuckDBValue[] = [...plan.params];
  const bind = (value: DuckDBValue) => `$${params.push(value)}`;
  const rules = buildRules(plan, target, bind(''), bind);
  // A row breaking any rule stops the read: the full path then reports it with row and column.
  const where = rules.length
    ? `CASE WHEN ${rules.map((r) => `(${r.when})`).join(' OR ')} THEN error('orderlens: a row breaks a rule') ELSE true END`
    : undefined;
  const typed = `(${typedSelectSql(read.from, target, plan, { withRow: false, where })})`;
  const available = new Set(plan.fields.map((f) => f.field));
  const incoming = incomingRowsSql(table, target, '', undefined, available, typed);
  if (!incoming) throw new FastLoadDeclined('no rows for the table');
  if (await isEmpty(tx, table)) {
    const columns = columnsOf(table).map(quoteIdent);
    const inserted = await tx.run(
      `INSERT INTO ${quoteIdent(table)} (nk, ${columns.join(', ')}, load_id)
         SELECT nk, ${columns.join(', ')}, ${bind(loadId)} FROM (${incoming})`,
      params,
    );
    await checkRead(tx, read, plan, { table, rows: table, count: inserted });
    return { table, counts: { inserted, updated: 0, unchanged: 0 } };
  }
  const rows = `${work}_${table}_in`;
  await tx.run(`CREATE TEMP TABLE ${quoteIdent(rows)} AS ${incoming}`, params);
  try {
    const count = (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(rows)}`))?.n;
    await checkRead(tx, read, plan, { table, rows, count: count ?? 0 });
    return { table, counts: await mergeIncoming(tx, table, rows, loadId, work) };
  } finally {
    await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(rows)}`);
  }
}

/** The rows read (in `rows`, a table) are the file's whole and its keys distinct. */
async function checkRead(
  tx: Database,
  read: FastRead,
  plan: TransformPlan,
  loaded: { table: CanonicalTable; rows: string; count: number },
) {
  if (loaded.count === 0) throw new FastLoadDeclined('no rows');
  if (read.rejects) await checkRejects(tx, read.rejects);
  await checkDuplicateKeys(tx, loaded, plan);
}

/** The only records the reader may have refused are the header's (its names are not numbers). */
async function checkRejects(tx: Database, rejects: NonNullable<FastRead['rejects']>) {
  const row = await tx.one<{ total: number; header: number }>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE error_type = 'CAST' AND line <= ${rejects.headerLine}) AS header
       FROM ${quoteIdent(rejects.table)}`,
  );
  const total = row?.total ?? 0;
  const header = row?.header ?? 0;
  if (total !== header || (rejects.header ? header === 0 : total > 0)) {
    throw new FastLoadDeclined('the reader rejected records');
  }
}

/**
 * No key may repeat within the file. The rows read are the file's rows, so distinct hashes of the key as many as rows prove every key distinct; fewer (a repeated key, or a
 * hash collision) leave the exact check and its report to the full path.
 */
async function checkDuplicateKeys(
  tx: Database,
  { table, rows }: { table: CanonicalTable; rows: string },
  plan: TransformPlan,
) {
  const mapped = new Set(plan.fields.map((f) => f.field));
  const key = duplicateKeyOf(table, mapped);
  if (!key || key.length === 0) return;
  const notNull = key
    .filter((k) => k === 'order_id' || k === 'return_id')
    .map((k) => `${quoteIdent(k)} IS NOT NULL`);
  const row = await tx.one<{ n: number; d: number }>(
    `SELECT count(*) AS n, count(DISTINCT hash(${key.map(quoteIdent).join(', ')})) AS d
       FROM ${quoteIdent(rows)} ${notNull.length ? `WHERE ${notNull.join(' AND ')}` : ''}`,
  );
  if ((row?.n ?? 0) !== (row?.d ?? 0)) throw new FastLoadDeclined('a key may repeat');
}
