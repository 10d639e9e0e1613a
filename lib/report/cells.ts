/**
 * Cell values for the spreadsheet formats (XLSX and CSV): numbers stay numbers, every text cell
 * is neutralised against formula injection, and each KPI unit has its number format.
 */
import {
  COUNT_NUMBER_FORMAT,
  kpiChangeNumberFormat,
  kpiNumberFormat,
} from '@/lib/format/kpi-value';
import { kpiUnits, type KpiUnit } from '@/lib/semantic/kpi';
import { neutraliseText } from '@/lib/ingest/load/neutralise';

export type Cell = string | number | null;

/** A text cell as it is safe to write; null stays empty. */
export const textCell = (value: string | null | undefined): string | null =>
  value === null || value === undefined ? null : neutraliseText(value);

/** A finite number, or an empty cell. */
export const numberCell = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

const byUnit = (format: (unit: KpiUnit) => string) =>
  Object.fromEntries(kpiUnits.map((unit) => [unit, format(unit)])) as Record<KpiUnit, string>;

/**
 * Excel number formats from the KPI formatter, so a cell shows the text the other formats print.
 * Rates are stored 0–100 as the KPI API returns them, not as fractions.
 */
export const unitFormats = byUnit(kpiNumberFormat);

/** Changes against the comparison period: signed, in percentage points for rates. */
export const changeFormats = byUnit(kpiChangeNumberFormat);

export const COUNT_FORMAT = COUNT_NUMBER_FORMAT;
