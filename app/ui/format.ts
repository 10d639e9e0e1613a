/** Number and date formatting shared by the pages (server and client). */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => integer.format(n);

/** An ISO timestamp as a calendar day, in UTC (all computation is in UTC). */
export const formatDay = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export const formatDateTime = (iso: string | null) =>
  iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';

const unitSuffix: Record<string, string> = {
  percent: ' %',
  hours: ' h',
  days: ' d',
  orders_per_fte: ' orders/FTE',
  currency_per_order: ' per order',
};

export function formatKpiValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const digits = unit === 'percent' ? 1 : value < 10 ? 2 : 1;
  return `${value.toFixed(digits)}${unitSuffix[unit] ?? ''}`;
}
