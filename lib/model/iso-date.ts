/**
 * A calendar date as YYYY-MM-DD, checked as a date and not only as a shape: 2025-02-30, 2025-13-01
 * and 9999-99-99 are refused here with a message, rather than reaching DuckDB as a failing cast.
 * Pure, so that forms in the browser can use it too.
 */
import { z } from 'zod';

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const isoDate = z
  .string()
  .refine(isCalendarDate, 'a calendar date as YYYY-MM-DD (for example 2025-03-31)');
