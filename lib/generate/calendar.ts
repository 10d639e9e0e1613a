/**
 * Integer calendar arithmetic for the generator. Times are whole seconds and days whole days since
 * 2000-01-01 00:00 UTC, not 1970: the numbers then stay within V8's small-integer range (until 2034),
 * so millions of timestamps cost no heap allocations. No Date objects or locale functions, so output
 * never depends on the machine's time zone.
 */

export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;

/** Hinnant's constant (days from 0000-03-01 to 1970-01-01) plus 1970-01-01 → 2000-01-01. */
const CIVIL_OFFSET = 719_468 + 10_957;

/** Days since 2000-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - CIVIL_OFFSET;
}

/** The date of a day number (Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + CIVIL_OFFSET;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parse a strict `YYYY-MM-DD` into a day number; throws on anything else. */
export function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`start must be an ISO date (YYYY-MM-DD), got "${text}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`start is not a valid calendar date: "${text}"`);
  }
  return days;
}

/** The same day of month, `months` later (clamped to the month's last day). */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const lastDay =
    daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
  return daysFromCivil(y, m, Math.min(day, lastDay));
}

/** Monday = 0 … Sunday = 6 (2000-01-01 was a Saturday). */
export function weekday(days: number): number {
  return (((days + 5) % 7) + 7) % 7;
}

/** New Year and Christmas: no site works, few customers order. */
export function isHoliday(month: number, day: number): boolean {
  return (month === 1 && day === 1) || (month === 12 && (day === 25 || day === 26));
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  working: boolean;
  /** year × 12 + month − 1 */
  monthIndex: number;
}

const twoDigits = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** Days 2000–2229 are cached (a bounded table); calendar lookups are on the per-row hot path. */
const CACHED_DAYS = 84_000;
const calendarDays = new Array<CalendarDay | undefined>(CACHED_DAYS);

/** Date parts and working-day flag of a day number (cached). */
export function calendarDay(days: number): CalendarDay {
  const inRange = days >= 0 && days < CACHED_DAYS;
  const cached = inRange ? calendarDays[days] : undefined;
  if (cached) return cached;
  const { year, month, day } = civilFromDays(days);
  const info = {
    year,
    month,
    day,
    working: weekday(days) < 5 && !isHoliday(month, day),
    monthIndex: year * 12 + month - 1,
  };
  if (inRange) calendarDays[days] = info;
  return info;
}

/** Weekends and the holidays are not working days. */
export function isWorkingDay(days: number): boolean {
  return calendarDay(days).working;
}

/** Calendar month index (year × 12 + month − 1) of a time, for seasonal effects. */
export function monthIndexOf(ts: number): number {
  return calendarDay(Math.floor(ts / DAY)).monthIndex;
}

export function nextWorkingDay(days: number): number {
  let d = days + 1;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** `n` working days after `days` (n = 0 gives the day itself, or the next working day). */
export function addWorkingDays(days: number, n: number): number {
  let d = isWorkingDay(days) ? days : nextWorkingDay(days);
  for (let i = 0; i < n; i++) d = nextWorkingDay(d);
  return d;
}

/** The time itself if it falls in working hours, else the next opening time. */
export function toWorkingHours(ts: number, openHour: number, closeHour: number): number {
  const days = Math.floor(ts / DAY);
  const secondOfDay = ts - days * DAY;
  if (isWorkingDay(days)) {
    if (secondOfDay < openHour * HOUR) return days * DAY + openHour * HOUR;
    if (secondOfDay < closeHour * HOUR) return ts;
  }
  return nextWorkingDay(days) * DAY + openHour * HOUR;
}

/** `YYYY-MM-DD HH:MM:SS` for a time in seconds (the CSV writer has its own byte-level copy). */
export function formatTimestamp(ts: number): string {
  const days = Math.floor(ts / DAY);
  const { year, month, day } = calendarDay(days);
  const rest = ts - days * DAY;
  const [h, m, s] = [Math.floor(rest / HOUR), Math.floor((rest % HOUR) / MINUTE), rest % MINUTE];
  const date = `${String(year).padStart(4, '0')}-${twoDigits[month]}-${twoDigits[day]}`;
  return `${date} ${twoDigits[h]}:${twoDigits[m]}:${twoDigits[s]}`;
}
