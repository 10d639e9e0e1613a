import { describe, expect, it } from 'vitest';
import { defaultReportPeriod } from './default-period';

describe('the default report period', () => {
  it('is the month before the one the data ends in', () => {
    expect(defaultReportPeriod('2024-03-15T12:00:00')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      grain: 'month',
    });
  });

  it('is the horizon month itself only when the data runs past its last day', () => {
    // Data to the last second of March 31 still leaves March 31 open (date-only data is strict).
    expect(defaultReportPeriod('2024-03-31T23:59:59')?.from).toBe('2024-02-01');
    expect(defaultReportPeriod('2024-04-01T00:00:01')).toEqual({
      from: '2024-03-01',
      to: '2024-03-31',
      grain: 'month',
    });
  });

  it('crosses a year boundary, and works in quarters', () => {
    expect(defaultReportPeriod('2025-01-10T00:00:00')).toEqual({
      from: '2024-12-01',
      to: '2024-12-31',
      grain: 'month',
    });
    expect(defaultReportPeriod('2025-02-10T00:00:00', 'quarter')).toEqual({
      from: '2024-10-01',
      to: '2024-12-31',
      grain: 'quarter',
    });
  });

  it('is null without data, or when the data starts after the last complete month', () => {
    expect(defaultReportPeriod(null)).toBeNull();
    expect(defaultReportPeriod('2024-01-04T00:00:00', 'month', '2024-01-01')).toBeNull();
    expect(defaultReportPeriod('2024-02-04T00:00:00', 'month', '2024-01-31 10:00:00')).toEqual({
      from: '2024-01-01',
      to: '2024-01-31',
      grain: 'month',
    });
  });
});
