import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bandOf, chartBandSet } from './bands';
import { fillPeriods, yScale } from './scale';
import { TrendChart } from './trend-chart';
import { countTicks, formatKpiValue, periodLabel } from './units';

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
      'hours',
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
      'percent',
    );
    expect(threshold.areas).toEqual([]);
    expect(threshold.lines).toEqual([{ y: 99.7, label: 'Best-in-Class > 99.7%' }]);
    const median = chartBandSet(
      {
        id: 'm',
        source: 'APQC',
        edition: '2016',
        direction: 'higher',
        scheme: { type: 'quartiles', p25: null, median: 90, p75: null },
      },
      'percent',
    );
    expect(median.lines).toEqual([{ y: 90, label: 'Median 90%' }]);
    const range = chartBandSet(
      {
        id: 'r',
        source: 'OpsDog',
        edition: '2017',
        direction: 'higher',
        scheme: { type: 'range', min: 75, max: 99, average: 89 },
      },
      'percent',
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
    expect(formatKpiValue(48.7077, 'hours')).toBe('48.7 h');
    expect(formatKpiValue(5.04, 'days')).toBe('5.0 d');
    expect(formatKpiValue(92.456, 'percent')).toBe('92.5%');
    expect(formatKpiValue(null, 'percent')).toBe('—');
    expect(periodLabel('2025-04-01', 'quarter')).toBe('Q2 2025');
    expect(periodLabel('2025-03-01', 'month')).toBe('Mar 2025');
  });
});

describe('a trend whose last period is not over', () => {
  const chart = renderToStaticMarkup(
    createElement(TrendChart, {
      title: 'Order shipment cycle time',
      measure: 'order shipment cycle time',
      unit: 'hours',
      direction: 'lower',
      grain: 'month',
      points: [
        { period: '2024-01-01', value: 24, n: 1, partial: false, maturing: 0 },
        { period: '2024-02-01', value: 48, n: 1, partial: false, maturing: 0 },
        { period: '2024-03-01', value: 90, n: 2, partial: true, maturing: 1 },
      ],
    }),
  );
  const cells = (html: string) =>
    [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
    );

  it('says "partial" for that period in the table alternative, and "complete" for the others', () => {
    expect(cells(chart.slice(chart.indexOf('<table')))).toEqual([
      ['Period', 'Value', 'Orders', 'Period state'],
      ['Jan 2024', '24.0 h', '1', 'complete'],
      ['Feb 2024', '48.0 h', '1', 'complete'],
      ['Mar 2024', '90.0 h', '2', 'partial; 1 still open'],
    ]);
  });

  it('never names the partial period the worst; the summary says it is partial', () => {
    // March's 90 h would be the worst month; February's 48 h is the worst complete one.
    expect(chart).toContain(
      'Monthly order shipment cycle time went from 24.0 h (Jan 2024) to 48.0 h (Feb 2024); best 24.0 h in Jan 2024, worst 48.0 h in Feb 2024.',
    );
    expect(chart).toContain(
      'Mar 2024 is partial (not over in the data): 90.0 h so far, 1 still open.',
    );
    expect(chart).toContain('a period not over in the data');
  });
});
