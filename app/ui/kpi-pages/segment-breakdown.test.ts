import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { breakdownRows } from './breakdown-rows';
import { SegmentBreakdown } from './segment-breakdown';

/** The cycle time by site: DC1 24 h (30 orders), DC2 48 h (25), and 120 orders with no site. */
const bySite = {
  id: 'order_shipment_cycle_time',
  value: 50,
  series: [
    { segment: 'DC1', value: 24, n: 30, numerator: null, denominator: null, excluded: [] },
    { segment: null, value: 60, n: 120, numerator: null, denominator: null, excluded: [] },
    { segment: 'DC2', value: 48, n: 25, numerator: null, denominator: null, excluded: [] },
  ],
  internal: {
    quartiles: null,
    counted: 2,
    reason: '2 peers with a value; quartiles need 4',
    peers: [
      {
        label: 'DC1',
        value: 24,
        n: 30,
        quartile: null,
        estimatedPercentile: null,
        gapToNext: null,
        excluded: null,
      },
      {
        label: 'DC2',
        value: 48,
        n: 25,
        quartile: null,
        estimatedPercentile: null,
        gapToNext: null,
        excluded: null,
      },
    ],
  },
  unrecorded: { n: 120 },
} as unknown as ScorecardEntry;

const render = (filters: Record<string, string[]>, entry = bySite) =>
  renderToStaticMarkup(
    createElement(SegmentBreakdown, {
      entry,
      by: 'site',
      filters,
      title: 'Cycle time by site',
      unit: 'hours',
      direction: 'lower',
      overall: entry.value,
    }),
  );

describe('a breakdown with rows that have no site', () => {
  it('gives them no bar and no rank: they are no site', () => {
    expect(breakdownRows(bySite).map((r) => r.label)).toEqual(['DC1', 'DC2']);
    const html = render({});
    expect(html).not.toContain('not recorded');
    // The worst site is DC2, not the 60 h of the orders without one.
    expect(html).toContain('Best site: DC1 at 24.0 h; worst: DC2 at 48.0 h (all: 50.0 h).');
  });

  it('counts them once, under the chart', () => {
    const html = render({});
    expect(html.match(/120 orders have no site recorded/g)).toHaveLength(1);
  });
});

describe('a breakdown under a filter on its own dimension', () => {
  const dc1 = {
    ...bySite,
    series: [bySite.series![0]!],
    internal: { ...bySite.internal!, peers: [bySite.internal!.peers[0]!] },
    unrecorded: null,
  } as ScorecardEntry;

  it('says why there is no chart instead of drawing one bar', () => {
    const html = render({ site: ['DC1'] }, dc1);
    expect(html).not.toContain('<figure');
    expect(html).toContain(
      'Filtered to site DC1, so a breakdown by site would be a single bar repeating the value of all orders.',
    );
  });

  it('still draws the breakdown when the filter is on another dimension', () => {
    expect(render({ carrier: ['DHL'] }, dc1)).toContain('<figure');
  });
});
