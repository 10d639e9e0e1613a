import { describe, expect, it } from 'vitest';
import { kpiQueryFromSearchParams, searchStringOf, searchStringKeeping } from './search-params';

describe('filter state in the URL', () => {
  it('reads lists, dates and options, and writes them back in a stable order', () => {
    const { query, problems } = kpiQueryFromSearchParams({
      site: 'DC-North,DC-South',
      ship_mode: ['express'],
      from: '2025-01-01',
      to: '2025-03-31',
      grain: 'month',
      compare: 'previous',
    });
    expect(problems).toEqual([]);
    expect(query.filters).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
      site: ['DC-North', 'DC-South'],
      ship_mode: ['express'],
    });
    expect(searchStringOf(query)).toBe(
      '?from=2025-01-01&to=2025-03-31&site=DC-North%2CDC-South&ship_mode=express&grain=month&compare=previous',
    );
  });

  it('an invalid URL falls back to no filters and says why', () => {
    const { query, problems } = kpiQueryFromSearchParams({ from: 'last week', grain: 'fortnight' });
    expect(query.filters).toEqual({});
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('searchStringKeeping', () => {
  it("replaces the query's keys and keeps the page's own, so a report's organisation survives a filter change", () => {
    const current = new URLSearchParams('site=DC-1&org=Acme%20%26%20Co&kpis=a,b&compare=previous');
    expect(searchStringKeeping({ filters: { site: ['DC-2'], from: '2025-01-01' } }, current)).toBe(
      '?from=2025-01-01&site=DC-2&org=Acme+%26+Co&kpis=a%2Cb',
    );
  });
});
