/** Plain result objects of the KPI engine (safe to pass to React props and JSON). */
import type { KpiUnit } from '@/lib/semantic/kpi';

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

/**
 * What a value rests on: measured (every field it needs was supplied by the files), assumed (a
 * field was derived by a stated rule), partial (a composite with a component missing).
 */
export type Basis = 'measured' | 'assumed' | 'partial';

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
  basis?: Basis;
  /** Plain sentences on what was assumed or missing; empty when measured. */
  basisNotes?: string[];
  /** The derived fields (table.column) the value rests on. */
  assumedFields?: string[];
  /**
   * Series by period: the period ends after the data's horizon, so it holds only what had
   * happened by then and is not comparable with a complete period.
   */
  partial?: boolean;
  /**
   * Durations by period: rows still open at the horizon (not yet shipped, delivered, credited…)
   * that will land in this period or a later one, so its value will still change; 0 when the period
   * is over.
   */
  maturing?: number;
}

export interface KpiResult extends KpiValue {
  basis: Basis;
  basisNotes: string[];
  id: string;
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  standard: string;
  variant: string;
  asOf: string;
  /** The latest event time in the loaded data (YYYY-MM-DDTHH:MM:SS), null without data. */
  horizon?: string | null;
  available: boolean;
  unavailableReason?: string;
  /** Per period or segment, when a grain or breakdown was asked. */
  series?: KpiValue[];
  /** The comparison periods asked for; change is in the KPI unit (percentage points for rates). */
  comparisons?: Comparison[];
  /** Order shipment cycle time only: where its time goes, stage by stage, and delivery after it. */
  stages?: CycleStages;
}

export interface Comparison {
  kind: 'previous' | 'last_year';
  range: { from: string; to: string };
  value: number | null;
  n: number;
  change: number | null;
  /** The current range runs past the data's horizon: its value is not of a complete range. */
  partial?: boolean;
  /** Why the comparison is partial, in a sentence. */
  note?: string;
}

/**
 * The cycle time by stage, every stage on the same orders (those with every timestamp of the
 * cycle, in order), so the stage means add up to those orders' mean cycle time.
 */
export interface CycleStages {
  /** Orders the cycle time counts. */
  counted: number;
  /** Of those, the orders the stages are measured on. */
  orders: number;
  /** The mean and median cycle time of those orders: the in-cycle stage means add up to the mean. */
  cycleMeanHours: number | null;
  cycleMedianHours: number | null;
  /** Entry, release and ship, in order: the cycle itself. */
  inCycle: Stage[];
  /** Final shipment → delivered, after the cycle ends: over those of the orders delivered. */
  delivery: Stage;
}

export interface Stage {
  stage: 'entry' | 'release' | 'ship' | 'delivery';
  label: string;
  meanHours: number | null;
  medianHours: number | null;
  n: number;
}
