/**
 * Explanations several KPI files share: lines short on the first ship date, the defects of an
 * order, where a slow order's time went. A KPI file picks one; its own wording stays in the file.
 */
import { daysLate, hoursBetween, joined, listOf, num, span } from '@/lib/semantic/explain';
import type { FactRow } from '@/lib/semantic/kpi';

/** "2 of 3 lines short on the first ship date". */
export function linesShort(row: FactRow): string {
  const lines = num(row.lines);
  const filled = num(row.lines_filled_first);
  if (lines === null || filled === null) return 'Not filled on the first ship date';
  return `${lines - filled} of ${lines} ${lines === 1 ? 'line' : 'lines'} short on the first ship date`;
}

export const defectFields = {
  perfect: [
    'promised_delivery_ts',
    'delivered_ts',
    'lines',
    'lines_filled_first',
    'damaged',
    'documentation_error',
  ],
};

type Defect = 'late' | 'short' | 'error_return' | 'damaged' | 'documentation';

/** The defects of an order among those a KPI judges: "Delivered 2 days late and damaged". */
export function defectsOf(judged: readonly Defect[]) {
  return (row: FactRow): string | null => {
    const out: string[] = [];
    if (judged.includes('late')) {
      const d = daysLate(row.delivered_ts, row.promised_delivery_ts);
      if (d !== null && d > 0) out.push(`delivered ${d} ${d === 1 ? 'day' : 'days'} late`);
    }
    if (judged.includes('short')) {
      const lines = num(row.lines);
      const filled = num(row.lines_filled_first);
      if (lines !== null && filled !== null && filled < lines)
        out.push(`${lines - filled} of ${lines} lines short`);
    }
    if (judged.includes('error_return') && row.error_return)
      out.push('returned for a fulfilment error');
    if (judged.includes('damaged') && row.damaged) out.push('damaged');
    if (judged.includes('documentation') && row.documentation_error)
      out.push('documentation error');
    return listOf(out);
  };
}

/**
 * Where a slow order's time went: release, release (or order) to final ship, transit when the KPI
 * runs to delivery, and the ship dates and backordered lines that stretched it.
 */
export function whereTheTimeWent(options: { transit?: boolean } = {}) {
  return (row: FactRow): string | null => {
    const parts: string[] = [];
    if (options.transit) {
      const transit = hoursBetween(row.final_ship_ts, row.delivered_ts);
      if (transit !== null) parts.push(`${span(transit)} in transit`);
    }
    const release = hoursBetween(row.order_ts, row.released_ts);
    const toShip = hoursBetween(row.released_ts ?? row.order_ts, row.final_ship_ts);
    if (release !== null && release >= 0) parts.push(`released after ${span(release)}`);
    if (toShip !== null && toShip >= 0)
      parts.push(`${span(toShip)} ${row.released_ts ? 'release' : 'order'} → final ship`);
    const dates = num(row.ship_dates);
    if (dates !== null && dates > 1) parts.push(`${dates} ship dates`);
    const lines = num(row.lines);
    const filled = num(row.lines_filled_first);
    if (lines !== null && filled !== null && filled < lines)
      parts.push(`${lines - filled}/${lines} lines backordered`);
    return joined(parts);
  };
}
