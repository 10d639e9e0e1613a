import 'server-only';
/** The orders explorer's current view (every page, same filters and sort) as CSV. */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { neutraliseText } from '@/lib/ingest/load/neutralise';
import { streamDrill } from '@/lib/kpi/drill';
import { factsVersion } from '@/lib/kpi/facts';
import { listColumns, listSql, orderBy, sortOf } from './list';
import { explorerColumnMeta } from './columns';
import { metaOf, ordersQuerySchema, type OrdersQuery } from './query';

type Row = Record<string, unknown>;

export const EXPORT_CHUNK_ROWS = 10_000;

export type ExportQuery = OrdersQuery & {
  /** The columns to write, in order; unknown ones are dropped. Default: every column. */
  columns?: string[];
};

/**
 * The whole current view (every page, same filters and sort) as CSV text in chunks of at most
 * 10,000 rows. Text cells are neutralised against spreadsheet formulas; numbers stay numbers;
 * timestamps are written as `YYYY-MM-DD HH:MM:SS` (UTC).
 */
export async function* exportOrdersCsv(
  db: Database,
  input: ExportQuery = {},
): AsyncGenerator<string> {
  const { columns: wanted, ...rest } = input;
  const query = ordersQuerySchema.parse({ ...rest, page: 1, pageSize: 1 });
  let columns: string[] | undefined;
  const header = (available: string[]) => {
    const picked = wanted?.filter((c) => available.includes(c)) ?? [];
    columns = picked.length ? picked : available;
    return csvLine(columns);
  };
  if (query.kpi) {
    let first = true;
    for await (const chunk of streamDrill(db, query.kpi, {
      filters: query.filters,
      failedOnly: query.failedOnly,
      sort: query.sort,
      direction: query.direction ?? 'desc',
    })) {
      const head = first ? header(chunk.columns) : '';
      first = false;
      yield head + csvRows(chunk.rows, columns!);
    }
    return;
  }
  await factsVersion(db);
  const { sql, params } = listSql(query);
  const { sort, direction } = sortOf(query);
  const csvHeader = header([...listColumns]);
  // One JSON array per row, built by DuckDB: far cheaper to read than row objects, and its
  // timestamps are already `YYYY-MM-DD HH:MM:SS`.
  const cells = columns!.map((c) => `to_json(${quoteIdent(c)})`).join(', ');
  const chunkSql = `SELECT to_json([${cells}]) AS j FROM (${sql}) ${orderBy(sort, direction)}`;
  for (let offset = 0; ; offset += EXPORT_CHUNK_ROWS) {
    const rows = await db.read<{ j: string }>(
      `${chunkSql} LIMIT ${EXPORT_CHUNK_ROWS} OFFSET ${offset}`,
      params,
    );
    let text = offset === 0 ? csvHeader : '';
    for (const row of rows) {
      const values = JSON.parse(row.j) as unknown[];
      text += csvLine(columns!.map((c, i) => csvValue(values[i], c)));
    }
    if (text) yield text;
    if (rows.length < EXPORT_CHUNK_ROWS) return;
  }
}

function csvRows(rows: Row[], columns: string[]): string {
  let out = '';
  for (const row of rows) out += csvLine(columns.map((c) => csvValue(row[c], c)));
  return out;
}

function csvValue(value: unknown, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  const text = String(value);
  if (metaOf(explorerColumnMeta(), column).type === 'timestamp' && /^\d{4}-\d{2}-\d{2}T/.test(text))
    return text.slice(0, 19).replace('T', ' ');
  // A typed column: text is text, so "-42" in a customer id is escaped like any formula start.
  return neutraliseText(text);
}

/** One CSV record (RFC 4180 quoting, CRLF); shared with the report CSVs. */
export function csvLine(cells: string[]): string {
  return `${cells.map(quoteCsv).join(',')}\r\n`;
}

function quoteCsv(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
