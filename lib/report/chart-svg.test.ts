import { describe, expect, it } from 'vitest';
import type { ChartBandSet } from '@/lib/benchmarks/chart-bands';
import { bulletChartSvg, bulletScale, hasBullet, trendChartSvg } from './chart-svg';
import type { ReportKpi, ReportPoint } from './types';

const quartiles: ChartBandSet = {
  id: 'q',
  title: 'Test Survey 2024',
  bandCount: 4,
  areas: [
    { y1: null, y2: 90, label: 'Bottom quartile', rank: 4 },
    { y1: 90, y2: 94, label: 'Third quartile', rank: 3 },
    { y1: 94, y2: 97, label: 'Second quartile', rank: 2 },
    { y1: 97, y2: null, label: 'Top quartile', rank: 1 },
  ],
  lines: [{ y: 95.5, label: 'Median 95.5%' }],
  description: 'Test Survey 2024: quartiles at 90%, 94%, 97%.',
};

const point = (period: string, value: number | null, partial = false): ReportPoint => ({
  period,
  label: period.slice(5, 7),
  value,
  n: 10,
  partial,
});

function kpi(overrides: Partial<ReportKpi> = {}): ReportKpi {
  return {
    id: 'order_fill_rate',
    name: 'Order fill rate',
    unit: 'percent',
    unitLabel: '%',
    direction: 'higher',
    definition: 'Orders shipped complete ÷ orders shipped.',
    standard: 'Test',
    variant: 'order level',
    asOf: 'ship date',
    needs: [],
    available: true,
    unavailableReason: null,
    value: 92.5,
    formatted: '92.5%',
    numerator: null,
    denominator: null,
    placements: [],
    basis: 'measured',
    basisNotes: [],
    notPlacedText: null,
    band: 'Third quartile',
    percentile: null,
    target: { value: 95, formatted: '95.0%', status: 'off_track' },
    change: null,
    trend: {
      grain: 'month',
      points: [point('2024-01-01', 91), point('2024-02-01', 92.5), point('2024-03-01', 93, true)],
    },
    chartBands: quartiles,
    breakdown: { dimension: 'site', label: 'Site', segments: [] },
    coverage: { counted: 10, countWord: 'orders', excluded: [] },
    status: { colour: 'red', against: 'target', label: 'Off track' },
    movement: null,
    driver: null,
    context: '',
    section: true,
    ...overrides,
  };
}

/** The x of every rect's left edge and its width and fill, in document order. */
const rects = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="([^"]+)"/g,
    ),
  ].map((m) => ({ x: Number(m[1]), width: Number(m[2]), fill: m[3] }));

describe('the bullet chart', () => {
  const width = 200;
  const svg = bulletChartSvg(kpi(), width, 20);
  const [lo, hi] = bulletScale(kpi()).domain;
  // The track runs between the two label gutters (15 % of the width each side).
  const x = (v: number) => 30 + ((v - lo) / (hi - lo)) * 140;

  it('scales over the value, target and band edges, never past 100 %', () => {
    expect([lo, hi]).toEqual([88, 98]);
    expect(bulletScale(kpi()).labels).toEqual(['88%', '98%']);
    expect(svg).toContain('>88%</text>');
    expect(svg).toContain('>98%</text>');
    const high = kpi({ value: 99.2, target: { value: 99.9, formatted: '99.9%', status: null } });
    expect(bulletScale(high).domain[1]).toBe(100);
  });

  it('shades each band grey, the best lightest, from its edge to the next', () => {
    const bands = rects(svg).slice(1, 5);
    expect(bands.map((b) => b.fill)).toEqual(['#a9a9a9', '#bababa', '#dcdcdc', '#ececec']);
    expect(bands[1]!.x).toBeCloseTo(x(90), 1);
    expect(bands[1]!.width).toBeCloseTo(x(94) - x(90), 1);
    expect(bands[3]!.x + bands[3]!.width).toBeCloseTo(170, 1);
  });

  it('draws the target as a tick and, on a scale cut above zero, the value as a dot', () => {
    const [target, value] = rects(svg).slice(5);
    expect(target!.fill).toBe('#1a1a1a');
    expect(target!.x + target!.width / 2).toBeCloseTo(x(95), 1);
    // 88–98 % does not start at zero: a bar's length would overstate the gap, so no bar.
    expect(value).toBeUndefined();
    expect(svg).toContain(
      `<circle cx="${x(92.5).toFixed(2)}" cy="10.00" r="3.52" fill="#1f4e8c"/>`,
    );
    expect(svg).toMatch(new RegExp(`<line x1="${x(95.5).toFixed(2)}"`));
  });

  it('draws the value as a bar from zero when the scale starts there', () => {
    // 10 h against a 40 h target: the scale runs 0–50 h, so the bar's length is the value.
    const hours = kpi({
      unit: 'hours',
      value: 10,
      target: { value: 40, formatted: '40.0 h', status: null },
      chartBands: null,
    });
    expect(bulletScale(hours).domain).toEqual([0, 50]);
    const bar = rects(bulletChartSvg(hours, width, 20)).find((r) => r.fill === '#1f4e8c')!;
    expect(bar.x).toBeCloseTo(30, 1);
    expect(bar.x + bar.width).toBeCloseTo(30 + (10 / 50) * 140, 1);
  });

  it('is only drawn with a target or band to compare with', () => {
    expect(hasBullet(kpi())).toBe(true);
    expect(hasBullet(kpi({ target: null, chartBands: null }))).toBe(false);
    expect(hasBullet(kpi({ value: null }))).toBe(false);
  });
});

describe('the trend chart', () => {
  it('dashes the partial period to a hollow dot labelled partial', () => {
    const svg = trendChartSvg(kpi());
    expect(svg).toContain('>Order fill rate: 92.5% · Third quartile</text>');
    expect(svg).toMatch(
      /<polyline points="[^"]+" fill="none" stroke="#1f4e8c" stroke-width="2.2" stroke-dasharray="6 4"\/>/,
    );
    expect(svg).toContain('>partial</text>');
    expect(svg).toContain('>Target 95.0%</text>');
  });

  it('drops its title for the PDF, whose section heading names the KPI', () => {
    const svg = trendChartSvg(kpi(), { height: 280, title: false });
    expect(svg).toContain('viewBox="0 0 960 280"');
    expect(svg).not.toContain('Order fill rate: 92.5%');
  });

  it('is a value card, never an empty plot, when the trend has no values', () => {
    const empty = kpi({ trend: { grain: 'day', points: [point('2024-01-01', null)] } });
    const svg = trendChartSvg(empty);
    expect(svg).not.toMatch(/No values/i);
    expect(svg).toContain('>Order fill rate: 92.5% · Third quartile</text>');
    expect(svg).toContain(
      '>No daily values to draw a trend: the value covers the whole period.</text>',
    );
    expect(svg).toContain('>Status: Off track</text>');
    expect(svg).toContain('black tick: target 95.0%');
  });

  it('says why a KPI without data has no chart', () => {
    const missing = kpi({
      available: false,
      value: null,
      formatted: 'Unavailable',
      unavailableReason: 'no cost figures entered',
      trend: { grain: 'month', points: [] },
    });
    expect(trendChartSvg(missing)).toContain('>No value: no cost figures entered</text>');
  });
});
