/**
 * The whole KPI catalogue on a loaded database, cold and warm (served from the per-version cache),
 * against one hand-written DuckDB query computing the core KPIs from the canonical tables.
 *   npx tsx --conditions=react-server bench/catalogue-scale.ts DB_FILE
 */
import { openDatabase } from '@/lib/db/database';
import { computeKpis, isCached } from '@/lib/kpi/compute';

const file = process.argv[2];
if (!file) throw new Error('usage: catalogue-scale.ts DB_FILE');
const db = await openDatabase(file);
const time = async <T>(fn: () => Promise<T>) => {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
};

const lines = (await db.one<{ n: number }>('SELECT count(*) AS n FROM order_lines'))!.n;
const handWritten = await time(() =>
  db.read(`
    WITH s AS (SELECT order_id, min(ship_ts) AS first_ship, max(ship_ts) AS final_ship FROM shipments GROUP BY order_id),
         l AS (SELECT l.order_id, bool_and(coalesce(x.shipped, 0) >= l.qty_ordered - coalesce(l.qty_cancelled, 0)) AS complete
                 FROM order_lines l LEFT JOIN (SELECT order_id, line_no, sum(qty_shipped) AS shipped FROM shipments GROUP BY ALL) x USING (order_id, line_no)
                GROUP BY l.order_id),
         r AS (SELECT DISTINCT order_id FROM returns)
    SELECT avg(epoch(final_ship - o.order_ts) / 3600) FILTER (WHERE l.complete) AS cycle_hours,
           100.0 * count(r.order_id) / count(*) AS return_rate
      FROM orders o JOIN s USING (order_id) LEFT JOIN l USING (order_id) LEFT JOIN r USING (order_id)
     WHERE o.cancelled_ts IS NULL AND coalesce(o.status, '') <> 'cancelled'`),
);
const cold = await time(() => computeKpis(db));
const warm = await time(() => computeKpis(db));
const cached = await isCached(db);
const failures = cold.value.filter((k) => k.available && k.value === null).map((k) => k.id);
console.log(
  JSON.stringify(
    {
      lines,
      kpis: cold.value.length,
      available: cold.value.filter((k) => k.available).length,
      coldMs: Math.round(cold.ms),
      warmMs: Math.round(warm.ms * 100) / 100,
      servedFromCache: cached,
      handWrittenCoreQueryMs: Math.round(handWritten.ms),
      ratioColdToHandWritten: Math.round((cold.ms / handWritten.ms) * 100) / 100,
      availableWithoutValue: failures,
    },
    null,
    2,
  ),
);
