/**
 * Phrases the KPI files build their explanations from: dates, lateness, spans, lists. Pure, over
 * the plain row values the drill returns (ISO strings for timestamps).
 */
export const day = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 10) : null);
export const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** Whole calendar days from a to b (both ISO), as the KPIs compare them (calendar day grain). */
export function daysLate(actual: unknown, promised: unknown): number | null {
  const a = day(actual);
  const p = day(promised);
  if (!a || !p) return null;
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${p}T00:00:00Z`)) / 86_400_000);
}

/** " — 3 days late", or nothing when the dates do not say. */
export const late = (n: number | null): string =>
  n === null ? '' : n === 1 ? ' — 1 day late' : ` — ${n} days late`;

export const hoursBetween = (a: unknown, b: unknown): number | null =>
  typeof a === 'string' && typeof b === 'string'
    ? (Date.parse(b) - Date.parse(a)) / 3_600_000
    : null;

/** A span as a manager reads it: hours up to two days, then days. */
export function span(hours: number | null): string {
  if (hours === null) return '?';
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

/** "A, b and c", capitalised; null for none. */
export function listOf(items: string[]): string | null {
  if (!items.length) return null;
  const text =
    items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return capitalised(text);
}

/** Parts joined by " · ", capitalised; null for none. */
export function joined(parts: string[]): string | null {
  return parts.length ? capitalised(parts.join(' · ')) : null;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
