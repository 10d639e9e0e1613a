/** Unit and direction of every KPI, from the catalogue in metrics/: band sets and targets validate against it. */
import type { KpiUnit } from '@/lib/kpi/define';
import { kpiCatalogue } from '@/metrics';

export type Direction = 'higher' | 'lower';

export interface KpiShape {
  unit: KpiUnit;
  direction: Direction;
}

export const kpiShapes: Readonly<Record<string, KpiShape>> = Object.fromEntries(
  kpiCatalogue.map((kpi) => [kpi.id, { unit: kpi.unit, direction: kpi.direction }]),
);

export function kpiShape(id: string): KpiShape | undefined {
  return Object.hasOwn(kpiShapes, id) ? kpiShapes[id] : undefined;
}
