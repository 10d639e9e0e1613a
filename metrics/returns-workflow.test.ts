/**
 * The returns workflow's KPIs on the hand-made fixture lib/kpi/fixtures/returns-workflow (its
 * README has the table), every value worked out here. R6 is a return of the cancelled order O6 and
 * is excluded from every one of them; days are exact spans (10:00 → 16:00 is 0.25 of a day).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { computeKpis } from '@/lib/kpi/compute';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { restockRate } from './restock-rate';

const FIXTURE = path.join(__dirname, '..', 'lib', 'kpi', 'fixtures', 'returns-workflow');

let db: Database;
beforeAll(async () => {
  db = await loadKpiFixture(FIXTURE);
});

const kpi = async (id: string) => (await computeKpis(db, {}, [id]))[0]!;

describe('returns workflow KPIs', () => {
  it('return_authorisation_to_receipt_time: authorised → received on the returns with both', async () => {
    const r = await kpi('return_authorisation_to_receipt_time');
    // R1 03-01 → 03-04 = 3, R2 03-02 → 03-03 = 1, R4 03-03 → 03-08 = 5, R7 03-04 → 03-05 = 1,
    // R10 01-20 → 01-25 = 5, R11 2025-12-02 → 12-05 = 3: 18 days over 6 returns.
    expect(r).toMatchObject({ available: true, numerator: 18, n: 6, value: 3 });
    // Sorted 1 1 3 3 5 5: the median is 3.
    expect(r.distribution?.median).toBe(3);
    expect(r.excluded).toEqual([
      // R5 and R8 are authorised but not received yet: no receipt date to attribute them to.
      { reason: 'no return receipt date', count: 2 },
      { reason: 'return of a cancelled order', count: 1 }, // R6
      // R3 and R9 were received without an authorisation date.
      { reason: 'timestamps missing', count: 2 },
    ]);
  });

  it('return_receipt_to_inspection_time: received → inspected', async () => {
    const r = await kpi('return_receipt_to_inspection_time');
    // R1 1, R2 03-03 → 03-06 = 3, R3 03-05 → 03-07 = 2, R7 10:00 → 16:00 = 0.25, R10 1, R11 1:
    // 8.25 days over 6 returns = 1.375.
    expect(r).toMatchObject({ numerator: 8.25, n: 6, value: 1.375 });
    expect(r.excluded).toEqual([
      { reason: 'no inspection date', count: 4 }, // R4, R5, R8, R9
      { reason: 'return of a cancelled order', count: 1 }, // R6
    ]);
  });

  it('return_receipt_to_disposition_time: received → disposition decided', async () => {
    const r = await kpi('return_receipt_to_disposition_time');
    // R1 03-04 10:00 → 03-05 16:00 = 1.25, R2 03-03 → 03-07 = 4, R3 03-05 → 03-08 = 3,
    // R7 03-05 → 03-06 = 1, R11 12-05 → 12-08 = 3: 12.25 days over 5 returns = 2.45.
    expect(r).toMatchObject({ numerator: 12.25, n: 5 });
    expect(r.value).toBeCloseTo(2.45, 9);
    expect(r.excluded).toEqual([
      { reason: 'no disposition date', count: 5 }, // R4, R5, R8, R9, R10
      { reason: 'return of a cancelled order', count: 1 }, // R6
    ]);
  });

  it('restock_rate: restocked ÷ returns with a disposition', async () => {
    const r = await kpi('restock_rate');
    // Dispositions: R1 restock, R2 scrap, R3 return_to_vendor (read from "Return to vendor"),
    // R7 restock, R11 refurbish: 2 restocked of 5 = 40%.
    expect(r).toMatchObject({ numerator: 2, denominator: 5, n: 5, value: 40 });
    expect(r.excluded).toEqual([
      { reason: 'no return receipt date', count: 2 }, // R5, R8
      { reason: 'return of a cancelled order', count: 1 }, // R6
      { reason: 'no disposition recorded', count: 3 }, // R4, R9, R10
    ]);
  });

  it('reads the disposition of R3 as return_to_vendor and explains the returns not restocked', async () => {
    const rows = await db.read<{ return_id: string; disposition: string; restocked: boolean }>(
      `SELECT return_id, disposition, restocked FROM kpi_return_facts
        WHERE disposition IS NOT NULL ORDER BY return_id`,
    );
    expect(rows.map((r) => [r.return_id, r.disposition, r.restocked])).toEqual([
      ['R1', 'restock', true],
      ['R11', 'refurbish', false],
      ['R2', 'scrap', false],
      ['R3', 'return_to_vendor', false],
      ['R6', 'restock', true],
      ['R7', 'restock', true],
    ]);
    const reason = restockRate.source.explain!.reason;
    expect(reason({ disposition: 'scrap' })).toBe('Scrapped');
    expect(reason({ disposition: 'return_to_vendor' })).toBe('Returned to the vendor');
    expect(reason({ disposition: 'refurbish' })).toBe(
      'Sent to refurbishment, not restocked as it came',
    );
    expect(reason({ disposition: 'restock' })).toBeNull();
  });

  it('filters by the order’s site: DC2 holds R4, R5, R9 and R10', async () => {
    const [auth] = await computeKpis(db, { filters: { site: ['DC2'] } }, [
      'return_authorisation_to_receipt_time',
    ]);
    // R4 5 days and R10 5 days; R5 not received, R9 not authorised.
    expect(auth).toMatchObject({ numerator: 10, n: 2, value: 5 });
  });
});
