import { describe, expect, it } from 'vitest';
import { computeKpis } from './compute';
import { loadFixtureFiles } from './kpi-test-helpers';

/**
 * Five orders placed 2024-01-01 08:00, all shipped complete, so the cycle time counts all five.
 *
 * | order | entered      | released     | final ship   | delivered    | entry | release | ship | cycle | delivery |
 * | P1    | 01-01 09:00  | 01-01 12:00  | 01-02 08:00  | 01-03 08:00  | 1     | 3       | 20   | 24    | 24       |
 * | P2    | 01-01 10:00  | 01-02 08:00  | 01-04 08:00  | not yet      | 2     | 22      | 48   | 72    | —        |
 * | P3    | 01-01 08:00  | 01-01 20:00  | 01-01 23:00  | 01-02 11:00  | 0     | 12      | 3    | 15    | 12       |
 * | P4    | not recorded | 01-01 10:00  | 01-03 08:00  | 01-04 08:00  | —     | —       | —    | 48    | —        |
 * | P5    | 01-01 12:00  | 01-01 10:00  | 01-02 08:00  | 01-02 20:00  | 4     | −2 (!)  | 22   | 24    | —        |
 *
 * P4 lacks its entry date and P5 was released before it was entered, so the stages rest on P1–P3.
 */
const header =
  'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency';
const order = (id: string, entered: string, released: string) =>
  `${id},2024-01-01 08:00:00,C1,web,DC1,North,${entered},${released},,,,,closed,10,EUR`;
const shipment = (id: string, shipped: string, delivered: string) =>
  `S${id},${id},1,S1,1,${shipped},${delivered},DHL,standard,DC1,false,false`;

const files = {
  'orders.csv': [
    header,
    order('P1', '2024-01-01 09:00:00', '2024-01-01 12:00:00'),
    order('P2', '2024-01-01 10:00:00', '2024-01-02 08:00:00'),
    order('P3', '2024-01-01 08:00:00', '2024-01-01 20:00:00'),
    order('P4', '', '2024-01-01 10:00:00'),
    order('P5', '2024-01-01 12:00:00', '2024-01-01 10:00:00'),
  ],
  'order_lines.csv': [
    'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts',
    ...['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => `${id},1,S1,1,10,,,`),
  ],
  'shipments.csv': [
    'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
    shipment('P1', '2024-01-02 08:00:00', '2024-01-03 08:00:00'),
    shipment('P2', '2024-01-04 08:00:00', ''),
    shipment('P3', '2024-01-01 23:00:00', '2024-01-02 11:00:00'),
    shipment('P4', '2024-01-03 08:00:00', '2024-01-04 08:00:00'),
    shipment('P5', '2024-01-02 08:00:00', '2024-01-02 20:00:00'),
  ],
  'returns.csv': [
    'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
    // Every table needs a row to load; a return does not touch the cycle time.
    'R1,P1,1,S1,1,2024-01-10 10:00:00,,CUST,customer_choice,10',
  ],
};

describe('where the cycle time goes', () => {
  it('measures every stage on the same orders, so the stage means add up to their mean cycle time', async () => {
    const db = await loadFixtureFiles(files);
    const [kpi] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    const stages = kpi!.stages!;
    // The KPI counts all five: (24 + 72 + 15 + 48 + 24) ÷ 5 = 36.6 h.
    expect(kpi!.value).toBeCloseTo(36.6, 9);
    expect(stages.counted).toBe(5);
    // The stages rest on P1, P2 and P3 only.
    expect(stages.orders).toBe(3);
    const mean = Object.fromEntries(stages.inCycle.map((s) => [s.stage, s.meanHours!]));
    expect(mean.entry).toBe(1); // (1 + 2 + 0) ÷ 3
    expect(mean.release).toBeCloseTo(37 / 3, 9); // (3 + 22 + 12) ÷ 3
    expect(mean.ship).toBeCloseTo(71 / 3, 9); // (20 + 48 + 3) ÷ 3
    // 1 + 37/3 + 71/3 = 37 = (24 + 72 + 15) ÷ 3, the mean cycle time of those three orders.
    expect(stages.cycleMeanHours).toBe(37);
    expect(mean.entry! + mean.release! + mean.ship!).toBeCloseTo(stages.cycleMeanHours!, 9);
    expect(stages.inCycle.every((s) => s.n === 3)).toBe(true);
  });

  it('gives medians beside the means, which do not add up', async () => {
    const db = await loadFixtureFiles(files);
    const [kpi] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    const stages = kpi!.stages!;
    const median = Object.fromEntries(stages.inCycle.map((s) => [s.stage, s.medianHours]));
    // entry {0, 1, 2} → 1; release {3, 12, 22} → 12; ship {3, 20, 48} → 20: 33 h stacked,
    // while the median cycle of {15, 24, 72} is 24 h.
    expect(median).toEqual({ entry: 1, release: 12, ship: 20 });
    expect(stages.cycleMedianHours).toBe(24);
  });

  it('measures delivery after the cycle ends, over the same orders that were delivered', async () => {
    const db = await loadFixtureFiles(files);
    const [kpi] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    // P1 24 h and P3 12 h; P2 is not delivered, P4 and P5 are not among the staged orders.
    expect(kpi!.stages!.delivery).toMatchObject({
      stage: 'delivery',
      meanHours: 18,
      medianHours: 18,
      n: 2,
    });
  });
});
