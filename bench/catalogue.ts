/**
 * KPI catalogue: computeKpis over a loaded database, cold (the first catalogue after a load: fact
 * tables rebuilt, no cached result) and warm (served from the per-version cache), against one hand-written DuckDB query of
 * the core KPIs; and against pandas computing three of them from the same CSV files, load included.
 *   npx tsx --conditions=react-server bench/catalogue.ts [--quick] [--sizes 1M,10M]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openDatabase, type Database } from '@/lib/db/database';
import { computeKpis, isCached } from '@/lib/kpi/compute';
import { ensureFacts } from '@/lib/kpi/facts';
import {
  benchDir,
  parseBenchArgs,
  printTable,
  round,
  sizeLabel,
  time,
  writeResult,
} from './helpers';
import { ensureDatabase, ensureExtracts } from './inputs';

const PYTHON = '/usr/bin/python3';

/** Cycle time of complete orders, order fill rate and return rate in one statement. */
const HAND_WRITTEN = `
  WITH s AS (SELECT order_id, min(ship_ts) AS first_ship, max(ship_ts) AS final_ship FROM shipments GROUP BY order_id),
       l AS (SELECT l.order_id, bool_and(coalesce(x.shipped, 0) >= l.qty_ordered - coalesce(l.qty_cancelled, 0)) AS complete
               FROM order_lines l LEFT JOIN (SELECT order_id, line_no, sum(qty_shipped) AS shipped FROM shipments GROUP BY ALL) x USING (order_id, line_no)
              GROUP BY l.order_id),
       r AS (SELECT DISTINCT order_id FROM returns)
  SELECT avg(epoch(final_ship - o.order_ts) / 3600) FILTER (WHERE l.complete) AS "cycleHours",
         100.0 * count(*) FILTER (WHERE l.complete) / count(*) AS "fillRate",
         100.0 * count(r.order_id) / count(*) AS "returnRate"
    FROM orders o JOIN s USING (order_id) LEFT JOIN l USING (order_id) LEFT JOIN r USING (order_id)
   WHERE o.cancelled_ts IS NULL AND coalesce(o.status, '') <> 'cancelled'`;

interface PandasResult {
  pandas: string;
  loadSeconds: number;
  computeSeconds: number;
  totalSeconds: number;
  values: Record<string, number>;
}

/** The pandas baseline, or why it was skipped. */
function runPandas(dir: string): PandasResult | { skipped: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf-8' });
  if (probe.status !== 0) {
    const skipped = `pandas is not importable by ${PYTHON}; install it with: apt-get install -y python3-pandas`;
    console.log(`[bench] pandas baseline skipped: ${skipped}`);
    return { skipped };
  }
  const run = spawnSync(PYTHON, [path.join(benchDir, 'pandas_kpis.py'), dir], {
    encoding: 'utf-8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) return { skipped: `pandas failed: ${run.stderr.slice(-500)}` };
  return JSON.parse(run.stdout) as PandasResult;
}

async function measure(db: Database) {
  // Twice, keeping the better: the first run also reads the columns from disk.
  const first = await time(() => db.read(HAND_WRITTEN));
  const second = await time(() => db.read(HAND_WRITTEN));
  // Cold = the first catalogue after a load: the fact tables are rebuilt, then every KPI computed.
  await db.run('DROP TABLE IF EXISTS kpi_facts_version');
  const facts = await time(() => ensureFacts(db));
  const compute = await time(() => computeKpis(db));
  const cold = { value: compute.value, ms: facts.ms + compute.ms };
  const warmRuns: number[] = [];
  for (let i = 0; i < 5; i++) warmRuns.push((await time(() => computeKpis(db))).ms);
  warmRuns.sort((a, b) => a - b);
  return {
    handWrittenMs: Math.min(first.ms, second.ms),
    handWrittenValues: second.value[0] ?? {},
    coldMs: cold.ms,
    factsMs: facts.ms,
    warmMs: warmRuns[2]!,
    servedFromCache: await isCached(db),
    kpis: cold.value.length,
    available: cold.value.filter((k) => k.available).length,
    availableWithoutValue: cold.value
      .filter((k) => k.available && k.value === null)
      .map((k) => k.id),
  };
}

const args = parseBenchArgs();
const rows = [];
for (const lines of args.sizes) {
  const loaded = await ensureDatabase(lines, args.seed);
  const db = await openDatabase(loaded.file, { memoryLimit: '4GB' });
  const m = await measure(db);
  const pandas = runPandas(ensureExtracts(lines, args.seed).dir);
  const ingestAllMs = Object.values(loaded.ingestMs).reduce((a, b) => a + b, 0);
  const pandasMs = 'totalSeconds' in pandas ? pandas.totalSeconds * 1000 : null;
  rows.push({
    size: sizeLabel(lines),
    lines: loaded.lines,
    kpis: `${m.available}/${m.kpis}`,
    coldMs: Math.round(m.coldMs),
    factsMs: Math.round(m.factsMs),
    warmMs: round(m.warmMs),
    servedFromCache: m.servedFromCache,
    handWrittenMs: Math.round(m.handWrittenMs),
    ratioColdToHandWritten: round(m.coldMs / m.handWrittenMs),
    pandasMs: pandasMs === null ? null : Math.round(pandasMs),
    ratioPandasToCold: pandasMs === null ? null : round(pandasMs / m.coldMs),
    ingestAllMs: Math.round(ingestAllMs),
    ratioPandasToIngestPlusCold:
      pandasMs === null ? null : round(pandasMs / (ingestAllMs + m.coldMs)),
    handWrittenValues: m.handWrittenValues,
    pandas,
    ingestMs: loaded.ingestMs,
    availableWithoutValue: m.availableWithoutValue,
    targets: { coldToHandWrittenAtMost: 2, warmMsUnder: 50, pandasToColdAtLeast: 5 },
  });
}
printTable(rows, [
  'size',
  'lines',
  'kpis',
  'coldMs',
  'factsMs',
  'warmMs',
  'handWrittenMs',
  'ratioColdToHandWritten',
  'pandasMs',
  'ratioPandasToCold',
  'ingestAllMs',
  'ratioPandasToIngestPlusCold',
]);
writeResult('catalogue', args, rows);
