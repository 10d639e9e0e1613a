import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import {
  calendarOfSetting,
  DEFAULT_WORKING_CALENDAR,
  describeWorkingCalendar,
  MAX_HOLIDAYS,
  parseWeekdays,
  readWorkingCalendar,
  setWorkingCalendar,
  workingCalendarSchema,
} from './working-calendar';

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

const valid = { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] };

describe('the working calendar setting', () => {
  it('is Mon–Fri without holidays or cut-off until set, then what was set, in order', async () => {
    expect(await readWorkingCalendar(db)).toEqual(DEFAULT_WORKING_CALENDAR);
    const set = await setWorkingCalendar(
      db,
      {
        weekdays: ['fri', 'mon', 'tue', 'wed', 'thu', 'mon'],
        holidays: ['2026-12-26', '2026-12-25', '2026-12-25'],
        cutoff: '15:30',
        sites: { ' DC-North ': '14:00' },
      },
      'ana',
    );
    expect(set).toEqual({
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: ['2026-12-25', '2026-12-26'],
      cutoff: '15:30',
      sites: { 'DC-North': '14:00' },
    });
    expect(await readWorkingCalendar(db)).toEqual(set);
    const [row] = await db.all<{ updated_by: string }>(
      "SELECT updated_by FROM app_settings WHERE key = 'calendar.working'",
    );
    expect(row?.updated_by).toBe('ana');
  });

  it.each([
    [{ ...valid, cutoff: '24:00' }, 'cutoff'],
    [{ ...valid, cutoff: '9:00' }, 'cutoff'],
    [{ ...valid, holidays: ['2026-02-30'] }, 'holidays.0'],
    [{ ...valid, holidays: ['25/12/2026'] }, 'holidays.0'],
    [{ ...valid, sites: { 'DC-North': '2pm' } }, 'sites.DC-North'],
    [{ weekdays: [] }, 'weekdays'],
    [{ weekdays: ['monday'] }, 'weekdays.0'],
    [{ ...valid, extra: 1 }, ''],
  ])('refuses %j at %s, and keeps what was stored', async (input, path) => {
    const error = await setWorkingCalendar(db, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join('.'))).toContain(path);
    expect(await readWorkingCalendar(db)).toEqual(DEFAULT_WORKING_CALENDAR);
  });

  it(`keeps at most ${MAX_HOLIDAYS} holidays`, () => {
    const days = Array.from({ length: MAX_HOLIDAYS + 1 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    expect(workingCalendarSchema.safeParse({ ...valid, holidays: days }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ ...valid, holidays: days.slice(1) }).success).toBe(
      true,
    );
  });

  it('reads a stored value that no longer parses as the default', () => {
    expect(calendarOfSetting('{not json')).toEqual(DEFAULT_WORKING_CALENDAR);
    expect(calendarOfSetting('{"weekdays":[]}')).toEqual(DEFAULT_WORKING_CALENDAR);
  });
});

describe('the calendar in words', () => {
  it.each([
    [DEFAULT_WORKING_CALENDAR, 'Mon–Fri, no holidays, no cut-off'],
    [
      {
        ...valid,
        holidays: ['2026-12-24', '2026-12-25', '2026-12-31'],
        sites: { 'DC-North': '14:00' },
      },
      'Mon–Fri, 3 holidays, cut-off 14:00 at DC-North, none elsewhere',
    ],
    [
      { weekdays: ['mon', 'tue', 'wed', 'fri', 'sat'], holidays: ['2026-12-25'], cutoff: '16:00' },
      'Mon–Wed, Fri, Sat, 1 holiday, cut-off 16:00',
    ],
    [
      { weekdays: ['sun'], cutoff: '16:00', sites: { A: '12:00', B: '13:00' } },
      'Sun, no holidays, cut-off 16:00 (12:00 at A, 13:00 at B)',
    ],
  ])('%j reads "%s"', (input, text) => {
    expect(describeWorkingCalendar(workingCalendarSchema.parse(input))).toBe(text);
  });

  it.each([
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['Mon–Wed,sat', ['mon', 'tue', 'wed', 'sat']],
    ['sun,mon', ['mon', 'sun']],
  ])('parses weekdays "%s"', (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });

  it.each(['fri-mon', 'mo', 'funday', ''])('refuses weekdays "%s"', (text) => {
    if (text === '') expect(parseWeekdays(text)).toEqual([]);
    else expect(() => parseWeekdays(text)).toThrow();
  });
});
