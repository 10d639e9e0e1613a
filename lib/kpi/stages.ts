import 'server-only';
/**
 * Order shipment cycle time decomposed: order → entry → release → final ship → delivery, over the
 * orders the cycle time counts (complete, not cancelled), each stage where both its timestamps exist.
 */
import type { Database } from '@/lib/db/database';
import { filterConditions, type Filters } from './filters';
import type { Stage } from './types';

const stages: { stage: Stage['stage']; label: string; hours: string }[] = [
  { stage: 'entry', label: 'Order → entered in ERP', hours: 'epoch(entered_ts - order_ts) / 3600' },
  {
    stage: 'release',
    label: 'Entered → released to the warehouse',
    hours: 'epoch(released_ts - coalesce(entered_ts, order_ts)) / 3600',
  },
  {
    stage: 'ship',
    label: 'Released → final shipment',
    hours: 'epoch(final_ship_ts - released_ts) / 3600',
  },
  {
    stage: 'delivery',
    label: 'Final shipment → delivered',
    hours: 'epoch(delivered_ts - final_ship_ts) / 3600',
  },
];

export async function cycleTimeStages(db: Database, filters: Filters): Promise<Stage[]> {
  const where = filterConditions(filters, 'final_ship_ts', 'kpi_order_facts');
  // Each stage's hours are computed once per row, negative spans (out-of-order timestamps) as NULL.
  const hours = stages.map((s, i) => `CASE WHEN ${s.hours} >= 0 THEN ${s.hours} END AS h${i}`);
  const measures = stages.flatMap((_, i) => [
    `avg(h${i}) AS m${i}`,
    `median(h${i}) AS p${i}`,
    `count(h${i}) AS n${i}`,
  ]);
  const [row] = await db.read(
    `SELECT ${measures.join(', ')}
       FROM (SELECT ${hours.join(', ')} FROM kpi_order_facts
              WHERE NOT cancelled AND complete AND final_ship_ts IS NOT NULL AND ${where.sql})`,
    where.params,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return stages.map((s, i) => ({
    stage: s.stage,
    label: s.label,
    meanHours: num(row?.[`m${i}`]),
    medianHours: num(row?.[`p${i}`]),
    n: Number(row?.[`n${i}`] ?? 0),
  }));
}
