import 'server-only';
/**
 * Drill-through: the rows behind a KPI value (orders, or returns for return-level KPIs), and those
 * that failed it, paginated and sortable. Sort keys come from an allowlist, never from the caller.
 */
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { readPerVersion } from '@/lib/db/per-version';
import { quoteIdent } from '@/lib/db/sql';
import { scopedRowsSql } from './compile';
import { factTableOf } from '@/lib/semantic/catalogue';
import { engineCatalogue, getKpi } from './engine';
import { factsVersion } from './facts';
import { filtersSchema } from './filters';

export const drillQuerySchema = z
  .object({
    filters: filtersSchema.default({}),
    failedOnly: z.boolean().default(false),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(1000).default(50),
    sort: z.string().optional(),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type DrillQuery = z.input<typeof drillQuerySchema>;

export interface DrillPage {
  kpi: string;
  columns: string[];
  rows: Record<string, unknown>[];
  total: number;
  failed: number;
  page: number;
  pageSize: number;
}

/**
 * The rows query behind a KPI, sorted; shared by the paginated drill, the streamed export and the
 * orders explorer's Arrow stream (lib/orders/arrow.ts).
 */
export function drillSql(kpiId: string, query: z.output<typeof drillQuerySchema>) {
  const kpi = getKpi(kpiId);
  // The declared drill columns of the KPI's fact table: the first identifies the row.
  const base = factTableOf(engineCatalogue(), kpi.base).drillColumns;
  const value = kpi.kind === 'duration' ? `(${kpi.value})` : 'NULL';
  const failed = kpi.failure ? `coalesce((${kpi.failure}), false)` : 'false';
  const scoped = scopedRowsSql(kpi, { filters: query.filters });
  const columns = [...base, 'value', 'failed'];
  const sortable = new Set<string>(columns);
  const sort =
    query.sort && sortable.has(query.sort)
      ? query.sort
      : kpi.kind === 'duration'
        ? 'value'
        : base[1]!;
  const rows = `SELECT ${base.map((c) => quoteIdent(c)).join(', ')}, ${value} AS value, ${failed} AS failed
                  FROM (${scoped.sql}) WHERE _excluded IS NULL
                  ${query.failedOnly ? `AND ${failed}` : ''}`;
  const sorted = `SELECT * FROM (${rows}) ORDER BY ${quoteIdent(sort)} ${query.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${quoteIdent(base[0]!)}`;
  return { kpi, columns, rows, sorted, sort, params: scoped.params };
}

/** The orders (or returns) behind a KPI, with `value` for duration KPIs and `failed` per row. */
export async function drillKpi(
  db: Database,
  kpiId: string,
  input: DrillQuery = {},
): Promise<DrillPage> {
  const query = drillQuerySchema.parse(input);
  const { kpi, columns, rows, sorted, params } = drillSql(kpiId, query);
  // Per facts version: a KPI page shows its drill preview on every view.
  const version = await factsVersion(db);
  const [page, counts] = await Promise.all([
    readPerVersion(
      db,
      version,
      `${sorted} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    ),
    readPerVersion<{ total: number; failed: number }>(
      db,
      version,
      `SELECT count(*) AS total, count(*) FILTER (WHERE failed) AS failed FROM (${rows})`,
      params,
    ),
  ]);
  return {
    kpi: kpi.id,
    columns,
    rows: page,
    total: counts[0]?.total ?? 0,
    failed: counts[0]?.failed ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Every row behind a KPI, in the drill's order, streamed in chunks: one query however long the
 * list (a page-by-page export would sort the whole list again for every page).
 */
export async function* streamDrill(
  db: Database,
  kpiId: string,
  input: Omit<DrillQuery, 'page' | 'pageSize'> = {},
): AsyncGenerator<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const { columns, sorted, params } = drillSql(kpiId, drillQuerySchema.parse(input));
  await factsVersion(db);
  let empty = true;
  for await (const rows of db.stream(sorted, params)) {
    empty = false;
    yield { columns, rows };
  }
  if (empty) yield { columns, rows: [] };
}
