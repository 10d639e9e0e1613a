/** How the order page prints its values (pure). Times are UTC, as the data holds them. */

/** A string or number as text; '' for anything else (null, empty). */
export const text = (value: unknown) =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : '';

export const num = (value: unknown) => (typeof value === 'number' ? value : null);

export const qty = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A quantity, '—' when there is none. */
export const fmtQty = (value: unknown) => (num(value) === null ? '—' : qty.format(num(value)!));

/** '2024-01-02 09:00 UTC', or the day alone for a date without a time. */
export function when(iso: unknown): string {
  const s = text(iso);
  if (!s) return '—';
  const time = s.slice(11, 16);
  return time === '00:00' && s.slice(11, 19) === '00:00:00'
    ? s.slice(0, 10)
    : `${s.slice(0, 10)} ${time} UTC`;
}

/** '45 min', '10.6 h' (under two days), else '4.7 days'. */
export function duration(hours: number): string {
  if (hours === 0) return 'at the same time';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  const days = hours / 24;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}

/** An amount in the order's currency, or a plain number when the currency is unknown. */
export function money(value: unknown, currency: unknown): string {
  const n = num(value);
  if (n === null) return '—';
  const code = text(currency);
  try {
    return new Intl.NumberFormat('en-US', {
      style: code ? 'currency' : 'decimal',
      currency: code || undefined,
      maximumFractionDigits: 2,
    }).format(n);
  } catch {
    return `${qty.format(n)} ${code}`;
  }
}
