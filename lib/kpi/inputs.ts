import 'server-only';
/**
 * KPIs of entered figures (APQC productivity and cost): order-management FTEs and cost per period,
 * against the orders placed in that period. Only periods that overlap the query's range count.
 */
import { z } from 'zod';
import { isoDate } from '@/lib/model/iso-date';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { filterConditions, type Filters } from './filters';
import type { KpiValue } from './types';

export const kpiInputSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    team: z.string().max(100).default(''),
    fte: z.number().positive().nullable().optional(),
    cost: z.number().nonnegative().nullable().optional(),
    currency: z.string().max(10).nullable().optional(),
  })
  .strict()
  .refine((i) => i.from <= i.to, { message: 'from must not be after to', path: ['to'] })
  .refine((i) => i.fte != null || i.cost != null, {
    message: 'give fte, cost or both',
    path: ['fte'],
  });
export type KpiInput = z.input<typeof kpiInputSchema>;

/** Enter (or replace) the FTEs and cost of a period and team. */
export async function setKpiInput(db: Database, input: unknown) {
  const value = kpiInputSchema.parse(input);
  await db.transaction(async (tx) => {
    await tx.run(
      'DELETE FROM kpi_inputs WHERE period_from = $1::DATE AND period_to = $2::DATE AND team = $3',
      [value.from, value.to, value.team],
    );
    await tx.run('INSERT INTO kpi_inputs VALUES ($1::DATE, $2::DATE, $3, $4, $5, $6)', [
      value.from,
      value.to,
      value.team,
      value.fte ?? null,
      value.cost ?? null,
      value.currency ?? null,
    ]);
  });
  return value;
}

export const kpiInputKeySchema = z
  .object({ from: isoDate, to: isoDate, team: z.string().max(100).default('') })
  .strict();

/** Remove the figures of one period and team. */
export async function removeKpiInput(db: Database, key: unknown): Promise<void> {
  const { from, to, team } = kpiInputKeySchema.parse(key);
  const removed = await db.transaction((tx) =>
    tx.run(
      'DELETE FROM kpi_inputs WHERE period_from = $1::DATE AND period_to = $2::DATE AND team = $3',
      [from, to, team],
    ),
  );
  if (!removed)
    throw new OrderlensError(
      `There are no figures for ${from} – ${to}${team ? ` (${team})` : ''}.`,
      'input_not_found',
    );
}

export async function listKpiInputs(db: Database) {
  return db.read(
    'SELECT CAST(period_from AS VARCHAR) AS "from", CAST(period_to AS VARCHAR) AS "to", team, fte, cost, currency FROM kpi_inputs ORDER BY 1, 3',
  );
}

/**
 * orders_per_fte = Σ orders ÷ Σ (FTE × days ÷ 365), an annual rate; cost_per_order = Σ cost ÷ Σ orders,
 * each over the periods that have the figure. Filters other than dates narrow the orders counted.
 */
export async function inputKpiValue(
  db: Database,
  kpi: KpiDefinition,
  filters: Filters,
): Promise<KpiValue> {
  const figure = kpi.input === 'cost' ? 'cost' : 'fte';
  const { from, to, ...dims } = filters;
  const where = filterConditions(dims, 'order_ts', 'kpi_order_facts');
  const params: string[] = [...where.params];
  const bind = (v: string) => `$${params.push(v)}`;
  const overlap = [
    from ? `p.period_to >= CAST(${bind(from)} AS DATE)` : 'true',
    to ? `p.period_from <= CAST(${bind(to)} AS DATE)` : 'true',
  ];
  const [row] = await db.read(
    `WITH p AS (SELECT period_from, period_to, sum(${figure}) AS figure FROM kpi_inputs p
                 WHERE ${figure} IS NOT NULL AND ${overlap.join(' AND ')} GROUP BY 1, 2),
          counted AS (SELECT p.period_from, p.period_to, any_value(p.figure) AS figure, count(o.order_id) AS orders
                        FROM p LEFT JOIN (SELECT order_id, order_ts FROM kpi_order_facts WHERE ${where.sql}) o
                          ON o.order_ts >= p.period_from AND o.order_ts < p.period_to + INTERVAL 1 DAY
                       GROUP BY 1, 2)
     SELECT sum(orders) AS orders, sum(figure) AS figure,
            sum(figure * (date_diff('day', period_from, period_to) + 1) / 365.0) AS fte_years,
            count(*) AS periods FROM counted`,
    params,
  );
  const orders = Number(row?.orders ?? 0);
  const periods = Number(row?.periods ?? 0);
  if (periods === 0) {
    const reason = `no ${figure === 'fte' ? 'FTE' : 'cost'} figures entered for the period`;
    return {
      value: null,
      numerator: null,
      denominator: null,
      n: 0,
      excluded: [{ reason, count: 0 }],
    };
  }
  const numerator = figure === 'fte' ? orders : Number(row?.figure ?? 0);
  const denominator = figure === 'fte' ? Number(row?.fte_years ?? 0) : orders;
  return {
    value: denominator ? numerator / denominator : null,
    numerator,
    denominator,
    n: orders,
    excluded: [],
  };
}
