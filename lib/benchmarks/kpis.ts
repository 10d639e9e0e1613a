/** Unit and direction of every KPI, from the engine's catalogue: band sets and targets validate against it. */
import type { KpiUnit } from '@/lib/semantic/kpi';
import { installedCatalogue } from '@/lib/semantic/installed';

export type Direction = 'higher' | 'lower';

export interface KpiShape {
  unit: KpiUnit;
  direction: Direction;
}

/** The unit and direction of a KPI of the engine's catalogue, or undefined for an unknown id. */
export function kpiShape(id: string): KpiShape | undefined {
  const kpi = installedCatalogue().kpis.find((k) => k.id === id);
  return kpi && { unit: kpi.unit, direction: kpi.direction };
}
