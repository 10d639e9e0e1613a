import { describe, expect, it } from 'vitest';
import { carriedReportOf, reportsSearchOf } from './carried';

describe('the report a subscription starts from', () => {
  it('carries the reports page’s filters, period, breakdown, comparison, KPIs and organisation', () => {
    const report = carriedReportOf({
      from: '2025-01-01',
      to: '2025-01-31',
      site: 'DC-North,DC-South',
      channel: ['web'],
      by: 'channel',
      compare: 'last_year',
      kpis: 'order_fill_rate, perfect_order_rate',
      org: ' Acme ',
      grain: 'week',
    });
    expect(report).toEqual({
      filters: {
        from: '2025-01-01',
        to: '2025-01-31',
        site: ['DC-North', 'DC-South'],
        channel: ['web'],
      },
      by: 'channel',
      compare: 'last_year',
      kpis: ['order_fill_rate', 'perfect_order_rate'],
      organisation: 'Acme',
      problems: [],
    });
    expect(reportsSearchOf(report)).toBe(
      '?from=2025-01-01&to=2025-01-31&site=DC-North%2CDC-South&channel=web&by=channel&compare=last_year&kpis=order_fill_rate%2Cperfect_order_rate&org=Acme',
    );
  });

  it('has no dates without them in the link: each delivery then reports the last complete month', () => {
    expect(carriedReportOf({})).toEqual({ filters: {}, problems: [] });
    expect(reportsSearchOf(carriedReportOf({}))).toBe('');
  });

  it('drops what it cannot read and says so', () => {
    const report = carriedReportOf({ from: '2025-13-45', kpis: 'DROP TABLE' });
    expect(report.filters).toEqual({});
    expect(report.kpis).toBeUndefined();
    expect(report.problems.length).toBeGreaterThan(0);
  });

  it('reads a comparison with both periods as the previous one, as the reports page does', () => {
    expect(carriedReportOf({ compare: 'both' }).compare).toBe('previous');
  });
});
