import 'server-only';
/**
 * The orders explorer's view as an Arrow IPC stream, for the browser's grid to scroll through up to
 * a million rows: the same rows as ./list.ts's pages (filters, search, status, a KPI's
 * drill-through, the sort from the allowlist), `limit` of them from `offset`.
 *
 * Each DuckDB result chunk (2,048 rows) becomes one record batch, written column by column into
 * typed arrays: no row object and no JSON per row. DuckDB casts each column to one of four shapes
 * first, so the loop reads plain numbers, booleans and strings: numbers are Float64 (the JSON pages'
 * numbers are doubles too), times TimestampMillisecond in UTC (what the grid prints), flags Bool,
 * everything else Utf8. The schema's metadata says what the stream holds: the view's total, the
 * offset, the columns, the sort (keys in ./query.ts arrowMetadataKeys).
 */
import {
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';
import {
  AsyncByteQueue,
  Bool,
  Field,
  Float64,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';
import { compactParams, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { drillQuerySchema, drillSql } from '@/lib/kpi/drill';
import { factsVersion } from '@/lib/kpi/facts';
import { listCountSql, listRangeSql } from './list';
import {
  arrowMetadataKeys,
  ordersQuerySchema,
  ordersRangeSchema,
  type OrdersQuery,
  type OrdersRange,
  type ParsedOrdersQuery,
} from './query';

export type OrdersArrowQuery = OrdersQuery & OrdersRange;

/** The four shapes a column travels in. */
type Kind = 'number' | 'time' | 'flag' | 'text';

interface ViewSql {
  /** The rows of the range, sorted. */
  sql: string;
  /** The number of rows in the whole view. */
  countSql: string;
  params: DuckDBValue[];
  sort: string;
  direction: 'asc' | 'desc';
}

/**
 * The view (as listOrders lists it) from `offset`, at most `limit` rows, as Arrow IPC stream bytes:
 * first the schema, then one record batch per DuckDB chunk, then the end-of-stream marker. The
 * query is checked and the view counted before the first bytes, so a bad query throws there. The
 * rows stream on a connection of their own, closed when the stream ends or its reader stops.
 */
export async function* streamOrdersArrow(
  db: Database,
  input: OrdersArrowQuery = {},
): AsyncGenerator<Uint8Array> {
  const { offset, limit, columns: wanted, ...rest } = input;
  const query = ordersQuerySchema.parse(rest);
  const range = ordersRangeSchema.parse({ offset, limit, columns: wanted });
  const view = query.kpi
    ? drillRangeSql(query, range.limit, range.offset)
    : listViewSql(query, range.limit, range.offset);
  await factsVersion(db);
  const connection = await db.connect();
  try {
    const [counted, available] = await Promise.all([
      db.read<{ n: number }>(view.countSql, view.params),
      columnKinds(connection, view),
    ]);
    const picked = range.columns?.filter((c) => available.has(c)) ?? [];
    const columns = picked.length ? [...new Set(picked)] : [...available.keys()];
    const kinds = columns.map((c) => available.get(c)!);
    const schema = schemaOf(columns, kinds, {
      [arrowMetadataKeys.total]: String(counted[0]?.n ?? 0),
      [arrowMetadataKeys.offset]: String(range.offset),
      [arrowMetadataKeys.columns]: JSON.stringify(columns),
      [arrowMetadataKeys.sort]: view.sort,
      [arrowMetadataKeys.direction]: view.direction,
    });
    // A plain SELECT over the sorted range keeps its order (DuckDB's order preservation: SELECT,
    // FROM a single table or subquery, LIMIT and OFFSET preserve the order of their input).
    const [sql, params] = compactParams(
      `SELECT ${columns.map((c, i) => shapedColumn(c, kinds[i]!)).join(', ')} FROM (${view.sql})`,
      view.params,
    );
    const statement = await connection.prepare(sql);
    if (Array.isArray(params)) statement.bind(params);
    const result = await statement.stream();

    const bytes = new TakenBytes();
    const writer = new RecordBatchStreamWriter();
    writer.reset(bytes, schema);
    yield bytes.take();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      writer.write(batchOf(schema, kinds, chunk));
      yield bytes.take();
    }
    writer.close();
    yield bytes.take();
  } finally {
    connection.closeSync();
  }
}

function listViewSql(query: ParsedOrdersQuery, limit: number, offset: number): ViewSql {
  const range = listRangeSql(query, limit, offset);
  return {
    sql: range.sql,
    countSql: listCountSql(query).sql,
    params: range.params,
    sort: range.sort,
    direction: range.direction,
  };
}

/** A KPI's drill-through rows, as listOrders pages them (lib/kpi/drill.ts). */
function drillRangeSql(query: ParsedOrdersQuery, limit: number, offset: number): ViewSql {
  const direction = query.direction ?? 'desc';
  const { rows, sorted, sort, params } = drillSql(
    query.kpi!,
    drillQuerySchema.parse({
      filters: query.filters,
      failedOnly: query.failedOnly,
      sort: query.sort,
      direction,
    }),
  );
  return {
    sql: `${sorted} LIMIT ${limit} OFFSET ${offset}`,
    countSql: `SELECT count(*) AS n FROM (${rows})`,
    params,
    sort,
    direction,
  };
}

/** The view's columns, in order, with the shape each travels in (from DuckDB's own types). */
async function columnKinds(connection: DuckDBConnection, view: ViewSql) {
  const statement = await connection.prepare(compactParams(view.sql, view.params)[0]);
  const kinds = new Map<string, Kind>();
  for (let i = 0; i < statement.columnCount; i++)
    kinds.set(statement.columnName(i), kindOf(statement.columnTypeId(i)));
  return kinds;
}

const numberTypes = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  // A drill-through's value column for a KPI that only judges: NULL throughout.
  DuckDBTypeId.SQLNULL,
]);
const timeTypes = new Set([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.DATE,
]);

function kindOf(type: DuckDBTypeId): Kind {
  if (numberTypes.has(type)) return 'number';
  if (timeTypes.has(type)) return 'time';
  if (type === DuckDBTypeId.BOOLEAN) return 'flag';
  return 'text';
}

/** The column cast to its shape by DuckDB, so the batch loop reads doubles, booleans and text. */
function shapedColumn(column: string, kind: Kind): string {
  const name = quoteIdent(column);
  if (kind === 'number') return `CAST(${name} AS DOUBLE) AS ${name}`;
  if (kind === 'time') return `CAST(epoch_ms(${name}) AS DOUBLE) AS ${name}`;
  if (kind === 'flag') return name;
  return `CAST(${name} AS VARCHAR) AS ${name}`;
}

const arrowTypes: Record<Kind, () => DataType> = {
  number: () => new Float64(),
  time: () => new TimestampMillisecond('UTC'),
  flag: () => new Bool(),
  text: () => new Utf8(),
};

function schemaOf(columns: string[], kinds: Kind[], metadata: Record<string, string>): Schema {
  const fields = columns.map((c, i) => new Field(c, arrowTypes[kinds[i]!](), true));
  return new Schema(fields, new Map(Object.entries(metadata)));
}

function batchOf(schema: Schema, kinds: Kind[], chunk: DuckDBDataChunk): RecordBatch {
  const length = chunk.rowCount;
  const children = kinds.map((kind, i) => columnBuilders[kind](chunk.getColumnVector(i), length));
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/** Arrow's validity bitmap (bit set = a value), given only when some value is null. */
class Validity {
  readonly bits: Uint8Array;
  nulls = 0;
  constructor(length: number) {
    this.bits = new Uint8Array((length + 7) >> 3);
  }
  set(index: number, valid: boolean) {
    if (valid) this.bits[index >> 3]! |= 1 << (index & 7);
    else this.nulls++;
  }
  get props() {
    return this.nulls ? { nullCount: this.nulls, nullBitmap: this.bits } : { nullCount: 0 };
  }
}

const TWO_TO_32 = 2 ** 32;

const columnBuilders: Record<Kind, (vector: DuckDBVector, length: number) => Data> = {
  number(vector, length) {
    const values = new Float64Array(length);
    const validity = new Validity(length);
    for (let i = 0; i < length; i++) {
      const value = vector.getItem(i) as number | null;
      validity.set(i, value !== null);
      if (value !== null) values[i] = value;
    }
    return makeData({ type: new Float64(), length, ...validity.props, data: values });
  },
  time(vector, length) {
    // Milliseconds as int64, written as two 32-bit halves (little-endian, as Arrow's buffers are):
    // a BigInt per value would cost an allocation per cell.
    const values = new BigInt64Array(length);
    const words = new Int32Array(values.buffer);
    const validity = new Validity(length);
    for (let i = 0; i < length; i++) {
      const ms = vector.getItem(i) as number | null;
      validity.set(i, ms !== null);
      if (ms === null) continue;
      const high = Math.floor(ms / TWO_TO_32);
      words[2 * i] = ms - high * TWO_TO_32; // stored modulo 2^32: the low word's bits
      words[2 * i + 1] = high;
    }
    return makeData({
      type: new TimestampMillisecond('UTC'),
      length,
      ...validity.props,
      data: values,
    });
  },
  flag(vector, length) {
    const values = new Uint8Array((length + 7) >> 3);
    const validity = new Validity(length);
    for (let i = 0; i < length; i++) {
      const flag = vector.getItem(i) as boolean | null;
      validity.set(i, flag !== null);
      if (flag) values[i >> 3]! |= 1 << (i & 7);
    }
    return makeData({ type: new Bool(), length, ...validity.props, data: values });
  },
  text(vector, length) {
    const texts: (string | null)[] = new Array(length);
    const validity = new Validity(length);
    let chars = 0;
    for (let i = 0; i < length; i++) {
      const text = vector.getItem(i) as string | null;
      texts[i] = text;
      validity.set(i, text !== null);
      if (text !== null) chars += text.length;
    }
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const bytes = new Uint8Array(chars * 3);
    const offsets = new Int32Array(length + 1);
    let at = 0;
    for (let i = 0; i < length; i++) {
      const text = texts[i];
      if (text) at += encoder.encodeInto(text, bytes.subarray(at)).written;
      offsets[i + 1] = at;
    }
    const data = bytes.subarray(0, at);
    return makeData({ type: new Utf8(), length, ...validity.props, valueOffsets: offsets, data });
  },
};

const encoder = new TextEncoder();

/**
 * The IPC writer's output, taken as soon as it is written: the writer's own queue is read
 * asynchronously and would hold every batch until then; this way a stream yields one batch's bytes
 * at a time, at the pace its reader asks for them.
 */
class TakenBytes extends AsyncByteQueue {
  private parts: Uint8Array[] = [];
  private size = 0;

  override write(value: Parameters<AsyncByteQueue['write']>[0]) {
    // The writer hands over Uint8Arrays (views of the batch's buffers, or its framing).
    const part = value as Uint8Array;
    this.parts.push(part);
    this.size += part.byteLength;
  }

  take(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}
