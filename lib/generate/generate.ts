/**
 * Deterministic generator of demo order-management extracts (server only).
 *
 * Writes orders, order_lines, shipments and returns in the canonical model as CSV (or Parquet via
 * DuckDB) for `orders` orders placed in [start, start + months). The data exercises every KPI of the
 * catalogue: three sites and five carriers with different performance, a weekday pattern and a
 * November/December peak, credit holds, the 15:00 ship cut-off, backorders and split shipments,
 * cancellations, missing commit dates, damage and documentation errors, and returns with raw reason
 * codes. Anything after the end of the period has not happened yet: recent orders are open or
 * shipped-not-delivered. The same options always give byte-identical files (seeded PRNG, integer
 * UTC time). Orders are generated one at a time and streamed out, so memory stays flat at 10M lines.
 */
import 'server-only';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { DAY, addMonths, monthIndexOf, parseIsoDay } from './calendar';
import { buildCatalogue } from './catalogue';
import {
  csvHeader,
  writeLineRows,
  writeOrderRow,
  writeReturnRows,
  writeShipmentRows,
} from './csv-rows';
import { OrderClock } from './demand';
import type { GeneratorContext } from './draft';
import { generateOrder } from './order-model';
import { Rng } from './random';
import { CsvTableWriter, convertToParquet } from './writers';

export interface GenerateOptions {
  outDir: string;
  /** Number of orders; default 10,000. */
  orders?: number;
  /** PRNG seed (an integer; its low 32 bits are used); default 42. */
  seed?: number;
  format?: 'csv' | 'parquet';
  /** First day of the period, ISO date; default '2025-01-01'. */
  start?: string;
  /** Length of the period in months; default 12. */
  months?: number;
  /** Called every few thousand orders, and once at the end, with the number of orders written. */
  onProgress?: (ordersDone: number) => void;
}

export interface GenerateResult {
  files: { table: CanonicalTable; path: string; rows: number }[];
  orders: number;
  lines: number;
}

/** How often (in orders) buffers are checked for flushing and progress is reported. */
const BATCH = 4096;

function resolveOptions(options: GenerateOptions) {
  const orders = options.orders ?? 10_000;
  const seed = options.seed ?? 42;
  const months = options.months ?? 12;
  if (!Number.isInteger(orders) || orders < 1)
    throw new RangeError('orders must be a positive integer');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'parquet')
    throw new RangeError('format must be csv or parquet');
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new RangeError('months must be an integer from 1 to 120');
  }
  const startDay = parseIsoDay(options.start ?? '2025-01-01');
  return {
    orders,
    seed,
    months,
    startDay,
    endDay: addMonths(startDay, months),
    format,
  };
}

type Writers = Record<CanonicalTable, CsvTableWriter>;

function openWriters(dir: string): Writers {
  const open = (table: CanonicalTable) =>
    new CsvTableWriter(join(dir, `${table}.csv`), csvHeader(table));
  return {
    orders: open('orders'),
    order_lines: open('order_lines'),
    shipments: open('shipments'),
    returns: open('returns'),
  };
}

/** The generation loop: one order at a time, flushing in chunks so memory stays bounded. */
async function writeOrders(
  opts: ReturnType<typeof resolveOptions>,
  writers: Writers,
  onProgress?: (n: number) => void,
) {
  const rng = new Rng(opts.seed);
  const ctx: GeneratorContext = {
    rng,
    catalogue: buildCatalogue(opts.seed),
    cutoff: opts.endDay * DAY,
    startMonthIndex: monthIndexOf(opts.startDay * DAY),
    nextShipmentId: 1,
    nextReturnId: 1,
  };
  const clock = new OrderClock(opts.startDay, opts.endDay, opts.orders, rng);
  for (let id = 1; id <= opts.orders; id++) {
    const order = generateOrder(ctx, id, clock.next());
    writers.orders.rows += writeOrderRow(writers.orders.sink, order);
    writers.order_lines.rows += writeLineRows(writers.order_lines.sink, order);
    writers.shipments.rows += writeShipmentRows(writers.shipments.sink, order);
    writers.returns.rows += writeReturnRows(writers.returns.sink, order);
    if (id % BATCH === 0 || id === opts.orders) {
      for (const table of canonicalTables) await writers[table].flush(id === opts.orders);
      onProgress?.(id);
    }
  }
}

/** Generate the four canonical extracts into `outDir`; see the module header for what they contain. */
export async function generateExtracts(options: GenerateOptions): Promise<GenerateResult> {
  const opts = resolveOptions(options);
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  // Parquet is converted from CSVs written to a temporary directory inside outDir, removed after.
  const csvDir =
    opts.format === 'csv' ? outDir : await mkdtemp(join(outDir, '.orderlens-generate-'));
  const writers = openWriters(csvDir);
  try {
    await writeOrders(opts, writers, options.onProgress);
    for (const table of canonicalTables) await writers[table].close();
    const files = canonicalTables.map((table) => ({
      table,
      path: opts.format === 'csv' ? writers[table].path : join(outDir, `${table}.parquet`),
      rows: writers[table].rows,
    }));
    if (opts.format === 'parquet') {
      await convertToParquet(
        files.map((file) => ({
          table: file.table,
          csvPath: writers[file.table].path,
          parquetPath: file.path,
        })),
      );
    }
    return { files, orders: opts.orders, lines: writers.order_lines.rows };
  } catch (error) {
    // Leave no half-written extract behind that could be mistaken for a complete one.
    for (const table of canonicalTables) writers[table].destroy();
    const outputs = canonicalTables.map((table) => join(outDir, `${table}.${opts.format}`));
    await Promise.all(outputs.map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    if (csvDir !== outDir) await rm(csvDir, { recursive: true, force: true });
  }
}
