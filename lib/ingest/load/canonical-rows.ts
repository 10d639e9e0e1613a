import 'server-only';
/**
 * From validated typed rows to the rows of each canonical table, with their natural key (nk).
 * A flat extract feeds orders (first non-empty value per order), lines (one per order and line)
 * and shipments (rows with a ship or delivery date) at once.
 */
import { quoteIdent } from '@/lib/db/sql';
import {
  canonicalFields,
  tablesOfTarget,
  type CanonicalTable,
  type MappingTarget,
} from '@/lib/model/canonical';

const SEP = 'chr(31)';
const part = (expr: string) => `coalesce(CAST(${expr} AS VARCHAR), chr(30))`;
const key = (...exprs: string[]) => `concat_ws(${SEP}, ${exprs.map(part).join(', ')})`;

/** SQL of the natural key of a canonical row, given its column expressions. */
export function naturalKeySql(table: CanonicalTable, col: (field: string) => string): string {
  switch (table) {
    case 'orders':
      return key(col('order_id'));
    case 'order_lines':
      return key(col('order_id'), col('line_no'));
    case 'shipments':
      return `CASE WHEN ${col('shipment_id')} IS NOT NULL THEN 'S' || ${key(col('shipment_id'), col('order_id'), col('line_no'))}
                   ELSE 'K' || ${key(col('order_id'), col('line_no'), `strftime(${col('ship_ts')}, '%Y-%m-%d %H:%M:%S')`)} END`;
    case 'returns':
      return `CASE WHEN ${col('return_id')} IS NOT NULL THEN 'R' || ${key(col('return_id'))}
                   ELSE 'K' || ${key(col('order_id'), col('line_no'), `strftime(${col('return_ts')}, '%Y-%m-%d %H:%M:%S')`, col('reason_code'))} END`;
  }
}

/** The SELECT producing a canonical table's incoming rows from the typed staging table. */
export function incomingRowsSql(
  table: CanonicalTable,
  target: MappingTarget,
  typed: string,
  /** The table of row issues; none when no row was rejected. */
  issues: string | undefined,
  available: Set<string>,
  /** A FROM item to read the typed rows from instead of the table named typed. */
  from?: string,
): string | undefined {
  if (!tablesOfTarget(target).includes(table)) return undefined;
  if (target === 'flat' && table === 'order_lines' && !available.has('qty_ordered'))
    return undefined;
  if (
    target === 'flat' &&
    table === 'shipments' &&
    !available.has('ship_ts') &&
    !available.has('delivered_ts')
  ) {
    return undefined;
  }
  const fields = canonicalFields[table].map((f) => f.name);
  const typedRows = from ?? quoteIdent(typed);
  const source = issues
    ? `(SELECT * FROM ${typedRows} WHERE _row NOT IN (SELECT row FROM ${quoteIdent(issues)}))`
    : typedRows;
  const col = (name: string) => (available.has(name) ? quoteIdent(name) : 'NULL');
  if (target !== 'flat') {
    const select = fields.map((f) => `${castTo(table, f, col(f))} AS ${quoteIdent(f)}`).join(', ');
    return `SELECT ${naturalKeySql(table, (f) => quoteIdent(f))} AS nk, * FROM (SELECT ${select} FROM ${source})`;
  }
  if (table === 'orders') return flatOrders(fields, source, col);
  if (table === 'order_lines') return flatLines(fields, source, col);
  return flatShipments(fields, source, col);
}

function firstValue(expr: string, name: string) {
  return expr === 'NULL'
    ? `NULL AS ${quoteIdent(name)}`
    : `arg_min(${expr}, _row) FILTER (WHERE ${expr} IS NOT NULL) AS ${quoteIdent(name)}`;
}

function flatOrders(fields: string[], source: string, col: (f: string) => string) {
  const select = fields
    .filter((f) => f !== 'order_id')
    .map((f) => firstValue(castTo('orders', f, col(f)), f));
  return `SELECT ${naturalKeySql('orders', quoteIdent)} AS nk, * FROM (
            SELECT order_id, ${select.join(', ')} FROM ${source} GROUP BY order_id)`;
}

function flatLines(fields: string[], source: string, col: (f: string) => string) {
  const select = fields
    .filter((f) => f !== 'order_id' && f !== 'line_no')
    .map((f) => firstValue(castTo('order_lines', f, col(f)), f));
  return `SELECT ${naturalKeySql('order_lines', quoteIdent)} AS nk, * FROM (
            SELECT order_id, line_no, ${select.join(', ')} FROM ${source} GROUP BY order_id, line_no)`;
}

function flatShipments(fields: string[], source: string, col: (f: string) => string) {
  const shipped = `coalesce(${col('qty_shipped')}, ${col('qty_ordered')} - coalesce(${col('qty_cancelled')}, 0))`;
  const select = fields.map((f) => {
    const expr = f === 'qty_shipped' ? shipped : col(f);
    return `${castTo('shipments', f, expr)} AS ${quoteIdent(f)}`;
  });
  const dated = `${col('ship_ts')} IS NOT NULL OR ${col('delivered_ts')} IS NOT NULL`;
  const keyColumns = ['shipment_id', 'order_id', 'line_no', 'ship_ts'].map(quoteIdent).join(', ');
  const list = fields.map(quoteIdent).join(', ');
  // A flat file may repeat a shipment line (one row per invoice, say): the first row wins.
  return `SELECT ${naturalKeySql('shipments', quoteIdent)} AS nk, ${list} FROM (
            SELECT _row, ${select.join(', ')} FROM ${source} WHERE ${dated}
            QUALIFY row_number() OVER (PARTITION BY ${keyColumns} ORDER BY _row) = 1)`;
}

const SQL_TYPES = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  number: 'DOUBLE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
} as const;

function castTo(table: CanonicalTable, field: string, expr: string) {
  const type = canonicalFields[table].find((f) => f.name === field)?.type ?? 'text';
  return `CAST(${expr} AS ${SQL_TYPES[type]})`;
}

/** The canonical columns of a table, in schema order. */
export function columnsOf(table: CanonicalTable): string[] {
  return canonicalFields[table].map((f) => f.name);
}
