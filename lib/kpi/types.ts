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
  comparison?: { range: { from: string; to: string }; value: number | null; change: number | null };
}
