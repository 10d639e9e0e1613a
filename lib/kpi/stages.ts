import 'server-only';
/**
 * Where the order shipment cycle time goes: order → entered → released → final shipment, then
 * delivery after the cycle has ended.
 *
 * Every stage is measured on the same orders: those the cycle time counts that have every timestamp
 * of the cycle, in order. Per order the three stages then add up to its cycle time exactly, so their
 * means add up to the mean cycle time of those orders. Measured each where its own two timestamps
 * exist, the stages would rest on different orders and their means would not add up. Medians never
 * add up, whatever the orders: they are given beside the means, not stacked.
 */
import type { Database } from '@/lib/db/database';
import { readPerVersion } from '@/lib/db/per-version';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { scopedRowsSql } from './compile';
import { factsVersion } from './facts';
import type { Filters } from './filters';
import type { CycleStages, Stage } from './types';

const inCycle: { stage: Stage['stage']; label: string; hours: string }[] = [
  { stage: 'entry', label: 'Order → entered in ERP', hours: 'epoch(entered_ts - order_ts) / 3600' },
  {
    stage: 'release',
    label: 'Entered → released to the warehouse',
    hours: 'epoch(released_ts - entered_ts) / 3600',
  },
  {
    stage: 'ship',
    label: 'Released → final shipment',
    hours: 'epoch(final_ship_ts - released_ts) / 3600',
  },
];

const delivery = {
  stage: 'delivery' as const,
  label: 'Final shipment → delivered (after the cycle ends)',
  hours: 'epoch(delivered_ts - final_ship_ts) / 3600',
};

export async function cycleTimeStages(
  db: Database,
  kpi: KpiDefinition,
  filters: Filters,
): Promise<CycleStages> {
  const scoped = scopedRowsSql(kpi, { filters });
  const spans = [...inCycle, delivery].map((s, i) => `${s.hours} AS h${i}`);
  // NULL (a timestamp missing) and negative (out of order) both fail `>= 0`: such an order has not
  // every timestamp of the cycle in order, and is left out of every stage, not of some.
  const whole = inCycle.map((_, i) => `h${i} >= 0`).join(' AND ');
  const measures = inCycle.flatMap((_, i) => [
    `avg(h${i}) FILTER (WHERE ${whole}) AS m${i}`,
    `median(h${i}) FILTER (WHERE ${whole}) AS p${i}`,
  ]);
  const d = inCycle.length;
  const [row] = await readPerVersion(
    db,
    await factsVersion(db),
    `WITH counted AS (SELECT (${kpi.value}) AS cycle, ${spans.join(', ')}
                        FROM (${scoped.sql}) WHERE _excluded IS NULL)
     SELECT count(*) AS counted,
            count(*) FILTER (WHERE ${whole}) AS orders,
            avg(cycle) FILTER (WHERE ${whole}) AS cycle_mean,
            median(cycle) FILTER (WHERE ${whole}) AS cycle_median,
            ${measures.join(', ')},
            avg(h${d}) FILTER (WHERE ${whole} AND h${d} >= 0) AS m${d},
            median(h${d}) FILTER (WHERE ${whole} AND h${d} >= 0) AS p${d},
            count(*) FILTER (WHERE ${whole} AND h${d} >= 0) AS n${d}
       FROM counted`,
    scoped.params,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const orders = Number(row?.orders ?? 0);
  return {
    counted: Number(row?.counted ?? 0),
    orders,
    cycleMeanHours: num(row?.cycle_mean),
    cycleMedianHours: num(row?.cycle_median),
    inCycle: inCycle.map((s, i) => ({
      stage: s.stage,
      label: s.label,
      meanHours: num(row?.[`m${i}`]),
      medianHours: num(row?.[`p${i}`]),
      n: orders,
    })),
    delivery: {
      stage: delivery.stage,
      label: delivery.label,
      meanHours: num(row?.[`m${d}`]),
      medianHours: num(row?.[`p${d}`]),
      n: Number(row?.[`n${d}`] ?? 0),
    },
  };
}
