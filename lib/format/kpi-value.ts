/**
 * The one way a KPI value becomes text. Cards, tables, charts, the PDF, the deck, the CSV and the
 * CLI call these functions, and the workbook gets number formats built from the same table, so a
 * value reads the same wherever it is printed (issue 12).
 */
import type { KpiUnit } from '@/lib/semantic/kpi';

interface UnitStyle {
  /** Decimals of a value and of a change: the precision the KPI is reported at. */
  digits: number;
  /** Printed after the number; percent sticks to it ("99.6%"), words keep a space. */
  suffix: string;
  /** After a change: a rate moves in percentage points, not per cent. */
  changeSuffix: string;
  /** On axis ticks, where the axis title names the longer units. */
  tickSuffix: string;
}

/**
 * Rates to a tenth of a point and durations to a tenth of an hour or day; money to the cent;
 * orders per FTE (a yearly figure in the hundreds or thousands) to the whole order.
 */
export const kpiUnitStyles: Record<KpiUnit, UnitStyle> = {
  percent: { digits: 1, suffix: '%', changeSuffix: ' pp', tickSuffix: '%' },
  hours: { digits: 1, suffix: ' h', changeSuffix: ' h', tickSuffix: ' h' },
  days: { digits: 1, suffix: ' d', changeSuffix: ' d', tickSuffix: ' d' },
  orders_per_fte: {
    digits: 0,
    suffix: ' orders/FTE',
    changeSuffix: ' orders/FTE',
    tickSuffix: '',
  },
  currency_per_order: {
    digits: 2,
    suffix: ' per order',
    changeSuffix: ' per order',
    tickSuffix: '',
  },
};

/** Shown for a value the data cannot give. */
export const NO_VALUE = '—';

const formats = new Map<string, Intl.NumberFormat>();

/** Thousands separators, exactly `min`–`max` decimals, rounding half away from zero as Excel. */
function grouped(value: number, min: number, max = min): string {
  const key = `${min}-${max}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    formats.set(key, format);
  }
  // A spreadsheet has no negative zero; Intl would print it "-0".
  return format.format(value === 0 ? 0 : value);
}

const known = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The number and its unit apart, for layouts that set the unit smaller ("48.7" and "h"). */
export function kpiValueParts(
  value: number | null | undefined,
  unit: KpiUnit,
): { number: string; unit: string; text: string } {
  const style = kpiUnitStyles[unit];
  if (!known(value)) return { number: NO_VALUE, unit: '', text: NO_VALUE };
  const number = grouped(value, style.digits);
  return { number, unit: style.suffix.trim(), text: `${number}${style.suffix}` };
}

/** A KPI value at its unit's precision: "99.6%", "52.5 h", "1,234.50 per order". */
export const formatKpiValue = (value: number | null | undefined, unit: KpiUnit): string =>
  kpiValueParts(value, unit).text;

/**
 * A change between two values, signed, at the value's precision: "+0.4 pp", "-2.5 h", "±0.0 pp".
 * The sign is the change's own, not the rounded one's, as a spreadsheet's signed format shows it.
 */
export function formatKpiChange(change: number | null | undefined, unit: KpiUnit): string {
  if (!known(change)) return NO_VALUE;
  const style = kpiUnitStyles[unit];
  const size = grouped(Math.abs(change), style.digits);
  const sign = change > 0 ? '+' : change < 0 ? '-' : '±';
  return `${sign}${size}${style.changeSuffix}`;
}

/** True when a change prints as no change at its unit's precision. */
export const isFlatChange = (change: number, unit: KpiUnit) =>
  Number(Math.abs(change).toFixed(kpiUnitStyles[unit].digits)) === 0;

/** Compact, for axis ticks: at most one decimal, whole numbers from 100 up. */
export function formatKpiTick(value: number, unit: KpiUnit): string {
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return `${grouped(value, 0, digits)}${kpiUnitStyles[unit].tickSuffix}`;
}

/**
 * A figure a benchmark source published, in the KPI unit: its own precision up to two decimals
 * (a published 99.95% is not the computed 100.0%), with the unit as values print it.
 */
export const formatPublishedFigure = (value: number, unit: KpiUnit | null): string =>
  `${grouped(value, 0, 2)}${unit ? kpiUnitStyles[unit].suffix : ''}`;

export const isKpiUnit = (unit: string): unit is KpiUnit => Object.hasOwn(kpiUnitStyles, unit);

/** A plain count with thousands separators. */
export const formatCount = (n: number | null | undefined): string =>
  known(n) ? grouped(n, 0) : NO_VALUE;

/** A share of a count, 0–100, written as a percent KPI is: "12.5%". */
export const formatPercent = (share: number | null | undefined, digits = 1): string =>
  known(share) ? `${grouped(share, digits)}${kpiUnitStyles.percent.suffix}` : NO_VALUE;

/** The suffix a value carries (" h", "%"), for texts built around a raw number. */
export const unitSuffix = (unit: KpiUnit) => kpiUnitStyles[unit].suffix;

/* ------------------------------------------------------------------------------------------------
 * Spreadsheet number formats: the workbook keeps numbers as numbers and shows them as the text
 * above. Quoted so that "%" is a literal, not Excel's multiply-by-100 percent.
 * --------------------------------------------------------------------------------------------- */

const excelNumber = (digits: number) => `#,##0${digits ? `.${'0'.repeat(digits)}` : ''}`;
const excelLiteral = (text: string) => (text ? `"${text}"` : '');

/** The Excel number format of a KPI value: "#,##0.0\" h\"". */
export function kpiNumberFormat(unit: KpiUnit): string {
  const style = kpiUnitStyles[unit];
  return `${excelNumber(style.digits)}${excelLiteral(style.suffix)}`;
}

/** The Excel number format of a change: positive; negative; zero sections, as formatKpiChange. */
export function kpiChangeNumberFormat(unit: KpiUnit): string {
  const style = kpiUnitStyles[unit];
  const body = `${excelNumber(style.digits)}${excelLiteral(style.changeSuffix)}`;
  return `"+"${body};"-"${body};"±"${body}`;
}

/** The Excel number format of a count. */
export const COUNT_NUMBER_FORMAT = excelNumber(0);
