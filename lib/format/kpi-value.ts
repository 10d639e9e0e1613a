/** KPI values and counts as the scorecard prints them; shared by the pages and the reports. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => integer.format(n);

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
