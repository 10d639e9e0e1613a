import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { computeKpis } from './compute';
import { periodEnd } from '@/lib/model/periods';
import { isPartialPeriod, partialRangeNote } from './horizon';
import { loadHalfMonthFixture } from './kpi-test-helpers';

// The fixture (five orders, the horizon 2024-03-15 12:00) is tabled at loadHalfMonthFixture.
let db: Database;
beforeAll(async () => {
  db = await loadHalfMonthFixture();
});

describe('the data horizon', () => {
  it('is the latest event, and only the month that ends after it is partial', async () => {
    const [cycle] = await computeKpis(db, { grain: 'month' }, ['order_shipment_cycle_time']);
    expect(cycle!.horizon).toBe('2024-03-15T12:00:00');
    // March: O3 24 h and O5 76 h, mean 50 h; O4 is not shipped at the horizon and will land in
    // March or later, so March is still maturing. January and February are over.
    expect(cycle!.series!.map((p) => [p.period, p.value, p.n, p.partial, p.maturing])).toEqual([
      ['2024-01-01', 24, 1, false, 0],
      ['2024-02-01', 48, 1, false, 0],
      ['2024-03-01', 50, 2, true, 1],
    ]);
  });

  it('counts every order not yet delivered as maturing the delivery duration’s last period', async () => {
    const [delivery] = await computeKpis(db, { grain: 'month' }, ['order_to_delivery_cycle_time']);
    // Delivered: O1 3 d (Jan), O2 4 d (Feb), O3 3 d (Mar). O4 (unshipped) and O5 (in transit) are open.
    expect(delivery!.series!.map((p) => [p.period, p.value, p.partial, p.maturing])).toEqual([
      ['2024-01-01', 3, false, 0],
      ['2024-02-01', 4, false, 0],
      ['2024-03-01', 3, true, 2],
    ]);
  });

  it('flags rates by period as partial without a maturing count', async () => {
    const [onTime] = await computeKpis(db, { grain: 'month' }, ['on_time_delivery_rate']);
    // O1 delivered 01-13 ≤ 01-14, O2 02-09 > 02-08, O3 03-04 ≤ 03-05.
    expect(onTime!.series!.map((p) => [p.value, p.partial, 'maturing' in p])).toEqual([
      [100, false, false],
      [0, false, false],
      [100, true, false],
    ]);
  });

  it('flags a comparison whose current range runs past the horizon', async () => {
    const [open] = await computeKpis(
      db,
      { filters: { from: '2024-03-01', to: '2024-03-31' }, compare: 'previous' },
      ['order_shipment_cycle_time'],
    );
    // The month before, February, holds O2 (48 h); March so far holds O3 and O5 (50 h).
    expect(open!.comparisons).toEqual([
      {
        kind: 'previous',
        range: { from: '2024-02-01', to: '2024-02-29' },
        value: 48,
        n: 1,
        change: 2,
        partial: true,
        note: 'The range runs to 2024-03-31 but the data ends at 2024-03-15 12:00: its value holds only what had happened by then, so the change is not between complete periods.',
      },
    ]);
    const [closed] = await computeKpis(
      db,
      { filters: { from: '2024-02-01', to: '2024-02-29' }, compare: 'previous' },
      ['order_shipment_cycle_time'],
    );
    expect(closed!.comparisons![0]).not.toHaveProperty('partial');
    expect(closed!.comparisons![0]).toMatchObject({ value: 24, change: 24 });
  });
});

describe('period ends', () => {
  it('ends each grain where the SQL period does, and compares strictly with the horizon', () => {
    expect(periodEnd('2024-03-11', 'week')).toBe('2024-03-18');
    expect(periodEnd('2024-10-01', 'quarter')).toBe('2025-01-01');
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-03-01');
    const horizon = '2024-03-15T12:00:00';
    expect(isPartialPeriod('2024-03-11', 'week', horizon)).toBe(true);
    expect(isPartialPeriod('2024-03-04', 'week', horizon)).toBe(false);
    expect(isPartialPeriod('2024-03-14', 'day', horizon)).toBe(false);
    expect(isPartialPeriod('2024-03-15', 'day', horizon)).toBe(true);
    // A period ending exactly at the horizon is over.
    expect(isPartialPeriod('2024-02-01', 'month', '2024-03-01T00:00:00')).toBe(false);
    expect(isPartialPeriod('2024-03-01', 'month', null)).toBe(false);
    expect(partialRangeNote('2024-03-14', horizon)).toBeUndefined();
  });
});
