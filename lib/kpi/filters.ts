/**
 * Filters, grains and breakdown dimensions: validated input, compiled to SQL with every value bound
 * as a parameter. Column names come only from the dimension table below.
 */
import { z } from 'zod';
import { isoDate } from '@/lib/model/iso-date';

export const dimensions = {
  site: 'site',
  channel: 'channel',
  customer: 'customer_id',
  region: 'region',
  carrier: 'carrier',
  ship_mode: 'ship_mode',
} as const;
export type Dimension = keyof typeof dimensions;
export const dimensionNames = Object.keys(dimensions) as Dimension[];

export const grains = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof grains)[number];

const values = z.array(z.string().min(1).max(200)).max(500);

export const filtersSchema = z
  .object({
    from: isoDate.optional().describe('First day of the as-of range, inclusive'),
    to: isoDate.optional().describe('Last day of the as-of range, inclusive'),
    site: values.optional(),
    channel: values.optional(),
    customer: values.optional(),
    region: values.optional(),
    carrier: values.optional(),
    ship_mode: values.optional(),
    sku: values.optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type Filters = z.infer<typeof filtersSchema>;

export const kpiQuerySchema = z
  .object({
    filters: filtersSchema.default({}),
    grain: z.enum(grains).optional(),
    by: z.enum(dimensionNames as [Dimension, ...Dimension[]]).optional(),
    compare: z.enum(['previous', 'last_year', 'both']).optional(),
    /** Histograms of durations and the cycle-time stages: the detail pages', not the scorecard's. */
    details: z.boolean().default(true),
  })
  .strict();
export type KpiQuery = z.input<typeof kpiQuerySchema>;
export type ParsedKpiQuery = z.output<typeof kpiQuerySchema>;

export interface SqlFragment {
  sql: string;
  params: string[];
}

/**
 * WHERE conditions for the filters; `asOf` is the KPI's as-of column (from our catalogue). With
 * `undatedBy` (SQL over the base's columns, from our code), a row without an as-of date is in the
 * date range when that date is.
 */
export function filterConditions(
  filters: Filters,
  asOf: string,
  base: string,
  undatedBy?: string,
): SqlFragment {
  const parts: string[] = [];
  const params: string[] = [];
  const bind = (value: string) => `$${params.push(value)}`;
  const list = (values: string[]) => values.map(bind).join(', ');
  const range = (column: string) =>
    [
      filters.from ? `${column} >= CAST(${bind(filters.from)} AS DATE)` : '',
      filters.to ? `${column} < CAST(${bind(filters.to)} AS DATE) + INTERVAL 1 DAY` : '',
    ]
      .filter(Boolean)
      .join(' AND ');
  if (filters.from || filters.to)
    parts.push(
      undatedBy ? `((${range(asOf)}) OR (${asOf} IS NULL AND ${range(undatedBy)}))` : range(asOf),
    );
  for (const name of dimensionNames) {
    const selected = filters[name];
    if (selected?.length) parts.push(`${dimensions[name]} IN (${list(selected)})`);
  }
  if (filters.sku?.length) {
    const skus = list(filters.sku);
    const skuOrders = `SELECT order_id FROM order_lines WHERE sku IN (${skus})`;
    const onOrders = `order_id IN (${skuOrders})`;
    parts.push(base === 'kpi_return_facts' ? `(sku IN (${skus}) OR ${onOrders})` : onOrders);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/** The SQL of a period start for a grain (weeks start on Monday, ISO 8601). */
export function periodSql(grain: Grain, asOf: string): string {
  return `CAST(date_trunc('${grain}', ${asOf}) AS DATE)`;
}

/** The same-length period before [from, to], and the same period a year earlier. */
export function comparisonRange(
  filters: Filters,
  compare: 'previous' | 'last_year',
): Filters | undefined {
  if (!filters.from || !filters.to) return undefined;
  const day = 86_400_000;
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (compare === 'previous') {
    const months = wholeMonths(filters.from, filters.to);
    // Whole months compare with as many whole months before: March with February, not with the
    // 31 days from January 29.
    if (months) return { ...filters, ...monthsBefore(filters.from, months) };
    const length = to - from + day;
    return { ...filters, from: iso(from - length), to: iso(from - day) };
  }
  const shift = (d: string) =>
    `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
  return { ...filters, from: shift(filters.from), to: shift(filters.to) };
}

/** How many whole calendar months [from, to] spans, or 0 when it does not start and end on their edges. */
function wholeMonths(from: string, to: string): number {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (!from.endsWith('-01') || next.getUTCDate() !== 1) return 0;
  const [y1, m1] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  return (next.getUTCFullYear() - y1) * 12 + (next.getUTCMonth() + 1 - m1);
}

function monthsBefore(from: string, months: number): { from: string; to: string } {
  const start = new Date(`${from}T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - months);
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCDate(0);
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
