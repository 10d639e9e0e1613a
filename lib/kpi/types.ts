/** Plain result objects of the KPI engine (safe to pass to React props and JSON). */
import type { KpiUnit } from './define';

export interface Excluded {
  reason: string;
  count: number;
}

export interface Distribution {
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  histogram: { from: number; to: number; count: number }[];
}

export interface ComponentUse {
  kpi: string;
  name: string;
  value: number | null;
  used: boolean;
  reason?: string;
}

export interface KpiValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number;
  excluded: Excluded[];
  period?: string;
  segment?: string | null;
  distribution?: Distribution;
  components?: ComponentUse[];
}

export interface KpiResult extends KpiValue {
  id: string;
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  standard: string;
  variant: string;
  asOf: string;
  available: boolean;
  unavailableReason?: string;
  /** Per period or segment, when a grain or breakdown was asked. */
  series?: KpiValue[];
  /** The comparison periods asked for; change is in the KPI unit (percentage points for rates). */
  comparisons?: Comparison[];
  /** Order shipment cycle time only: mean hours of each stage, where its timestamps exist. */
  stages?: Stage[];
}

export interface Comparison {
  kind: 'previous' | 'last_year';
  range: { from: string; to: string };
  value: number | null;
  n: number;
  change: number | null;
}

export interface Stage {
  stage: 'entry' | 'release' | 'ship' | 'delivery';
  label: string;
  meanHours: number | null;
  medianHours: number | null;
  n: number;
}
