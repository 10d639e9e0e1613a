import 'server-only';
/**
 * The values the filter bar offers: for each dimension, the distinct values of the KPI order facts
 * (the most frequent first, by order count), and how many orders a set of filters matches. Cached
 * per data version like the KPIs themselves, so a page view costs no query once the data is known.
 */
import type { Database } from '@/lib/db/database';
import { perVersion, readPerVersion } from '@/lib/db/per-version';
import { factsVersion } from './facts';
import {
  dimensionNames,
  dimensions,
  filterConditions,
  type Dimension,
  type Filters,
} from './filters';

/** The most values offered per dimension; the rest can still be filtered through the URL. */
export const MAX_DIMENSION_VALUES = 200;

/**
 * The values a page renders in each picker before it is opened: the largest few. A picker holding
 * more asks for the rest (up to MAX_DIMENSION_VALUES) when it opens, so the four pages with the
 * filter bar do not render and send 200 customers each on every view (half their HTML at 1M).
 */
export const DIMENSION_PREVIEW = 10;

export interface DimensionValue {
  value: string;
  /** Orders placed with this value (every order, whatever its status). */
  orders: number;
}

export interface DimensionOptions {
  /** Most orders first, then by value; at most MAX_DIMENSION_VALUES. */
  values: DimensionValue[];
  /** Distinct values in the data, so a page can say when the list is cut short. */
  distinct: number;
}

export type DimensionValues = Record<Dimension, DimensionOptions>;

const valuesOf = perVersion('dimension-values', queryDimensionValues);

/** The distinct values of site, channel, customer, region, carrier and ship mode. */
export async function listDimensionValues(db: Database): Promise<DimensionValues> {
  return valuesOf(db, await factsVersion(db));
}

/** Each dimension's largest DIMENSION_PREVIEW values, with its distinct count kept. */
export function previewDimensionValues(values: DimensionValues): DimensionValues {
  return Object.fromEntries(
    dimensionNames.map((name) => [
      name,
      { values: values[name].values.slice(0, DIMENSION_PREVIEW), distinct: values[name].distinct },
    ]),
  ) as DimensionValues;
}

/**
 * The values of one dimension that contain `search` (in any case), most orders first, at most
 * MAX_DIMENSION_VALUES, with how many match: how a picker finds a customer beyond the largest 200.
 */
export async function searchDimensionValues(
  db: Database,
  name: Dimension,
  search: string,
): Promise<DimensionOptions> {
  // The search is a bound value.
  const rows = await readPerVersion<{ value: string; orders: number; matches: number }>(
    db,
    await factsVersion(db),
    `WITH counts AS (${valueCountsSql(name)})
     SELECT value, orders, count(*) OVER () AS matches FROM counts
      WHERE contains(lower(value), lower($1))
      ORDER BY orders DESC, value LIMIT $2`,
    [search, MAX_DIMENSION_VALUES],
  );
  return {
    values: rows.map((r) => ({ value: r.value, orders: Number(r.orders) })),
    distinct: Number(rows[0]?.matches ?? 0),
  };
}

/**
 * Orders per value of a dimension, blanks left out. Column names come from the dimension table
 * only; nothing from the caller reaches the SQL.
 */
const valueCountsSql = (name: Dimension) =>
  `SELECT '${name}' AS dimension, CAST(${dimensions[name]} AS VARCHAR) AS value, count(*) AS orders
     FROM kpi_order_facts WHERE ${dimensions[name]} IS NOT NULL GROUP BY ALL`;

async function queryDimensionValues(db: Database): Promise<DimensionValues> {
  const counts = dimensionNames.map(valueCountsSql).join('\nUNION ALL\n');
  const rows = await db.read<{
    dimension: Dimension;
    value: string;
    orders: number;
    distinct: number;
  }>(
    `WITH counts AS (${counts})
     SELECT dimension, value, orders, count(*) OVER (PARTITION BY dimension) AS distinct
       FROM counts
     QUALIFY row_number() OVER (PARTITION BY dimension ORDER BY orders DESC, value) <= $1
     ORDER BY dimension, orders DESC, value`,
    [MAX_DIMENSION_VALUES],
  );
  const out = Object.fromEntries(
    dimensionNames.map((name) => [name, { values: [], distinct: 0 }]),
  ) as unknown as DimensionValues;
  for (const row of rows) {
    const options = out[row.dimension];
    options.values.push({ value: row.value, orders: Number(row.orders) });
    options.distinct = Number(row.distinct);
  }
  return out;
}

/**
 * Orders placed in the range (by order date) that match the dimension filters, cancelled ones
 * included: the size of the slice a scorecard describes.
 */
export async function countMatchingOrders(db: Database, filters: Filters): Promise<number> {
  const where = filterConditions(filters, 'order_ts', 'kpi_order_facts');
  const rows = await readPerVersion<{ n: number }>(
    db,
    await factsVersion(db),
    `SELECT count(*) AS n FROM kpi_order_facts WHERE ${where.sql}`,
    where.params,
  );
  return Number(rows[0]?.n ?? 0);
}
