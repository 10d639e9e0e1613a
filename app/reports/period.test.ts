import { describe, expect, it } from 'vitest';
import { reportPeriodOf } from './period';

const span = { first: '2023-01-05', last: '2024-03-14' };
const horizon = '2024-03-15T12:00:00';

describe('the report page’s period', () => {
  it('opens on the last complete month, and offers it, the last complete quarter and all data', () => {
    expect(reportPeriodOf({}, horizon, span)).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      source: 'default',
      presets: [
        { id: 'month', label: 'Last complete month', from: '2024-02-01', to: '2024-02-29' },
        { id: 'quarter', label: 'Last complete quarter', from: '2023-10-01', to: '2023-12-31' },
        { id: 'all', label: 'All data', from: '2023-01-05', to: '2024-03-14' },
      ],
    });
  });

  it('shows the dates of the URL, even one of them alone', () => {
    expect(reportPeriodOf({ from: '2023-06-01', to: '2023-06-30' }, horizon, span)).toMatchObject({
      from: '2023-06-01',
      to: '2023-06-30',
      source: 'url',
    });
    expect(reportPeriodOf({ from: '2024-01-01' }, horizon, span)).toMatchObject({
      from: '2024-01-01',
      to: undefined,
      source: 'url',
    });
  });

  it('falls back to all data, with explicit dates, while the data holds no complete month', () => {
    // March is not over, and February ends before the first order.
    const young = { first: '2024-03-05', last: '2024-03-14' };
    expect(reportPeriodOf({}, horizon, young)).toEqual({
      from: '2024-03-05',
      to: '2024-03-14',
      source: 'all_data',
      presets: [{ id: 'all', label: 'All data', from: '2024-03-05', to: '2024-03-14' }],
    });
    // A month the data starts in part-way counts: its orders are all there from the first one on.
    expect(reportPeriodOf({}, '2024-04-02T08:00:00', young)).toMatchObject({
      from: '2024-03-01',
      to: '2024-03-31',
      source: 'default',
    });
  });

  it('has nothing to offer but all data without data', () => {
    expect(reportPeriodOf({}, null, { first: null, last: null })).toEqual({
      from: undefined,
      to: undefined,
      source: 'all_data',
      presets: [{ id: 'all', label: 'All data' }],
    });
  });
});
