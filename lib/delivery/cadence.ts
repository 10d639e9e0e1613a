/**
 * When a subscription runs: "daily 07:00", "weekly mon 07:00", "monthly 1 07:00" or "monthly
 * first-working-day 07:00", at a wall-clock time in the subscription's own time zone. The time-zone
 * arithmetic is luxon's (IANA zones, DST), never offsets worked out here. Pure: the scheduler
 * passes the clock in.
 */
import { DateTime, IANAZone } from 'luxon';
import { OrderlensError } from '@/lib/errors';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** Luxon's weekday numbers: 1 = Monday … 7 = Sunday. */
type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface At {
  hour: number;
  minute: number;
}

export type Cadence =
  | ({ kind: 'daily' } & At)
  | ({ kind: 'weekly'; weekday: Weekday } & At)
  /** day 29–31 runs on the month's last day in shorter months, rather than skipping them. */
  | ({ kind: 'monthly'; day: number | 'first-working-day' } & At);

export const CADENCE_EXAMPLES = [
  'daily 07:00',
  'weekly mon 07:00',
  'monthly 1 07:00',
  'monthly first-working-day 07:00',
] as const;

export class InvalidCadenceError extends OrderlensError {
  constructor(text: string) {
    super(
      `"${text.slice(0, 80)}" is not a cadence. Write one of: ${CADENCE_EXAMPLES.join(', ')} (24-hour time).`,
      'invalid_subscription',
      [{ path: 'cadence', message: `not a cadence; e.g. ${CADENCE_EXAMPLES.join(', ')}` }],
    );
  }
}

/** Parse a cadence as people write it (case and extra spaces do not matter). */
export function parseCadence(text: string): Cadence {
  const words = text.trim().toLowerCase().split(/\s+/);
  const at = timeOf(words.at(-1) ?? '');
  if (!at) throw new InvalidCadenceError(text);
  const [kind, when] = words;
  if (kind === 'daily' && words.length === 2) return { kind, ...at };
  if (kind === 'weekly' && words.length === 3) {
    const index = WEEKDAYS.findIndex(
      (short, i) => when === short || when === WEEKDAY_NAMES[i]!.toLowerCase(),
    );
    if (index >= 0) return { kind, weekday: (index + 1) as Weekday, ...at };
  }
  if (kind === 'monthly' && words.length === 3) {
    if (when === 'first-working-day') return { kind, day: when, ...at };
    if (when && /^\d{1,2}$/.test(when) && Number(when) >= 1 && Number(when) <= 31)
      return { kind, day: Number(when), ...at };
  }
  throw new InvalidCadenceError(text);
}

function timeOf(word: string): At | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** The cadence written back in its one canonical form ("weekly mon 07:00"). */
export function formatCadence(cadence: Cadence): string {
  const time = `${pad(cadence.hour)}:${pad(cadence.minute)}`;
  switch (cadence.kind) {
    case 'daily':
      return `daily ${time}`;
    case 'weekly':
      return `weekly ${WEEKDAYS[cadence.weekday - 1]} ${time}`;
    case 'monthly':
      return `monthly ${cadence.day} ${time}`;
  }
}

/** In words, for the reports page and the mail: "every Monday at 07:00 (Europe/Berlin)". */
export function describeCadence(cadence: Cadence, zone: string): string {
  const time = `${pad(cadence.hour)}:${pad(cadence.minute)}`;
  const when =
    cadence.kind === 'daily'
      ? 'every day'
      : cadence.kind === 'weekly'
        ? `every ${WEEKDAY_NAMES[cadence.weekday - 1]}`
        : cadence.day === 'first-working-day'
          ? 'on the first working day (Monday to Friday) of every month'
          : `on day ${cadence.day} of every month${cadence.day > 28 ? ' (or its last day)' : ''}`;
  return `${when} at ${time} (${zone})`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether a time zone is an IANA zone luxon knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The zone a subscription gets when none is given: the server's own. */
export function serverTimeZone(): string {
  return DateTime.local().zoneName ?? 'UTC';
}

/**
 * The first run of the cadence strictly after `after`. A local time that a DST change skips
 * (02:30 on the spring-forward night) runs an hour later on the clock, as luxon resolves it; a time
 * that occurs twice (the autumn night) resolves to its second occurrence, so it runs once. Working days are
 * Monday to Friday; public holidays are not known.
 */
export function nextRunAfter(cadence: Cadence, zone: string, after: Date): Date {
  const start = DateTime.fromJSDate(after, { zone }).startOf('day');
  const later = (candidate: DateTime) => candidate.toMillis() > after.getTime();
  if (cadence.kind === 'monthly') {
    for (let months = 0; months <= 2; months++) {
      const month = start.startOf('month').plus({ months });
      const candidate = at(dayOfMonth(month, cadence.day), cadence, zone);
      if (later(candidate)) return candidate.toJSDate();
    }
  } else {
    for (let days = 0; days <= 8; days++) {
      const day = start.plus({ days });
      if (cadence.kind === 'weekly' && day.weekday !== cadence.weekday) continue;
      const candidate = at(day, cadence, zone);
      if (later(candidate)) return candidate.toJSDate();
    }
  }
  // Unreachable: every cadence has a run within two months.
  throw new Error(`no run found for ${formatCadence(cadence)}`);
}

/** The local calendar day of a month the cadence runs on. */
function dayOfMonth(month: DateTime, day: number | 'first-working-day'): DateTime {
  if (day !== 'first-working-day') return month.set({ day: Math.min(day, month.daysInMonth!) });
  let first = month;
  while (first.weekday > 5) first = first.plus({ days: 1 });
  return first;
}

/** The wall-clock time on a local day, built from calendar fields so DST is the zone's. */
function at(day: DateTime, time: At, zone: string): DateTime {
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute },
    { zone },
  );
}
