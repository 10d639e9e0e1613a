import 'server-only';
/**
 * The first views after a start, a load or an undo: the unfiltered scorecard, then each KPI
 * page's trend and breakdown without filters, then the cycle time page's own views. Computed in
 * the background as soon as the change is committed, one at a time, so the first visitor of each
 * is served from the cache; a visitor who arrives while one runs shares it (the caches hold
 * promises).
 */
import type { Database } from '@/lib/db/database';
import { CYCLE_TIME_BREAKDOWNS, CYCLE_TIME_KPI } from './cycle-time-page';
import { drillKpi } from './drill';
import { engineCatalogue } from './engine';
import { explainCycleStages } from './explain-change';
import {
  homeScorecardQuery,
  kpiBreakdownQuery,
  kpiPageDefaults,
  kpiTrendQuery,
  scorecard,
} from './scorecard';

/** The scorecard queries warmed after a change, in the order a visitor is likely to need them. */
export function defaultViewQueries(): { query: object; ids?: string[] }[] {
  const kpis = engineCatalogue().kpis.filter((kpi) => kpi.kind !== 'input');
  const cycleBreakdowns = CYCLE_TIME_BREAKDOWNS.filter((by) => by !== kpiPageDefaults.by);
  return [
    { query: homeScorecardQuery },
    ...kpis.flatMap((kpi) => [
      { query: kpiTrendQuery({}, kpiPageDefaults.grain), ids: [kpi.id] },
      { query: kpiBreakdownQuery({}, kpiPageDefaults.by), ids: [kpi.id] },
    ]),
    ...cycleBreakdowns.map((by) => ({ query: kpiBreakdownQuery({}, by), ids: [CYCLE_TIME_KPI] })),
  ];
}

/**
 * The cycle time page's views that are not a plain query: why it moved against the previous
 * period (its two periods, the current one by site) and the slowest orders.
 */
async function warmCycleTimeViews(db: Database) {
  const moved = await explainCycleStages(db, {}, 'previous').catch(() => undefined);
  if (moved) {
    const range = { from: moved.current.from, to: moved.current.to };
    await scorecard(db, { filters: range }, [CYCLE_TIME_KPI]);
    await scorecard(db, kpiBreakdownQuery(range, 'site'), [CYCLE_TIME_KPI]);
  }
  await drillKpi(db, CYCLE_TIME_KPI, { sort: 'value', direction: 'desc', pageSize: 20 });
}

/** A warm-up begun while another runs makes it stop between queries: the data moved on. */
const runningOf = (db: Database) =>
  db.shared('kpi-warm-up', () => ({ run: undefined as { stopped: boolean } | undefined }));

/** Never rejects: a failed warm-up is logged, and the visitor computes the view instead. */
export async function warmDefaultViews(db: Database): Promise<void> {
  const held = runningOf(db);
  if (held.run) held.run.stopped = true;
  const run = { stopped: false };
  held.run = run;
  const started = Date.now();
  try {
    const [home, ...pages] = defaultViewQueries();
    await scorecard(db, home!.query);
    console.log(`[orderlens] scorecard ready in ${Date.now() - started} ms`);
    for (const { query, ids } of pages) {
      if (run.stopped) return;
      await scorecard(db, query, ids);
    }
    if (run.stopped) return;
    await warmCycleTimeViews(db);
    console.log(`[orderlens] KPI pages ready in ${Date.now() - started} ms`);
  } catch (error) {
    console.error('[orderlens] warm-up failed:', error);
  } finally {
    if (held.run === run) held.run = undefined;
  }
}
