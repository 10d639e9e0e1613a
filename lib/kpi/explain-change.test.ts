import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderlensError } from '@/lib/errors';
import { explainChange, explainCycleStages } from './explain-change';
import { loadFixtureFiles } from './kpi-test-helpers';
import { decompose, type SegmentEffect } from './rate-mix';

/**
 * Order fill rate by site. Every order has one line of 2 units, ordered on the 10th at 08:00 and
 * shipped on the 11th: 2 units (filled first) or 1 (not). An empty site is "Not recorded".
 *
 * | period   | A        | B        | C (gone)  | D (new)  | not recorded | total         |
 * | 2023-02  | 1/2 50%  | 2/2 100% |           |          |              | 3/4   75%     |
 * | 2024-01  | 3/4 75%  | 1/2 50%  | 2/2 100%  |          | 1/2 50%      | 7/10  70%     |
 * | 2024-02  | 2/2 100% | 1/4 25%  |           | 1/2 50%  | 2/2 100%     | 6/10  60%     |
 */
const fillPlan: [month: string, site: string, filled: number, orders: number][] = [
  ['2023-02', 'A', 1, 2],
  ['2023-02', 'B', 2, 2],
  ['2024-01', 'A', 3, 4],
  ['2024-01', 'B', 1, 2],
  ['2024-01', 'C', 2, 2],
  ['2024-01', '', 1, 2],
  ['2024-02', 'A', 2, 2],
  ['2024-02', 'B', 1, 4],
  ['2024-02', 'D', 1, 2],
  ['2024-02', '', 2, 2],
];

const orderHeader =
  'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency';
const lineHeader =
  'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts';
const shipmentHeader =
  'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error';
// Every table needs a row to load; a return touches neither KPI.
const returns = [
  'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
  'R1,X1,1,S1,1,2024-03-20 10:00:00,,CUST,customer_choice,10',
];

function fillFiles() {
  const orders = [orderHeader];
  const lines = [lineHeader];
  const shipments = [shipmentHeader];
  let n = 0;
  for (const [month, site, filled, count] of fillPlan)
    for (let i = 0; i < count; i++) {
      const id = `X${++n}`;
      orders.push(`${id},${month}-10 08:00:00,C1,web,${site},North,,,,,,,closed,10,EUR`);
      lines.push(`${id},1,S1,2,10,,,`);
      const qty = i < filled ? 2 : 1;
      shipments.push(
        `S${id},${id},1,S1,${qty},${month}-11 08:00:00,,DHL,standard,${site},false,false`,
      );
    }
  return {
    'orders.csv': orders,
    'order_lines.csv': lines,
    'shipments.csv': shipments,
    'returns.csv': returns,
  };
}

const byName = (r: { segments: SegmentEffect[] }) =>
  Object.fromEntries(r.segments.map((s) => [s.segment, s]));

describe('why did it move: rate and mix by segment', () => {
  it('splits February against January, with a segment that appears and one that disappears', async () => {
    const db = await loadFixtureFiles(fillFiles());
    const r = await explainChange(db, 'order_fill_rate', {
      filters: { from: '2024-02-01', to: '2024-02-29' },
      by: 'site',
    });
    expect(r.previous).toEqual({ from: '2024-01-01', to: '2024-01-31', value: 70, n: 10 });
    expect(r.current).toEqual({ from: '2024-02-01', to: '2024-02-29', value: 60, n: 10 });
    expect(r.change).toBeCloseTo(-10, 9);
    const s = byName(r);
    // w₀: A .4, B .2, C .2, not recorded .2; w₁: A .2, B .4, D .2, not recorded .2.
    // A: rate .4·(100 − 75) = 10, mix (.2 − .4)·100 = −20.
    expect(s.A).toMatchObject({ previousShare: 0.4, currentShare: 0.2 });
    expect(s.A!.rateEffect).toBeCloseTo(10, 9);
    expect(s.A!.mixEffect).toBeCloseTo(-20, 9);
    // B: rate .2·(25 − 50) = −5, mix (.4 − .2)·25 = +5: its fall is hidden by its growth.
    expect(s.B!.rateEffect).toBeCloseTo(-5, 9);
    expect(s.B!.mixEffect).toBeCloseTo(5, 9);
    // C is gone: m₁ := m₀ = 100, w₁ = 0, so rate 0 and mix −.2·100 = −20.
    expect(s.C).toMatchObject({ currentShare: 0, previousValue: 100, currentValue: null });
    expect(s.C!.rateEffect).toBe(0);
    expect(s.C!.mixEffect).toBeCloseTo(-20, 9);
    // D is new: w₀ = 0, so rate 0 and mix .2·50 = +10.
    expect(s.D).toMatchObject({ previousShare: 0, previousValue: null, currentValue: 50 });
    expect(s.D!.rateEffect).toBe(0);
    expect(s.D!.mixEffect).toBeCloseTo(10, 9);
    // Not recorded: rate .2·(100 − 50) = +10, mix 0; kept in the sum, never a site.
    expect(s['Not recorded']).toMatchObject({ recorded: false });
    expect(s['Not recorded']!.rateEffect).toBeCloseTo(10, 9);
    expect(s['Not recorded']!.mixEffect).toBeCloseTo(0, 9);
    // Rate 10 − 5 + 10 = 15, mix −20 + 5 − 20 + 10 = −25: 15 − 25 = −10, the change.
    expect(r.rateEffect).toBeCloseTo(15, 9);
    expect(r.mixEffect).toBeCloseTo(-25, 9);
    // Ranked by |contribution|: C −20; A −10, D +10, not recorded +10 (by name); B 0.
    expect(r.segments.map((x) => x.segment)).toEqual(['C', 'A', 'D', 'Not recorded', 'B']);
  });

  it('compares with the same month a year earlier', async () => {
    const db = await loadFixtureFiles(fillFiles());
    const r = await explainChange(db, 'order_fill_rate', {
      filters: { from: '2024-02-01', to: '2024-02-29' },
      by: 'site',
      compare: 'last_year',
    });
    expect(r.previous).toEqual({ from: '2023-02-01', to: '2023-02-28', value: 75, n: 4 });
    expect(r.change).toBeCloseTo(-15, 9);
    const s = byName(r);
    // A: .5·(100 − 50) = 25 and (.2 − .5)·100 = −30; B: .5·(25 − 100) = −37.5 and (.4 − .5)·25
    // = −2.5; D new .2·50 = 10; not recorded new .2·100 = 20.
    expect([s.A!.rateEffect, s.A!.mixEffect]).toEqual([25, -30].map((v) => expect.closeTo(v, 9)));
    expect([s.B!.rateEffect, s.B!.mixEffect]).toEqual(
      [-37.5, -2.5].map((v) => expect.closeTo(v, 9)),
    );
    expect(s.D!.mixEffect).toBeCloseTo(10, 9);
    expect(s['Not recorded']!.mixEffect).toBeCloseTo(20, 9);
    // Rate 25 − 37.5 = −12.5, mix −30 − 2.5 + 10 + 20 = −2.5: together −15.
    expect(r.rateEffect).toBeCloseTo(-12.5, 9);
    expect(r.mixEffect).toBeCloseTo(-2.5, 9);
    expect(r.segments[0]!.segment).toBe('B');
  });

  it('refuses a product of rates, and a range without its end', async () => {
    const db = await loadFixtureFiles(fillFiles());
    const feb = { from: '2024-02-01', to: '2024-02-29' };
    const product = explainChange(db, 'perfect_order_index', { filters: feb, by: 'site' });
    await expect(product).rejects.toThrow(OrderlensError);
    await expect(product).rejects.toThrow(/product of rates, not a weighted mean/);
    await expect(
      explainChange(db, 'order_fill_rate', { filters: { from: '2024-02-01' }, by: 'site' }),
    ).rejects.toMatchObject({ code: 'bad_options' });
  });

  it('explains the last complete month when no range is asked, and says so', async () => {
    // The data ends with the return of 2024-03-20, so February is the last complete month.
    const db = await loadFixtureFiles(fillFiles());
    const r = await explainChange(db, 'order_fill_rate', { filters: {}, by: 'site' });
    expect(r).toMatchObject({ defaulted: true, current: { from: '2024-02-01', to: '2024-02-29' } });
    expect(r.change).toBeCloseTo(-10, 9);
  });

  it('adds up to the total change to floating precision, whatever the segments', () => {
    const period = fc.array(
      fc.record({
        segment: fc.constantFrom('A', 'B', 'C', 'D', null),
        value: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
        weight: fc.integer({ min: 0, max: 500 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    const unique = <T extends { segment: string | null }>(rows: T[]) =>
      rows.filter((r, i) => rows.findIndex((x) => x.segment === r.segment) === i);
    fc.assert(
      fc.property(period, period, (a, b) => {
        const split = decompose(unique(a), unique(b));
        if (split.change === null) return;
        const sum = split.segments.reduce((s, x) => s + x.rateEffect + x.mixEffect, 0);
        expect(sum).toBeCloseTo(split.change, 9);
        expect(split.rateEffect + split.mixEffect).toBeCloseTo(split.change, 9);
      }),
    );
  });
});

/**
 * Cycle time by stage (hours after the order, placed on the 10th at 08:00):
 *
 * | order | month | entry | release | ship | cycle |
 * | P1    | 01    | 1     | 3       | 20   | 24    |
 * | P2    | 01    | 3     | 5       | 40   | 48    |
 * | P3    | 02    | 1     | 9       | 14   | 24    |
 * | P4    | 02    | 1     | 1       | 22   | 24    |
 * | P5    | 02    | —     | —       | —    | 100   |  (no entry or release date: counted, not staged)
 *
 * January's stage means 2 + 4 + 30 = 36; February's 1 + 5 + 18 = 24 on P3 and P4: −12 h =
 * −1 (entry) + 1 (release) − 12 (pick, pack and ship).
 */
const at = (month: string, hours: number) =>
  new Date(Date.parse(`2024-${month}-10T08:00:00Z`) + hours * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
const staged: [id: string, month: string, entry: number | null, release: number, ship: number][] = [
  ['P1', '01', 1, 3, 20],
  ['P2', '01', 3, 5, 40],
  ['P3', '02', 1, 9, 14],
  ['P4', '02', 1, 1, 22],
  ['P5', '02', null, 0, 100],
];

function stageFiles() {
  return {
    'orders.csv': [
      orderHeader,
      ...staged.map(([id, m, entry, release]) => {
        const e = entry === null ? '' : at(m, entry);
        const r = entry === null ? '' : at(m, entry + release);
        return `${id},${at(m, 0)},C1,web,A,North,${e},${r},,,,,closed,10,EUR`;
      }),
    ],
    'order_lines.csv': [lineHeader, ...staged.map(([id]) => `${id},1,S1,1,10,,,`)],
    'shipments.csv': [
      shipmentHeader,
      ...staged.map(
        ([id, m, entry, release, ship]) =>
          `S${id},${id},1,S1,1,${at(m, (entry ?? 0) + release + ship)},,DHL,standard,A,false,false`,
      ),
    ],
    'returns.csv': returns,
  };
}

describe('why did it move: the cycle time by stage', () => {
  it('splits the change of the staged orders’ mean into the stage changes', async () => {
    const db = await loadFixtureFiles(stageFiles());
    const r = await explainCycleStages(db, { from: '2024-02-01', to: '2024-02-29' });
    expect(r.previous).toMatchObject({ from: '2024-01-01', value: 36, n: 2 });
    expect(r.current).toMatchObject({ from: '2024-02-01', value: 24, n: 2 });
    expect(r.change).toBeCloseTo(-12, 9);
    expect(r.stages.map((s) => [s.stage, s.previousHours, s.currentHours, s.change])).toEqual([
      ['entry', 2, 1, -1],
      ['release', 4, 5, 1],
      ['ship', 30, 18, -12],
    ]);
    expect(r.stages.reduce((s, x) => s + x.change!, 0)).toBeCloseTo(r.change!, 9);
  });
});
