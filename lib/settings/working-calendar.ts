import 'server-only';
/**
 * The working calendar the working-day cycle times count on: the working weekdays, the holidays,
 * and the cut-off time after which an order counts from the next working day (one for every site,
 * and one per site). Kept as one setting (app_settings); changing it rebuilds the KPI facts in the
 * same transaction, so every working-day figure follows it at once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { readSettings } from './store';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** At most this many holidays: a few years of public and company holidays. */
export const MAX_HOLIDAYS = 400;
export const MAX_SITES = 200;
export const WORKING_CALENDAR_KEY = 'calendar.working';

const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM, from 00:00 to 23:59');

const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const day = new Date(`${d}T00:00:00Z`);
    return Number.isNaN(day.getTime()) || day.toISOString().startsWith(d);
  }, 'not a calendar date');

const site = z.string().trim().min(1, 'a site name').max(100, 'at most 100 characters');

export const workingCalendarSchema = z
  .object({
    weekdays: z
      .array(z.enum(WEEKDAYS))
      .min(1, 'at least one working weekday')
      .describe('The working weekdays'),
    holidays: z
      .array(date)
      .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} holidays`)
      .default([])
      .describe('Days off on a working weekday'),
    cutoff: time
      .nullable()
      .default(null)
      .describe('Orders after this time count from the next working day; null: no cut-off'),
    sites: z
      .record(site, time)
      .default({})
      .refine((s) => Object.keys(s).length <= MAX_SITES, `at most ${MAX_SITES} sites`)
      .describe("A site's own cut-off, instead of the one above"),
  })
  .strict()
  .transform((c) => ({
    weekdays: WEEKDAYS.filter((d) => c.weekdays.includes(d)),
    holidays: [...new Set(c.holidays)].sort(),
    cutoff: c.cutoff,
    sites: Object.fromEntries(
      Object.entries(c.sites)
        .map(([name, cut]) => [name.trim(), cut] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  }));

export type WorkingCalendar = z.output<typeof workingCalendarSchema>;

/** Until one is set: Monday to Friday, no holidays, no cut-off. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: [],
  cutoff: null,
  sites: {},
};

/** The calendar a stored setting holds; the default when none is stored (or it no longer parses). */
export function calendarOfSetting(value: string | undefined | null): WorkingCalendar {
  if (!value) return DEFAULT_WORKING_CALENDAR;
  try {
    const parsed = workingCalendarSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : DEFAULT_WORKING_CALENDAR;
  } catch {
    return DEFAULT_WORKING_CALENDAR;
  }
}

export async function readWorkingCalendar(db: Database): Promise<WorkingCalendar> {
  const settings = await readSettings(db, [WORKING_CALENDAR_KEY]);
  return calendarOfSetting(settings.get(WORKING_CALENDAR_KEY));
}

/** The calendar as the writer's own transaction sees it (the facts' rebuild reads it there). */
export async function workingCalendarIn(tx: Database): Promise<WorkingCalendar> {
  const row = await tx.one<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [
    WORKING_CALENDAR_KEY,
  ]);
  return calendarOfSetting(row?.value);
}

/**
 * Validate and store the calendar (a ZodError lists every problem by its path), and rebuild the
 * KPI facts in the same transaction: readers see the old calendar's figures or the new ones.
 */
export async function setWorkingCalendar(
  db: Database,
  input: unknown,
  by?: string,
): Promise<WorkingCalendar> {
  const calendar = workingCalendarSchema.parse(input);
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT OR REPLACE INTO app_settings (key, value, updated_at, updated_by)
       VALUES ($1, $2, now()::TIMESTAMP, $3)`,
      [WORKING_CALENDAR_KEY, JSON.stringify(calendar), by ?? null],
    );
    await tx.dataChanged();
  });
  return calendar;
}

/** A short stamp of the calendar, part of the facts' version: a new calendar rebuilds them. */
export function calendarFingerprint(calendar: WorkingCalendar): string {
  return createHash('sha256').update(JSON.stringify(calendar)).digest('hex').slice(0, 12);
}

/** ISO day numbers (Monday 1 … Sunday 7) of the working weekdays. */
export const isoWeekdays = (calendar: WorkingCalendar): number[] =>
  calendar.weekdays.map((d) => WEEKDAYS.indexOf(d) + 1);

const label = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);

/** "Mon–Fri", "Mon–Wed, Fri", "Sun": runs of consecutive working weekdays. */
export function weekdaysText(weekdays: readonly Weekday[]): string {
  const days = WEEKDAYS.map((d) => weekdays.includes(d));
  const runs: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!days[i] || days[i - 1]) continue;
    let end = i;
    while (days[end + 1]) end++;
    const [a, b] = [WEEKDAYS[i]!, WEEKDAYS[end]!];
    runs.push(end === i ? label(a) : `${label(a)}${end === i + 1 ? ', ' : '–'}${label(b)}`);
  }
  return runs.join(', ');
}

/** The calendar in words: "Mon–Fri, 3 holidays, cut-off 14:00 at DC-North". */
export function describeWorkingCalendar(calendar: WorkingCalendar): string {
  const n = calendar.holidays.length;
  const holidays = n === 0 ? 'no holidays' : `${n} ${n === 1 ? 'holiday' : 'holidays'}`;
  const sites = Object.entries(calendar.sites).map(([name, cut]) => `${cut} at ${name}`);
  let cutoff: string;
  if (calendar.cutoff && sites.length) cutoff = `cut-off ${calendar.cutoff} (${sites.join(', ')})`;
  else if (calendar.cutoff) cutoff = `cut-off ${calendar.cutoff}`;
  else if (sites.length) cutoff = `cut-off ${sites.join(', ')}, none elsewhere`;
  else cutoff = 'no cut-off';
  return `${weekdaysText(calendar.weekdays)}, ${holidays}, ${cutoff}`;
}

/** "mon-fri", "mon,wed,fri" or "mon-wed,sat" as weekdays; throws on anything else. */
export function parseWeekdays(text: string): Weekday[] {
  const out = new Set<Weekday>();
  const index = (d: string) => {
    const i = WEEKDAYS.indexOf(d.trim().toLowerCase().slice(0, 3) as Weekday);
    if (i < 0 || d.trim().length < 3) throw new Error(`"${d.trim()}" is not a weekday (mon … sun)`);
    return i;
  };
  for (const part of text.split(',').filter((p) => p.trim())) {
    const [from, to] = part.split(/[-–]/);
    const [a, b] = [index(from!), to === undefined ? index(from!) : index(to)];
    if (b < a) throw new Error(`"${part.trim()}" runs backwards: write it from Monday on`);
    for (let i = a; i <= b; i++) out.add(WEEKDAYS[i]!);
  }
  return WEEKDAYS.filter((d) => out.has(d));
}
