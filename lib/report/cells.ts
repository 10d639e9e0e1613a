/**
 * Cell values for the spreadsheet formats (XLSX and CSV): numbers stay numbers, every text cell
 * is neutralised against formula injection, and each KPI unit has its number format.
 */
import type { KpiUnit } from '@/lib/kpi/define';
import { neutraliseText } from '@/lib/ingest/neutralise';

export type Cell = string | number | null;

/** A text cell as it is safe to write; null stays empty. */
export const textCell = (value: string | null | undefined): string | null =>
  value === null || value === undefined ? null : neutraliseText(value);

/** A finite number, or an empty cell. */
export const numberCell = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

/** Excel number formats: rates are stored 0–100 as the KPI API returns them, not as fractions. */
export const unitFormats: Record<KpiUnit, string> = {
  percent: '0.0" %"',
  hours: '0.00" h"',
  days: '0.00" d"',
  orders_per_fte: '#,##0.0" /FTE"',
  currency_per_order: '#,##0.00',
};

export const COUNT_FORMAT = '#,##0';
