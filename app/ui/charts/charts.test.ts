import { describe, expect, it } from 'vitest';
import { failureReason, timeReason } from '../kpi-pages/failure';
import { bandOf, chartBandSet } from './bands';
import { fillPeriods, yScale } from './scale';
import { countTicks, formatValue, periodLabel } from './units';

describe('band shapes', () => {
  it('names quartile areas as the placement does, best at the bottom for lower-is-better', () => {
    const set = chartBandSet(
      {
        id: 'q',
        source: 'Acme',
        edition: '2024',
        direction: 'lower',
        scheme: { type: 'quartiles', p25: 30, median: 42, p75: 60 },
      },
      ' h',
    );
    expect(set.areas).toEqual([
      { y1: 60, y2: null, label: 'Bottom quartile', rank: 4 },
      { y1: 42, y2: 60, label: 'Third quartile', rank: 3 },
      { y1: 30, y2: 42, label: 'Second quartile', rank: 2 },
      { y1: null, y2: 30, label: 'Top quartile', rank: 1 },
    ]);
    expect(bandOf(25, set)?.label).toBe('Top quartile');
    expect(bandOf(45, set)?.label).toBe('Third quartile');
    expect(set.description).toBe('Acme 2024: quartiles at 30 h, 42 h, 60 h.');
  });

  it('draws thresholds and a lone median as lines, a range as its inner bands', () => {
    const threshold = chartBandSet(
      {
        id: 't',
        source: 'WERC DC Measures',
        edition: '2020',
        direction: 'higher',
        scheme: { type: 'threshold', value: 99.7, label: 'Best-in-Class', comparison: '>' },
      },
      ' %',
    );
    expect(threshold.areas).toEqual([]);
    expect(threshold.lines).toEqual([{ y: 99.7, label: 'Best-in-Class > 99.7 %' }]);
    const median = chartBandSet(
      {
        id: 'm',
        source: 'APQC',
        edition: '2016',
        direction: 'higher',
        scheme: { type: 'quartiles', p25: null, median: 90, p75: null },
      },
      ' %',
    );
    expect(median.lines).toEqual([{ y: 90, label: 'Median 90 %' }]);
    const range = chartBandSet(
      {
        id: 'r',
        source: 'OpsDog',
        edition: '2017',
        direction: 'higher',
        scheme: { type: 'range', min: 75, max: 99, average: 89 },
      },
      ' %',
    );
    expect(range.areas.map((a) => [a.y1, a.y2, a.label])).toEqual([
      [75, 89, 'Worse than average'],
      [89, 99, 'Average or better'],
    ]);
    expect(range.bandCount).toBe(4);
  });
});

describe('trend scale', () => {
  it('fills missing periods and trims empty ends', () => {
    const filled = fillPeriods(
      [
        { period: '2025-01-01', value: null, n: 0 },
        { period: '2025-02-01', value: 5, n: 10 },
        { period: '2025-04-01', value: 6, n: 12 },
      ],
      'month',
    );
    expect(filled.map((p) => [p.period, p.value])).toEqual([
      ['2025-02-01', 5],
      ['2025-03-01', null],
      ['2025-04-01', 6],
    ]);
  });

  it('keeps percentages within 0–100 with round ticks', () => {
    const { domain, ticks } = yScale([97, 99.5, 99.7], 'percent');
    expect(domain[1]).toBeLessThanOrEqual(100);
    expect(domain[0]).toBeGreaterThan(90);
    expect(ticks[0]).toBe(domain[0]);
    expect(ticks.at(-1)).toBe(domain[1]);
    expect(countTicks(307)).toEqual([0, 100, 200, 300, 400]);
  });

  it('formats values and periods', () => {
    expect(formatValue(48.7077, 'hours')).toBe('48.7 h');
    expect(formatValue(5.04, 'days')).toBe('5.04 d');
    expect(formatValue(92.456, 'percent')).toBe('92.5 %');
    expect(formatValue(null, 'percent')).toBe('—');
    expect(periodLabel('2025-04-01', 'quarter')).toBe('Q2 2025');
    expect(periodLabel('2025-03-01', 'month')).toBe('Mar 2025');
  });
});

describe('failure explanations', () => {
  it('says how late, how short, and where a slow order’s time went', () => {
    expect(
      failureReason('on_time_shipment_rate', {
        final_ship_ts: '2025-03-05T10:00:00.000Z',
        promised_ship_ts: '2025-03-03T00:00:00.000Z',
      }),
    ).toBe('Shipped 2025-03-05, promised 2025-03-03 — 2 days late');
    expect(failureReason('order_fill_rate', { lines: 3, lines_filled_first: 1 })).toBe(
      '2 of 3 lines short on the first ship date',
    );
    expect(
      failureReason('perfect_order_rate', {
        delivered_ts: '2025-03-07T10:00:00.000Z',
        promised_delivery_ts: '2025-03-06T00:00:00.000Z',
        lines: 2,
        lines_filled_first: 2,
        damaged: true,
        documentation_error: false,
      }),
    ).toBe('Delivered 1 day late and damaged');
    expect(
      timeReason('order_shipment_cycle_time', {
        order_ts: '2025-01-01T08:00:00.000Z',
        released_ts: '2025-01-01T10:00:00.000Z',
        final_ship_ts: '2025-01-05T10:00:00.000Z',
        ship_dates: 2,
        lines: 4,
        lines_filled_first: 3,
      }),
    ).toBe(
      'Released after 2 h · 4 days release → final ship · 2 ship dates · 1/4 lines backordered',
    );
  });
});
