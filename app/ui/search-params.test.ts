import { describe, expect, it } from 'vitest';
import { kpiQueryFromSearchParams, searchStringOf } from './search-params';

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
