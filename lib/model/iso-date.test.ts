import { describe, expect, it } from 'vitest';
import { isCalendarDate, isoDate } from './iso-date';

describe('calendar dates', () => {
  it('accepts real days, leap days included, and refuses the rest with a message', () => {
    for (const day of ['2025-01-01', '2024-02-29', '2025-12-31', '2000-02-29'])
      expect(isCalendarDate(day), day).toBe(true);
    for (const day of [
      '2025-02-30',
      '2025-13-01',
      '9999-99-99',
      '2023-02-29',
      '1900-02-29',
      '2025-00-10',
      '2025-04-31',
      '0000-01-01',
      '2025-1-1',
      '2025-01-01T00:00',
    ])
      expect(isCalendarDate(day), day).toBe(false);
    expect(isoDate.safeParse('2025-02-30').error?.issues[0]?.message).toBe(
      'a calendar date as YYYY-MM-DD (for example 2025-03-31)',
    );
  });
});
