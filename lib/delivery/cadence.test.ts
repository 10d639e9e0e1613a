import { describe, expect, it } from 'vitest';
import {
  describeCadence,
  formatCadence,
  InvalidCadenceError,
  nextRunAfter,
  parseCadence,
} from './cadence';

/** The next run after an instant, as an ISO instant in UTC. */
const next = (cadence: string, zone: string, after: string) =>
  nextRunAfter(parseCadence(cadence), zone, new Date(after)).toISOString();

describe('parseCadence', () => {
  it.each([
    ['daily 07:00', 'daily 07:00'],
    ['  Weekly   MON 7:05 ', 'weekly mon 07:05'],
    ['weekly sunday 23:59', 'weekly sun 23:59'],
    ['monthly 1 07:00', 'monthly 1 07:00'],
    ['monthly 31 18:30', 'monthly 31 18:30'],
    ['monthly first-working-day 07:00', 'monthly first-working-day 07:00'],
  ])('reads %j as %j', (text, canonical) => {
    expect(formatCadence(parseCadence(text))).toBe(canonical);
  });

  it.each([
    'hourly 07:00',
    'weekly 07:00',
    'weekly mon',
    'weekly funday 07:00',
    'monthly 0 07:00',
    'monthly 32 07:00',
    'daily 24:00',
    'daily 7',
    'monthly last 07:00',
    '',
  ])('refuses %j with the forms it takes', (text) => {
    expect(() => parseCadence(text)).toThrow(InvalidCadenceError);
    expect(() => parseCadence(text)).toThrow(/daily 07:00, weekly mon 07:00/);
  });

  it('says the cadence in words with its zone', () => {
    expect(describeCadence(parseCadence('weekly mon 07:00'), 'Europe/Berlin')).toBe(
      'every Monday at 07:00 (Europe/Berlin)',
    );
    expect(describeCadence(parseCadence('monthly first-working-day 06:30'), 'UTC')).toBe(
      'on the first working day (Monday to Friday) of every month at 06:30 (UTC)',
    );
    expect(describeCadence(parseCadence('monthly 31 07:00'), 'UTC')).toBe(
      'on day 31 of every month (or its last day) at 07:00 (UTC)',
    );
  });
});

describe('nextRunAfter in Europe/Berlin', () => {
  const berlin = 'Europe/Berlin';

  it('runs weekly at 07:00 local: 06:00 UTC in winter, 05:00 UTC in summer', () => {
    // The clocks go forward on Sunday 2024-03-31: Monday 03-25 is winter time (UTC+1), 04-01 summer
    // time (UTC+2).
    expect(next('weekly mon 07:00', berlin, '2024-03-20T12:00:00Z')).toBe(
      '2024-03-25T06:00:00.000Z',
    );
    expect(next('weekly mon 07:00', berlin, '2024-03-25T06:00:00Z')).toBe(
      '2024-04-01T05:00:00.000Z',
    );
    // Back to winter time on Sunday 2024-10-27.
    expect(next('weekly mon 07:00', berlin, '2024-10-22T00:00:00Z')).toBe(
      '2024-10-28T06:00:00.000Z',
    );
  });

  it('runs later the same day when the time has not come yet, the next day when it has', () => {
    expect(next('daily 07:00', berlin, '2024-06-10T04:59:00Z')).toBe('2024-06-10T05:00:00.000Z');
    expect(next('daily 07:00', berlin, '2024-06-10T05:00:00Z')).toBe('2024-06-11T05:00:00.000Z');
  });

  it('keeps 07:00 local across the spring-forward night, and runs a skipped 02:30 at 03:30', () => {
    expect(next('daily 07:00', berlin, '2024-03-30T07:00:00Z')).toBe('2024-03-31T05:00:00.000Z');
    // 02:30 does not exist on 2024-03-31 in Berlin: luxon moves it on by the hour skipped.
    expect(next('daily 02:30', berlin, '2024-03-30T12:00:00Z')).toBe('2024-03-31T01:30:00.000Z');
    expect(next('daily 02:30', berlin, '2024-03-31T01:30:00Z')).toBe('2024-04-01T00:30:00.000Z');
  });

  it('runs a twice-occurring 02:30 once, in the autumn night', () => {
    const first = next('daily 02:30', berlin, '2024-10-26T12:00:00Z');
    // 02:30 comes twice on 2024-10-27 (at 00:30 and 01:30 UTC): luxon takes the second (winter
    // time), so the run after it is the next day's and the slot is not sent twice.
    expect(first).toBe('2024-10-27T01:30:00.000Z');
    expect(next('daily 02:30', berlin, first)).toBe('2024-10-28T01:30:00.000Z');
    expect(next('daily 02:30', berlin, '2024-10-27T00:30:00Z')).toBe('2024-10-27T01:30:00.000Z');
  });

  it('runs monthly on a day, on the last day of a shorter month for day 31', () => {
    expect(next('monthly 1 07:00', berlin, '2024-01-15T00:00:00Z')).toBe(
      '2024-02-01T06:00:00.000Z',
    );
    expect(next('monthly 31 07:00', berlin, '2024-02-01T00:00:00Z')).toBe(
      '2024-02-29T06:00:00.000Z',
    );
    expect(next('monthly 31 07:00', berlin, '2024-04-01T00:00:00Z')).toBe(
      '2024-04-30T05:00:00.000Z',
    );
  });

  it('runs on the first working day of the month, Monday to Friday', () => {
    // June 2024 begins on a Saturday: Monday the 3rd. September 2024 on a Sunday: Monday the 2nd.
    expect(next('monthly first-working-day 07:00', berlin, '2024-05-15T00:00:00Z')).toBe(
      '2024-06-03T05:00:00.000Z',
    );
    expect(next('monthly first-working-day 07:00', berlin, '2024-06-03T05:00:00Z')).toBe(
      '2024-07-01T05:00:00.000Z',
    );
    expect(next('monthly first-working-day 07:00', berlin, '2024-08-10T00:00:00Z')).toBe(
      '2024-09-02T05:00:00.000Z',
    );
  });
});

describe('nextRunAfter in America/New_York', () => {
  const newYork = 'America/New_York';

  it('moves with US daylight time, which starts two weeks before Europe’s', () => {
    // EST (UTC−5) until Sunday 2024-03-10, EDT (UTC−4) after.
    expect(next('weekly mon 07:00', newYork, '2024-03-01T00:00:00Z')).toBe(
      '2024-03-04T12:00:00.000Z',
    );
    expect(next('weekly mon 07:00', newYork, '2024-03-04T12:00:00Z')).toBe(
      '2024-03-11T11:00:00.000Z',
    );
    // Back to EST on Sunday 2024-11-03.
    expect(next('daily 07:00', newYork, '2024-11-02T11:00:00Z')).toBe('2024-11-03T12:00:00.000Z');
  });

  it('counts the day in New York, not in UTC', () => {
    // 02:00 UTC on Tuesday is still Monday evening in New York: Monday's 22:00 has not come yet.
    expect(next('weekly mon 22:00', newYork, '2024-06-11T01:00:00Z')).toBe(
      '2024-06-11T02:00:00.000Z',
    );
  });

  it('finds the first working day when the month starts on a weekend', () => {
    // December 2024 begins on a Sunday in New York.
    expect(next('monthly first-working-day 07:00', newYork, '2024-11-05T00:00:00Z')).toBe(
      '2024-12-02T12:00:00.000Z',
    );
  });
});
