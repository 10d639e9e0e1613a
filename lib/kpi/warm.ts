import 'server-only';
/**
 * The first views after a start, a load or an undo: the unfiltered scorecard, then each KPI
 * page's trend and breakdown without filters. Computed in the background as soon as the change
 * is committed, one query at a time, so the first visitor of each is served from the cache; a
 * visitor who arrives while one runs shares it (the cache holds promises).
 */
import type { Database } from '@/lib/db/database';
import { engineCatalogue } from './engine';
import {
  homeScorecardQuery,
  kpiBreakdownQuery,
  kpiPageDefaults,
  kpiTrendQuery,
  scorecard,
} from './scorecard';

/** The queries warmed after a change, in the order a visitor is likely to need them. */
export function defaultViewQueries(): { query: object; ids?: string[] }[] {
  const kpis = engineCatalogue().kpis.filter((kpi) => kpi.kind !== 'input');
  return [
    { query: homeScorecardQuery },
    ...kpis.flatMap((kpi) => [
      { query: kpiTrendQuery({}, kpiPageDefaults.grain), ids: [kpi.id] },
      { query: kpiBreakdownQuery({}, kpiPageDefaults.by), ids: [kpi.id] },
    ]),
  ];
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
    console.log(`[orderlens] KPI pages ready in ${Date.now() - started} ms`);
  } catch (error) {
    console.error('[orderlens] warm-up failed:', error);
  } finally {
    if (held.run === run) held.run = undefined;
  }
}
