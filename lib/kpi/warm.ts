import 'server-only';
/**
 * The first view after a start, a load or an undo is the unfiltered scorecard: compute it in the
 * background as soon as the data changes, so the first visitor is served from the cache. A
 * visitor who arrives while it runs shares the same computation (the cache holds promises).
 */
import type { Database } from '@/lib/db/database';
import { homeScorecardQuery, scorecard } from './scorecard';

/** Never rejects: a failed warm-up is logged, and the visitor computes the view instead. */
export function warmDefaultViews(db: Database): Promise<void> {
  const started = Date.now();
  return scorecard(db, homeScorecardQuery).then(
    () => console.log(`[orderlens] scorecard ready in ${Date.now() - started} ms`),
    (error: unknown) => console.error('[orderlens] scorecard warm-up failed:', error),
  );
}
