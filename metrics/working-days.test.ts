/**
 * The working-day cycle time on a hand-made week around Christmas 2026, every value worked out
 * here. December 2026: Fri 18, Sat 19, Sun 20, Mon 21 … Thu 24, Fri 25 (the holiday), Sat 26,
 * Sun 27, Mon 28, Tue 29. The calendar: Mon–Fri, holiday 2026-12-25, cut-off 14:00 at DC-North,
 * no cut-off elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { computeKpis } from '@/lib/kpi/compute';
import { loadFixtureFiles } from '@/lib/kpi/kpi-test-helpers';
import {
  DEFAULT_WORKING_CALENDAR,
  readWorkingCalendar,
  setWorkingCalendar,
} from '@/lib/settings/working-calendar';

const KPI = 'order_shipment_cycle_time_working_days';

// order, ordered, order's site ('' = the shipment's), shipped, shipment's site
const ORDERS: [string, string, string, string, string][] = [
  ['W1', '2026-12-18 15:00:00', 'DC-North', '2026-12-21 10:00:00', 'DC-North'],
  ['W2', '2026-12-18 15:00:00', 'DC-North', '2026-12-22 10:00:00', 'DC-North'],
  ['W3', '2026-12-18 13:00:00', 'DC-North', '2026-12-21 10:00:00', 'DC-North'],
  ['W4', '2026-12-23 15:00:00', '', '2026-12-28 10:00:00', 'DC-North'],
  ['W5', '2026-12-24 18:00:00', 'DC-South', '2026-12-29 10:00:00', 'DC-South'],
  ['W6', '2026-12-23 14:00:00', 'DC-North', '2026-12-26 10:00:00', 'DC-North'],
  ['W7', '2026-12-19 10:00:00', 'DC-North', '2026-12-21 16:00:00', 'DC-North'],
  ['W8', '2026-12-21 15:00:00', 'DC-North', '2026-12-21 17:00:00', 'DC-North'],
];

// Delivered (only these orders are delivered in full): Tue 22, Sun 27, Wed 23, Tue 29.
const DELIVERED: Record<string, string> = {
  W1: '2026-12-22 10:00:00',
  W2: '2026-12-27 11:00:00',
  W3: '2026-12-23 09:00:00',
  W4: '2026-12-29 16:00:00',
};

const files = {
  'orders.csv': [
    'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency',
    ...ORDERS.map(([id, at, site]) => `${id},${at},C1,web,${site},North,,,,,,,closed,10,EUR`),
  ],
  'order_lines.csv': [
    'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts',
    ...ORDERS.map(([id]) => `${id},1,S1,1,10,,,`),
  ],
  'shipments.csv': [
    'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
    ...ORDERS.map(
      ([id, , , shipped, site]) =>
        `S${id},${id},1,S1,1,${shipped},${DELIVERED[id] ?? ''},DHL,standard,${site},false,false`,
    ),
  ],
  'returns.csv': [
    'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
    'R1,W1,1,S1,1,2026-12-29 10:00:00,,CUST,customer_choice,10',
  ],
};

const CALENDAR = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: ['2026-12-25'],
  cutoff: null,
  sites: { 'DC-North': '14:00' },
};

let db: Database;
beforeAll(async () => {
  db = await loadFixtureFiles(files);
});

async function perOrder(): Promise<Record<string, number | null>> {
  const rows = await db.read<{ order_id: string; d: number | null }>(
    'SELECT order_id, working_days_to_final_ship AS d FROM kpi_order_facts ORDER BY order_id',
  );
  return Object.fromEntries(rows.map((r) => [r.order_id, r.d]));
}

const kpi = async () => (await computeKpis(db, {}, [KPI]))[0]!;

describe('working-day cycle time', () => {
  it('counts on Mon–Fri with no holidays and no cut-off until a calendar is set', async () => {
    expect(await readWorkingCalendar(db)).toEqual(DEFAULT_WORKING_CALENDAR);
    // Without a cut-off every order counts from its own day (W7's Saturday: from Monday).
    // 1 + 2 + 1 + 3 + 3 + 3 + 0 + 0 = 13 working days over 8 orders.
    expect(await perOrder()).toEqual({
      W1: 1, // Fri 18 → Mon 21: the weekend is not counted
      W2: 2, // Fri 18 → Tue 22
      W3: 1, // Fri 18 → Mon 21
      W4: 3, // Wed 23 → Mon 28: Thu 24, Fri 25 (no holiday yet), Mon 28
      W5: 3, // Thu 24 → Tue 29: Fri 25, Mon 28, Tue 29
      W6: 3, // Wed 23 → Sat 26, counted as Mon 28: Thu 24, Fri 25, Mon 28
      W7: 0, // Sat 19 (counts from Mon 21) → Mon 21
      W8: 0, // Mon 21 → Mon 21
    });
    const r = await kpi();
    expect(r).toMatchObject({ numerator: 13, denominator: 8, n: 8, value: 1.625 });
  });

  it('skips the weekend and the holiday, and counts orders after the cut-off from the next working day', async () => {
    await setWorkingCalendar(db, CALENDAR, 'tester');
    expect(await perOrder()).toEqual({
      W1: 0, // Fri 18 15:00, after DC-North's 14:00: counts from Mon 21; shipped Mon 21
      W2: 1, // counts from Mon 21; shipped Tue 22
      W3: 1, // Fri 18 13:00, before the cut-off: Fri 18 → Mon 21
      W4: 1, // Wed 23 15:00 at DC-North (its shipment's site), after the cut-off: from Thu 24; Fri 25 and the weekend off → Mon 28
      W5: 2, // DC-South has no cut-off: Thu 24 18:00 counts from Thu 24 → Mon 28, Tue 29
      W6: 2, // Wed 23 14:00, at the cut-off: counts from Wed 23; shipped Sat 26 = Mon 28: Thu 24, Mon 28
      W7: 0, // Sat 19: counts from Mon 21; shipped Mon 21
      W8: 0, // Mon 21 15:00, after the cut-off: counts from Tue 22; shipped Mon 21 17:00, before: 0, not −1
    });
    // 0 + 1 + 1 + 1 + 2 + 2 + 0 + 0 = 7 working days over 8 orders.
    const r = await kpi();
    expect(r).toMatchObject({ numerator: 7, denominator: 8, n: 8, value: 0.875 });
    // Sorted 0 0 0 1 1 1 2 2: the median is 1.
    expect(r.distribution?.median).toBe(1);
  });

  it('follows a change of the calendar at once: without the holiday, Fri 25 counts', async () => {
    await setWorkingCalendar(db, { ...CALENDAR, holidays: [] });
    const d = await perOrder();
    expect([d.W4, d.W5, d.W6]).toEqual([2, 3, 3]); // one more each: Fri 25 is worked
    // 0 + 1 + 1 + 2 + 3 + 3 + 0 + 0 = 10 over 8.
    expect(await kpi()).toMatchObject({ numerator: 10, n: 8, value: 1.25 });
  });

  it('leaves the calendar-hour cycle time as it was', async () => {
    const [hours] = await computeKpis(db, {}, ['order_shipment_cycle_time']);
    // W1 67 + W2 91 + W3 69 + W4 115 + W5 112 + W6 68 + W7 54 + W8 2 = 578 h over 8.
    expect(hours).toMatchObject({ numerator: 578, n: 8, value: 72.25 });
  });

  it('counts the delivery variant on the same calendar, for orders delivered in full', async () => {
    await setWorkingCalendar(db, CALENDAR);
    const rows = await db.read<{ order_id: string; d: number | null }>(
      'SELECT order_id, working_days_to_delivery AS d FROM kpi_order_facts ORDER BY order_id',
    );
    expect(Object.fromEntries(rows.map((r) => [r.order_id, r.d]))).toEqual({
      W1: 1, // after the cut-off: from Mon 21; delivered Tue 22
      W2: 4, // from Mon 21; delivered Sun 27 = Mon 28: Tue 22, Wed 23, Thu 24, Mon 28 (Fri 25 off)
      W3: 3, // Fri 18 13:00, before the cut-off: Mon 21, Tue 22, Wed 23
      W4: 2, // Wed 23 15:00 at DC-North, after the cut-off: from Thu 24; Mon 28, Tue 29
      W5: null, // not delivered
      W6: null,
      W7: null,
      W8: null,
    });
    const [days] = await computeKpis(db, {}, ['order_to_delivery_cycle_time_working_days']);
    // 1 + 4 + 3 + 2 = 10 working days over the 4 delivered orders; sorted 1 2 3 4: median 2.5.
    expect(days).toMatchObject({ numerator: 10, denominator: 4, n: 4, value: 2.5 });
    expect(days!.distribution?.median).toBe(2.5);
  });
});
