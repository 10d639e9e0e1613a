/** What the upload wizard works with: the server's answers, and the wizard's own phases. */
import type { KpiNeeds } from '@/lib/ingest/map/automap-kpis';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { UploadPreview } from '@/lib/ingest/load/preview';

export interface UploadSummary {
  id: string;
  fileName: string;
  size: number;
  kind: 'csv' | 'xlsx' | 'parquet';
}

/** A mapping saved for files with the same columns. */
export interface SavedProfile {
  name: string;
  mapping: Mapping;
  /** How it matches this file: the same headers as its sample, or every header it maps. */
  match?: 'headers' | 'mapped columns';
  /** The system its files come from, when it names one. */
  system?: string | null;
}

export interface PreviewResponse {
  upload: UploadSummary;
  preview: UploadPreview;
  profile: SavedProfile | null;
  /** The KPI catalogue's names and needs, to say what an unmapped field costs. */
  kpis?: KpiNeeds[];
}

/** How to read the file, where the user overrode what the preview detected. */
export interface Reading {
  sheet?: string;
  delimiter?: string;
  encoding?: NonNullable<Mapping['encoding']>;
  decimalSeparator?: NonNullable<Mapping['decimalSeparator']>;
}

export type Phase =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string; loaded: number; total: number; sent: boolean }
  | { step: 'mapping' };

export type UploadingPhase = Extract<Phase, { step: 'uploading' }>;

/** The request under way, if any: while one runs, the controls that would race it are disabled. */
export type Busy = null | 'preview' | 'check' | 'load' | 'profile';
