import 'server-only';
/** What the shared filter bar needs, loaded beside a page's own data (one round of queries). */
import type { Database } from '@/lib/db/database';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import {
  countMatchingOrders,
  listDimensionValues,
  previewDimensionValues,
  type DimensionValues,
} from '@/lib/kpi/dimension-values';
import type { Filters } from '@/lib/kpi/filters';

export interface FilterContext {
  options: DimensionValues;
  span: { first: string | null; last: string | null };
  matching: number;
  isDemo: boolean;
  orders: number;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

export async function filterContext(db: Database, filters: Filters): Promise<FilterContext> {
  const [coverage, options, matching] = await Promise.all([
    getDataCoverage(db),
    listDimensionValues(db),
    countMatchingOrders(db, filters),
  ]);
  return {
    // The largest few per picker; an opened picker asks /api/dimensions for the rest.
    options: previewDimensionValues(options),
    span: { first: day(coverage.firstOrder), last: day(coverage.lastOrder) },
    matching,
    isDemo: coverage.isDemo,
    orders: coverage.orders,
  };
}
