import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bandOf, chartBandSet } from './bands';
import { BreakdownBars } from './breakdown-bars';
import { fillPeriods, yScale } from './scale';
import { StageBar } from './stage-bar';
import { TrendChart } from './trend-chart';
import { trendSummary } from './trend-text';
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

describe('a duration trend with its median and p90', () => {
  const chart = renderToStaticMarkup(
    createElement(TrendChart, {
      title: 'Cycle time by month',
      measure: 'mean cycle time',
      unit: 'hours',
      direction: 'lower',
      grain: 'month',
      percentiles: true,
      points: [
        { period: '2024-01-01', value: 30, n: 4, median: 24, p90: 60 },
        { period: '2024-03-01', value: 26, n: 5, median: 20, p90: 48 },
      ],
    }),
  );
  const table = chart.slice(chart.indexOf('<table'));
  const cells = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
  );

  it('lists the mean, p50 and p90 of every period in the table alternative', () => {
    expect(cells).toEqual([
      ['Period', 'Mean', 'Median (p50)', 'p90', 'Orders'],
      ['Jan 2024', '30.0 h', '24.0 h', '60.0 h', '4'],
      // February has no orders: a gap, not a zero.
      ['Feb 2024', '—', '—', '—', '0'],
      ['Mar 2024', '26.0 h', '20.0 h', '48.0 h', '5'],
    ]);
  });

  it('names both lines in the key and in the summary', () => {
    expect(chart).toContain('Median (p50), dotted');
    expect(chart).toContain('p90, long dashes');
    expect(chart).toContain(
      'The median (p50) went from 24.0 h to 20.0 h and the p90 from 60.0 h to 48.0 h between Jan 2024 and Mar 2024.',
    );
  });
});

describe('where the cycle time goes', () => {
  const stage = (
    s: 'entry' | 'release' | 'ship' | 'delivery',
    mean: number,
    median: number,
    n = 3,
  ) => ({
    stage: s,
    label: s,
    meanHours: mean,
    medianHours: median,
    n,
  });
  // The stages of lib/kpi/stages.test.ts: 1 + 37/3 + 71/3 = 37 h on three orders of five.
  const chart = renderToStaticMarkup(
    createElement(StageBar, {
      title: 'Mean hours per stage',
      stages: {
        counted: 5,
        orders: 3,
        cycleMeanHours: 37,
        cycleMedianHours: 24,
        inCycle: [stage('entry', 1, 1), stage('release', 37 / 3, 12), stage('ship', 71 / 3, 20)],
        delivery: stage('delivery', 18, 18, 2),
      },
    }),
  );

  it('adds the stage means up to the mean cycle time, and puts delivery after it', () => {
    expect(chart).toContain(
      'On the 3 of 5 orders counted that have every timestamp of the cycle: entry 1.0 h + release 12.3 h + pick, pack &amp; ship 23.7 h = 37.0 h, their mean cycle time. After the cycle ends at final shipment, delivery takes 18.0 h more on average (2 of them delivered).',
    );
    expect(chart).toContain('Final shipment: the cycle ends');
  });
});

describe('a tie as shown names no best or worst', () => {
  it('a trend at 0.0% in every month says so', () => {
    const text = trendSummary(
      [
        { period: '2024-01-01', value: 0, n: 40, partial: false },
        { period: '2024-02-01', value: 0.01, n: 38, partial: false },
      ],
      {
        measure: 'return rate',
        unit: 'percent',
        direction: 'lower',
        grain: 'month',
        target: null,
        bands: [],
      },
    );
    expect(text).toContain(
      'Monthly return rate went from 0.0% (Jan 2024) to 0.0% (Feb 2024); the same, 0.0%, in every period.',
    );
    expect(text).not.toContain('worst');
  });

  it('sites all at 100.0% are not ranked best and worst', () => {
    const html = renderToStaticMarkup(
      createElement(BreakdownBars, {
        title: 'Order fill rate by site',
        dimension: 'site',
        unit: 'percent',
        direction: 'higher',
        overall: 100,
        rows: [
          { label: 'DC1', value: 100, n: 30, quartile: null },
          { label: 'DC2', value: 99.99, n: 12, quartile: null },
        ],
      }),
    );
    expect(html).toContain('Every site with a value is at 100.0% (all: 100.0%).');
    expect(html).not.toContain('Best site');
  });
});
