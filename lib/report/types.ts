/**
 * The report model: one plain, deterministic object that every renderer (PDF, PPTX, XLSX, CSV,
 * PNG) reads, so the numbers are the same in every format. Values are raw numbers in the KPI unit
 * beside the text the scorecard prints for them.
 */
import type { ChartBandSet } from '@/lib/benchmarks/chart-bands';
import type { TargetStatus } from '@/lib/benchmarks/targets';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { Dimension, Grain } from '@/lib/kpi/filters';
import type { Excluded } from '@/lib/kpi/types';

export interface ReportFilter {
  label: string;
  value: string;
}

export interface ReportPlacement {
  setId: string;
  band: string;
  rank: number;
  bandCount: number;
  percentile: number | null;
  source: string;
}

export interface ReportChange {
  kind: 'previous' | 'last_year';
  from: string;
  to: string;
  previous: number | null;
  change: number | null;
  /** Change in the KPI's good direction (positive = better); for ranking movers. */
  improvement: number | null;
  /** The current range runs past the data's horizon: not a change between complete periods. */
  partial: boolean;
  /** Why, in a sentence, when partial. */
  note: string | null;
  text: string;
}

export interface ReportPoint {
  /** The period start, YYYY-MM-DD. */
  period: string;
  label: string;
  value: number | null;
  n: number;
  /** The period ends after the data's horizon: drawn and labelled apart, never ranked. */
  partial: boolean;
  /** Durations: rows still open at the horizon that the period may yet take in. */
  maturing?: number;
}

export interface ReportSegment {
  segment: string;
  value: number | null;
  formatted: string;
  n: number;
  /** Internal quartile among the segments, 1 = best; null when there are too few peers. */
  quartile: number | null;
}

/** Green/amber/red against the target, else the band; grey when there is neither. */
export type StatusColour = 'green' | 'amber' | 'red' | 'grey';

export interface ReportStatus {
  colour: StatusColour;
  /** What the colour was judged against; null for grey. */
  against: 'target' | 'band' | null;
  /** The colour in words, printed beside it so colour is never the only signal ("Off target"). */
  label: string;
}

/**
 * How far a KPI moved against its own history: the change in its good direction divided by the
 * spread of its changes between consecutive complete periods of the same length.
 */
export interface ReportMovement {
  /** Change / variation, signed so positive = better; null when the history is too short. */
  significance: number | null;
  /** Standard deviation of period-to-period changes over the history, in the KPI's unit. */
  variation: number | null;
  /** |significance| >= 1: moved more than it usually does. */
  significant: boolean;
  /** Complete periods of history the variation rests on. */
  periods: number;
  /** The grain of the history (the comparison period's length). */
  grain: Grain;
  /** The current value is the best or worst of the history's complete periods. */
  extreme: 'best' | 'worst' | null;
}

/** The breakdown segment that explains most of the change against the comparison period. */
export interface ReportDriver {
  segment: string;
  /** Its contribution to the change, in the KPI's unit (signed like the change). */
  contribution: number;
  /** Its share of the whole change, 0–1 (can exceed 1 when others moved the other way). */
  share: number;
  text: string;
}

/** One sentence of the executive summary, computed from the data. */
export interface ReportMessage {
  kpiId: string;
  kind: 'moved' | 'band_crossed' | 'target_missed' | 'target_met';
  tone: 'good' | 'bad';
  /** Higher is told first. */
  weight: number;
  text: string;
}

/** How to improve a KPI whose status is amber or red: its practices' titles and where they are. */
export interface ReportPractices {
  titles: string[];
  /** The KPI page's practices, at the server's public address. */
  link: string;
  /** "How to improve it: A; B; C. Each in full, with its sources, on the KPI page: LINK" */
  text: string;
}

export interface ReportKpi {
  id: string;
  name: string;
  unit: KpiUnit;
  unitLabel: string;
  direction: 'higher' | 'lower';
  definition: string;
  standard: string;
  variant: string;
  asOf: string;
  needs: string[];
  available: boolean;
  unavailableReason: string | null;
  value: number | null;
  formatted: string;
  numerator: number | null;
  denominator: number | null;
  placements: ReportPlacement[];
  /**
   * The set the first placement (the headline) is in and why: the best match for the
   * organisation's profile. Null or absent when the value is placed in no set.
   */
  bandChoice?: { setId: string; name: string; reason: string } | null;
  /** measured, assumed (a needed field was derived) or partial (a composite missing components). */
  basis: 'measured' | 'assumed' | 'partial';
  /** Why, in plain sentences (empty when measured). */
  basisNotes: string[];
  /** Why an assumed or partial value is in no band ("Not placed: assumed shipped quantity"). */
  notPlacedText: string | null;
  /** The first placement's band and percentile, shown in the summary. */
  band: string | null;
  percentile: number | null;
  target: { value: number; formatted: string; status: TargetStatus | null } | null;
  change: ReportChange | null;
  trend: { grain: Grain; points: ReportPoint[] };
  chartBands: ChartBandSet | null;
  breakdown: { dimension: Dimension; label: string; segments: ReportSegment[] };
  coverage: { counted: number; countWord: string; excluded: Excluded[] };
  status: ReportStatus;
  /** Null without a comparison. */
  movement: ReportMovement | null;
  /** Null without a comparison, a breakdown, or a change to explain. */
  driver: ReportDriver | null;
  /** One sentence of context for the KPI's section and the deck's speaker notes. */
  context: string;
  /** Has something to say (a value, and a trend, comparison, band or target): gets a section. */
  section: boolean;
  /** The notes on dates its trend covers, numbered as marked on the chart. */
  notes?: ReportTrendNote[];
  /** Amber or red, with practices written for the KPI: what to do about it; else null or absent. */
  practices?: ReportPractices | null;
}

/** A note on dates (lib/annotations) that the report's period or trend window covers. */
export interface ReportNote {
  from: string;
  /** Last day, inclusive; the same as from for one day. */
  to: string;
  note: string;
  /** The KPI it is about; null: every KPI. */
  kpi: string | null;
  /** What it is about in words: the KPI's name or "all KPIs". */
  about: string;
  /** One line: "2024-01-10 to 2024-01-12 (all KPIs): Carrier strike". */
  text: string;
}

/** A note as marked on one KPI's trend: numbered, with the first and last period it covers. */
export interface ReportTrendNote extends ReportNote {
  number: number;
  firstPeriod: string;
  lastPeriod: string;
}

export interface ReportMover {
  id: string;
  name: string;
  text: string;
  /** The movement's significance (positive = better), by which movers are ranked. */
  significance: number;
}

/** An organisation's logo for the cover and title slide. */
export interface ReportLogo {
  data: Buffer;
  type: 'png' | 'jpeg';
}

export interface ReportSource {
  setId: string;
  name: string;
  source: string;
  edition: string;
  peerGroup: string;
  sampleSize: number | null;
  citation: string;
  definition: string;
  kpis: string[];
}

export interface ReportLoad {
  loadId: number;
  fileName: string;
  contentHash: string;
  target: string;
  rows: number;
  finishedAt: string | null;
}

export interface ReportModel {
  organisation: string;
  logo: ReportLogo | null;
  generatedAt: string;
  period: { from: string | null; to: string | null; text: string };
  filters: ReportFilter[];
  /** One line naming the period and filters, printed on every page. */
  context: string;
  comparison: { kind: 'previous' | 'last_year'; text: string } | null;
  data: {
    loads: number;
    firstOrder: string | null;
    lastOrder: string | null;
    ordersCounted: number;
    isDemo: boolean;
    /** The latest event time in the data (YYYY-MM-DDTHH:MM:SS): later periods are partial. */
    horizon?: string | null;
  };
  kpis: ReportKpi[];
  /** Notes on dates within the period or the trend window, for the KPIs of the report. */
  notes?: ReportNote[];
  /** The executive summary: three to five sentences, most significant first. */
  messages: ReportMessage[];
  movers: { best: ReportMover[]; worst: ReportMover[] };
  sources: ReportSource[];
  ledger: ReportLoad[];
}
