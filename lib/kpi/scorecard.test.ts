import { describe, expect, it } from 'vitest';
import { setTarget } from '@/lib/benchmarks/targets';
import { loadFixtureFiles, loadKpiFixture } from './kpi-test-helpers';
import { applicableTarget, scorecard } from './scorecard';

describe('scorecard', () => {
  it('gives the overall target status and each segment its own', async () => {
    const db = await loadKpiFixture();
    await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 40, atRiskWithin: 10 });
    await setTarget(db, {
      kpi: 'order_shipment_cycle_time',
      value: 24,
      dimension: 'site',
      segment: 'DC2',
    });
    const [overall] = await scorecard(db, {}, ['order_shipment_cycle_time']);
    // 46 h against 40 h (lower is better): 6 h short, within the 10 h at-risk margin.
    expect(overall!.target?.status).toBe('at_risk');
    const [bySite] = await scorecard(db, { by: 'site' }, ['order_shipment_cycle_time']);
    expect(bySite!.segmentTargets).toEqual([
      expect.objectContaining({ segment: 'DC2', status: 'on_track' }),
    ]);
    // Two sites are too few peers for quartiles: the engine says so instead of inventing them.
    expect(bySite!.internal?.quartiles).toBeNull();
    expect(bySite!.internal?.reason).toBeTruthy();
  });

  it('keeps the orders without a site apart: counted once, never a peer', async () => {
    // U1 at DC1 (24 h), U2 at DC2 (48 h), U3 and U4 with no site recorded (72 h each).
    const order = (id: string, site: string) =>
      `${id},2024-01-01 08:00:00,C1,web,${site},North,,,,,,,closed,10,EUR`;
    const shipment = (id: string, site: string, shipped: string) =>
      `S${id},${id},1,S1,1,${shipped},,DHL,standard,${site},false,false`;
    const db = await loadFixtureFiles({
      'orders.csv': [
        'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency',
        order('U1', 'DC1'),
        order('U2', 'DC2'),
        order('U3', ''),
        order('U4', ''),
      ],
      'order_lines.csv': [
        'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts',
        ...['U1', 'U2', 'U3', 'U4'].map((id) => `${id},1,S1,1,10,,,`),
      ],
      'shipments.csv': [
        'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
        shipment('U1', 'DC1', '2024-01-02 08:00:00'),
        shipment('U2', 'DC2', '2024-01-03 08:00:00'),
        shipment('U3', '', '2024-01-04 08:00:00'),
        shipment('U4', '', '2024-01-04 08:00:00'),
      ],
      'returns.csv': [
        'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
        'R1,U1,1,S1,1,2024-01-10 10:00:00,,CUST,customer_choice,10',
      ],
    });
    const [bySite] = await scorecard(db, { by: 'site', details: false }, [
      'order_shipment_cycle_time',
    ]);
    // The overall value keeps them: (24 + 48 + 72 + 72) ÷ 4 = 54 h.
    expect(bySite!.value).toBe(54);
    expect(bySite!.unrecorded).toEqual({ n: 2 });
    expect(bySite!.internal?.peers.map((p) => p.label).sort()).toEqual(['DC1', 'DC2']);
  });

  it.each([
    [
      'no dated target covers the range: the undated one applies',
      '2024-02-01',
      '2024-02-28',
      'undated',
    ],
    ['a dated target covering the range wins', '2024-01-01', '2024-01-31', 'january'],
  ])('%s', (_, from, to, expected) => {
    const base = {
      kpi: 'k',
      value: 1,
      atRiskWithin: 0,
      dimension: null,
      segment: null,
      createdAt: '',
    };
    const targets = [
      { ...base, id: 'undated', from: null, to: null },
      { ...base, id: 'january', from: '2024-01-01', to: '2024-01-31' },
      { ...base, id: 'site', from: null, to: null, dimension: 'site', segment: 'DC1' },
    ];
    expect(applicableTarget(targets, from, to)?.id).toBe(expected);
  });
});

describe('warming the first view', () => {
  it('computes the unfiltered scorecard in the background, so the first visitor is served from the cache', async () => {
    const { isCached } = await import('./compute');
    const { warmDefaultViews } = await import('./warm');
    const { homeScorecardQuery } = await import('./scorecard');
    const db = await loadKpiFixture();
    expect(await isCached(db, homeScorecardQuery)).toBe(false);
    await warmDefaultViews(db);
    expect(await isCached(db, homeScorecardQuery)).toBe(true);
    const entries = await scorecard(db, homeScorecardQuery);
    const cycle = entries.find((e) => e.id === 'order_shipment_cycle_time')!;
    expect(cycle.value).toBe(46); // (24 + 96 + 18) ÷ 3 h over A, B and C
    expect(cycle.series?.map((s) => s.period)).toEqual(['2024-01-01']);
  });

  it('then each KPI page: its trend by month and its breakdown by site, without filters', async () => {
    const { isCached } = await import('./compute');
    const { warmDefaultViews, defaultViewQueries } = await import('./warm');
    const { kpiTrendQuery, kpiBreakdownQuery } = await import('./scorecard');
    const db = await loadKpiFixture();
    const trend = kpiTrendQuery({}, 'month');
    const bySite = kpiBreakdownQuery({}, 'site');
    expect(await isCached(db, trend, ['order_fill_rate'])).toBe(false);
    await warmDefaultViews(db);
    for (const { query, ids } of defaultViewQueries())
      expect(await isCached(db, query, ids), JSON.stringify([query, ids])).toBe(true);
    expect(await isCached(db, trend, ['order_fill_rate'])).toBe(true);
    expect(await isCached(db, bySite, ['order_shipment_cycle_time'])).toBe(true);
    // The cycle time page's other breakdowns too.
    for (const by of ['carrier', 'channel', 'ship_mode'] as const)
      expect(await isCached(db, kpiBreakdownQuery({}, by), ['order_shipment_cycle_time'])).toBe(
        true,
      );
    expect(await isCached(db, kpiBreakdownQuery({}, 'carrier'), ['order_fill_rate'])).toBe(false);
    // Entered figures (orders per FTE, cost per order) have no trend of loaded orders to warm.
    expect(defaultViewQueries().some((q) => q.ids?.includes('orders_per_fte'))).toBe(false);
    // A filtered view is not warmed.
    expect(await isCached(db, kpiTrendQuery({ site: ['DC1'] }, 'month'), ['order_fill_rate'])).toBe(
      false,
    );
  });
});
