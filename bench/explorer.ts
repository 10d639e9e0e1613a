/**
 * The orders explorer read whole: a KPI drill-through view (every order in the scope of the order
 * fill rate, the drill's own sort) as today's JSON pages of 500 (listOrders, then JSON.stringify as
 * /api/orders answers each) against one Arrow IPC stream of the same rows (lib/orders/arrow.ts,
 * the bytes /api/orders/arrow sends), in rows per second, over a database with N order lines.
 * Both are the server's side only: neither counts HTTP nor the browser's decoding.
 *   npx tsx --conditions=react-server bench/explorer.ts [--quick] [--sizes 1M]
 */
import { tableFromIPC } from 'apache-arrow';
import { listOrders } from '@/lib/orders/list';
import { streamOrdersArrow } from '@/lib/orders/arrow';
import { MAX_STREAM_ROWS } from '@/lib/orders/query';
import { openServedDatabase } from '@/runtime/open';
import { parseBenchArgs, printTable, round, sizeLabel, time, writeResult } from './helpers';
import { ensureDatabase } from './inputs';

const KPI = 'order_fill_rate';
const PAGE_SIZE = 500;
const MB = 1024 * 1024;

const args = parseBenchArgs();
const lines = args.sizes[0]!;
const loaded = await ensureDatabase(lines, args.seed);
const db = await openServedDatabase(loaded.file, { memoryLimit: '4GB' });

/** Every page of the view through listOrders, each serialised as the JSON route does. */
async function readJsonPages() {
  let rows = 0;
  let bytes = 0;
  let pages = 0;
  for (let page = 1; ; page++) {
    const next = await listOrders(db, { kpi: KPI, page, pageSize: PAGE_SIZE });
    pages++;
    bytes += Buffer.byteLength(JSON.stringify(next));
    rows += next.rows.length;
    if (next.rows.length < PAGE_SIZE) break;
  }
  return { rows, bytes, pages };
}

/** The whole view as one Arrow stream, its bytes kept (as a response body would send them). */
async function readArrowStream(limit = MAX_STREAM_ROWS) {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const part of streamOrdersArrow(db, { kpi: KPI, limit })) {
    parts.push(part);
    bytes += part.byteLength;
  }
  return { parts, bytes };
}

// Warm both paths (DuckDB's caches, the JIT) on a small read first.
await listOrders(db, { kpi: KPI, pageSize: PAGE_SIZE });
await readArrowStream(10_000);

const json = await time(readJsonPages);
const arrow = await time(() => readArrowStream());
// Outside the timing: decode the stream to check it holds the rows the pages held.
const table = tableFromIPC(Buffer.concat(arrow.value.parts));
if (table.numRows !== json.value.rows)
  throw new Error(`the Arrow stream has ${table.numRows} rows, the pages ${json.value.rows}`);

const rowsPerSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const row = {
  size: sizeLabel(lines),
  lines: loaded.lines,
  view: `${KPI} drill-through`,
  rows: json.value.rows,
  columns: table.schema.fields.length,
  jsonPages: json.value.pages,
  jsonSeconds: round(json.ms / 1000, 2),
  jsonRowsPerSecond: rowsPerSecond(json.value.rows, json.ms),
  jsonMB: round(json.value.bytes / MB, 1),
  arrowSeconds: round(arrow.ms / 1000, 2),
  arrowRowsPerSecond: rowsPerSecond(table.numRows, arrow.ms),
  arrowMB: round(arrow.value.bytes / MB, 1),
  arrowBatches: table.batches.length,
};
const ratio = round(row.arrowRowsPerSecond / row.jsonRowsPerSecond, 1);
console.log(
  `[bench] ${sizeLabel(lines)} lines: the whole ${KPI} drill-through (${row.rows} rows, ${row.columns} columns)`,
);
printTable([{ ...row, arrowToJsonRowsPerSecond: ratio }]);
writeResult('explorer', args, {
  kpi: KPI,
  pageSize: PAGE_SIZE,
  ...row,
  arrowToJsonRowsPerSecond: ratio,
  note: 'Server side only: JSON = listOrders pages of 500 (each with its count query) + JSON.stringify; Arrow = one streamOrdersArrow stream, bytes collected. No HTTP, no browser decoding.',
});
db.close();
