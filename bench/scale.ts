/**
 * Scale: 50M order lines (all four extracts) loaded with loadExtract and the whole catalogue
 * computed under a 4 GB DuckDB memory limit; peak resident memory of this process from /proc;
 * against DuckDB's own CTAS of the order-lines file under the same limit. Long: full mode only.
 *   npx tsx --conditions=react-server bench/scale.ts [--sizes 50M]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openServedDatabase } from '@/runtime/open';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { computeKpis } from '@/lib/kpi/compute';
import {
  cacheDir,
  parseBenchArgs,
  printTable,
  round,
  sampleRss,
  sizeLabel,
  time,
  writeResult,
} from './helpers';
import { ensureExtracts, extractTables } from './inputs';

const LIMIT = '4GB';
const GiB = 1024 ** 3;
const args = parseBenchArgs();
const lines = args.sizes.at(-1) ?? 50_000_000;
const extracts = ensureExtracts(lines, args.seed);
const dbFile = path.join(cacheDir, `scale-${process.pid}.duckdb`);
const removeDb = (file: string) => [file, `${file}.wal`].forEach((f) => rmSync(f, { force: true }));

const baselineFile = path.join(cacheDir, `scale-ctas-${process.pid}.duckdb`);
const instance = await DuckDBInstance.create(baselineFile);
const connection = await instance.connect();
await connection.run(`SET memory_limit = '${LIMIT}'`);
const ctas = await time(() =>
  connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${extracts.file('order_lines')}')`),
);
connection.closeSync();
instance.closeSync();
removeDb(baselineFile);

const sampler = sampleRss(process.pid, 250);
const db = await openServedDatabase(dbFile, { memoryLimit: LIMIT });
const ingestMs: Record<string, number> = {};
let orderLines = 0;
try {
  for (const table of extractTables) {
    const { value, ms } = await time(() =>
      loadExtract(db, { file: extracts.file(table), table, tmpDir: cacheDir }),
    );
    if (value.status !== 'loaded') throw new Error(`${table}: ${value.message}`);
    ingestMs[table] = Math.round(ms);
    if (table === 'order_lines') orderLines = value.rowsInserted;
    console.log(`[bench] ${table}: ${value.rowsInserted} rows in ${round(ms / 1000, 1)} s`);
  }
  const catalogue = await time(() => computeKpis(db));
  const peak = sampler.stop();
  const row = {
    size: sizeLabel(lines),
    lines: orderLines,
    memoryLimit: LIMIT,
    ingestAllSeconds: round(Object.values(ingestMs).reduce((a, b) => a + b, 0) / 1000, 1),
    orderLinesSeconds: round((ingestMs.order_lines ?? 0) / 1000, 1),
    duckdbCtasOrderLinesSeconds: round(ctas.ms / 1000, 1),
    ratioLinesPerSecondToCtas: round(ctas.ms / (ingestMs.order_lines ?? 1)),
    catalogueColdSeconds: round(catalogue.ms / 1000, 1),
    kpisWithValue: catalogue.value.filter((k) => k.value !== null).length,
    peakRssGiB: round(peak / GiB, 2),
  };
  printTable([row]);
  writeResult('scale', args, { ...row, ingestMs });
} finally {
  sampler.stop();
  db.close();
  removeDb(dbFile);
}
