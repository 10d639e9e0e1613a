/**
 * Which drill-through fields explain a KPI's failure, and the failure in one plain sentence per
 * row. Pure presentation over the row fields lib/kpi/drill.ts returns.
 */
export type FieldKind = 'text' | 'day' | 'datetime' | 'count' | 'flag';

export interface DrillField {
  key: string;
  label: string;
  kind: FieldKind;
}

type Row = Record<string, unknown>;

const field = (key: string, label: string, kind: FieldKind): DrillField => ({ key, label, kind });

const F = {
  orderTs: field('order_ts', 'Ordered', 'datetime'),
  promisedShip: field('promised_ship_ts', 'Promised ship', 'day'),
  finalShip: field('final_ship_ts', 'Final ship', 'datetime'),
  firstShip: field('first_ship_ts', 'First ship', 'datetime'),
  promisedDelivery: field('promised_delivery_ts', 'Promised delivery', 'day'),
  requestedDelivery: field('requested_delivery_ts', 'Requested delivery', 'day'),
  delivered: field('delivered_ts', 'Delivered', 'datetime'),
  released: field('released_ts', 'Released', 'datetime'),
  lines: field('lines', 'Lines', 'count'),
  linesFilled: field('lines_filled_first', 'Filled first', 'count'),
  unitsDue: field('units_due', 'Units due', 'count'),
  unitsFilled: field('units_filled_first', 'Units filled first', 'count'),
  shipDates: field('ship_dates', 'Ship dates', 'count'),
  errorReturn: field('error_return', 'Error return', 'flag'),
  damaged: field('damaged', 'Damaged', 'flag'),
  docError: field('documentation_error', 'Doc. error', 'flag'),
  returned: field('returned', 'Returned', 'flag'),
  returnTs: field('return_ts', 'Returned', 'datetime'),
  creditedTs: field('credited_ts', 'Credited', 'datetime'),
  reasonCode: field('reason_code', 'Reason', 'text'),
};

/** The KPI-specific fields, shown after order, date and site. */
export function explainingFields(kpiId: string): DrillField[] {
  switch (kpiId) {
    case 'on_time_shipment_rate':
      return [F.promisedShip, F.finalShip];
    case 'on_time_delivery_rate':
      return [F.promisedDelivery, F.delivered];
    case 'on_time_to_request_rate':
      return [F.requestedDelivery, F.delivered];
    case 'order_fill_rate':
    case 'line_fill_rate':
    case 'backorder_rate':
      return [F.lines, F.linesFilled, F.unitsDue, F.unitsFilled];
    case 'unit_fill_rate':
      return [F.unitsDue, F.unitsFilled];
    case 'return_rate':
    case 'unit_return_rate':
      return [F.finalShip, F.errorReturn];
    case 'order_accuracy':
      return [F.errorReturn, F.damaged, F.docError];
    case 'damage_free_rate':
      return [F.damaged];
    case 'documentation_accuracy':
      return [F.docError];
    case 'perfect_order_rate':
    case 'perfect_order_index':
      return [F.promisedDelivery, F.delivered, F.lines, F.linesFilled, F.damaged, F.docError];
    case 'split_shipment_rate':
      return [F.shipDates, F.firstShip, F.finalShip];
    case 'order_shipment_cycle_time':
      return [F.released, F.finalShip];
    case 'order_to_delivery_cycle_time':
      return [F.finalShip, F.delivered];
    case 'order_release_cycle_time':
    case 'release_to_ship_cycle_time':
      return [F.released, F.finalShip];
    case 'returns_processing_cycle_time':
      return [F.reasonCode, F.returnTs, F.creditedTs];
    default:
      return [];
  }
}

const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Whole calendar days from a to b (both ISO), as the KPIs compare them (calendar day grain). */
function daysLate(actual: unknown, promised: unknown): number | null {
  const a = day(actual);
  const p = day(promised);
  if (!a || !p) return null;
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${p}T00:00:00Z`)) / 86_400_000);
}

const late = (n: number | null) =>
  n === null ? '' : n === 1 ? ' — 1 day late' : ` — ${n} days late`;

/** Why a row failed the KPI, in words; null when the KPI has no per-row failure. */
export function failureReason(kpiId: string, row: Row): string | null {
  switch (kpiId) {
    case 'on_time_shipment_rate':
      return `Shipped ${day(row.final_ship_ts) ?? '?'}, promised ${day(row.promised_ship_ts) ?? '?'}${late(daysLate(row.final_ship_ts, row.promised_ship_ts))}`;
    case 'on_time_delivery_rate':
      return `Delivered ${day(row.delivered_ts) ?? '?'}, promised ${day(row.promised_delivery_ts) ?? '?'}${late(daysLate(row.delivered_ts, row.promised_delivery_ts))}`;
    case 'on_time_to_request_rate':
      return row.requested_delivery_ts
        ? `Delivered ${day(row.delivered_ts)}, requested ${day(row.requested_delivery_ts)}${late(daysLate(row.delivered_ts, row.requested_delivery_ts))}`
        : `Delivered ${day(row.delivered_ts) ?? '?'}, after the date the customer requested`;
    case 'order_fill_rate':
    case 'line_fill_rate':
    case 'backorder_rate': {
      const lines = num(row.lines);
      const filled = num(row.lines_filled_first);
      if (lines === null || filled === null) return 'Not filled on the first ship date';
      return `${lines - filled} of ${lines} ${lines === 1 ? 'line' : 'lines'} short on the first ship date`;
    }
    case 'unit_fill_rate': {
      const due = num(row.units_due);
      const filled = num(row.units_filled_first);
      if (due === null || filled === null) return 'Units short on the first ship date';
      return `${due - filled} of ${due} units short on the first ship date`;
    }
    case 'return_rate':
    case 'unit_return_rate':
      return row.error_return ? 'Returned — a fulfilment error' : 'Returned';
    case 'order_accuracy':
    case 'damage_free_rate':
    case 'documentation_accuracy':
    case 'perfect_order_rate':
    case 'perfect_order_index':
      return listOf(defects(kpiId, row));
    case 'split_shipment_rate':
      return `Shipped on ${num(row.ship_dates) ?? '?'} dates, ${day(row.first_ship_ts) ?? '?'} to ${day(row.final_ship_ts) ?? '?'}`;
    case 'cancellation_rate':
      return 'Cancelled';
    default:
      return null;
  }
}

const hoursBetween = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string'
    ? (Date.parse(b) - Date.parse(a)) / 3_600_000
    : null;

function span(hours: number | null): string {
  if (hours === null) return '?';
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

/** Where a slow row's time went, for duration KPIs; null when the fields do not tell. */
export function timeReason(kpiId: string, row: Row): string | null {
  const parts: string[] = [];
  // A return's time is one span (received → credited): the value column says it all.
  if (kpiId === 'returns_processing_cycle_time') return null;
  const release = hoursBetween(row.order_ts, row.released_ts);
  const toShip = hoursBetween(row.released_ts ?? row.order_ts, row.final_ship_ts);
  if (kpiId === 'order_to_delivery_cycle_time') {
    const transit = hoursBetween(row.final_ship_ts, row.delivered_ts);
    if (transit !== null) parts.push(`${span(transit)} in transit`);
  }
  if (release !== null && release >= 0) parts.push(`released after ${span(release)}`);
  if (toShip !== null && toShip >= 0)
    parts.push(`${span(toShip)} ${row.released_ts ? 'release' : 'order'} → final ship`);
  const dates = num(row.ship_dates);
  if (dates !== null && dates > 1) parts.push(`${dates} ship dates`);
  const lines = num(row.lines);
  const filled = num(row.lines_filled_first);
  if (lines !== null && filled !== null && filled < lines)
    parts.push(`${lines - filled}/${lines} lines backordered`);
  if (!parts.length) return null;
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function defects(kpiId: string, row: Row): string[] {
  const out: string[] = [];
  const perfect = kpiId === 'perfect_order_rate' || kpiId === 'perfect_order_index';
  if (perfect) {
    const d = daysLate(row.delivered_ts, row.promised_delivery_ts);
    if (d !== null && d > 0) out.push(`delivered ${d} ${d === 1 ? 'day' : 'days'} late`);
    const lines = num(row.lines);
    const filled = num(row.lines_filled_first);
    if (lines !== null && filled !== null && filled < lines)
      out.push(`${lines - filled} of ${lines} lines short`);
  }
  if (kpiId === 'order_accuracy' && row.error_return) out.push('returned for a fulfilment error');
  if (kpiId !== 'documentation_accuracy' && row.damaged) out.push('damaged');
  if (kpiId !== 'damage_free_rate' && row.documentation_error) out.push('documentation error');
  return out;
}

function listOf(items: string[]): string | null {
  if (!items.length) return null;
  const text =
    items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
