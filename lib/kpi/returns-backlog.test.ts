/**
 * The open-returns backlog on the hand-made fixture lib/kpi/fixtures/returns-workflow (its README
 * has the table of returns), every count worked out here, and on two variants whose extracts do
 * not record a stage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadFixtureFiles, loadKpiFixture } from './kpi-test-helpers';
import { returnsBacklog, type ReturnsBacklog } from './returns-backlog';

const FIXTURE = path.join(__dirname, 'fixtures', 'returns-workflow');

let db: Database;
beforeAll(async () => {
  db = await loadKpiFixture(FIXTURE);
});

/** Stage → [returns, units] per bucket in bucket order, or null when not recorded. */
function matrix(b: ReturnsBacklog) {
  return Object.fromEntries(
    b.stages.map((s) => [
      s.stage,
      s.buckets && Object.values(s.buckets).map((c) => (c.count ? [c.count, c.units] : 0)),
    ]),
  );
}

/** The fixture's orders, lines and shipments with other returns. */
async function withReturns(lines: string[]): Promise<Database> {
  const files: Record<string, string[]> = { 'returns.csv': lines };
  for (const table of ['orders', 'order_lines', 'shipments'])
    files[`${table}.csv`] = (await readFile(path.join(FIXTURE, `${table}.csv`), 'utf8'))
      .trimEnd()
      .split('\n');
  return loadFixtureFiles(files);
}

describe('returns backlog as of a day', () => {
  it('places each open return at its stage and age on 2026-03-10', async () => {
    const b = await returnsBacklog(db, {}, '2026-03-10');
    expect(b).toMatchObject({ asOf: '2026-03-10', asOfSource: 'given' });
    // Open on 03-10 (not credited by its end): R2 (credited 03-20), R3, R4, R5, R7, R8, R9, R10,
    // R11; R1 was credited 03-06. R6 is open too, but of the cancelled order O6: counted apart.
    // Ages count from the authorisation, or the receipt without one (R3, R9):
    // - awaiting receipt: R5 authorised 03-09 (1 day, 1 unit), R8 02-25 (13 days, 2 units);
    // - awaiting inspection: R4 received 03-08, authorised 03-03 (7 days, 3 units),
    //   R9 received 02-15 (23 days, 1 unit);
    // - awaiting disposition: R10 inspected 01-26, authorised 01-20 (49 days, 4 units);
    // - awaiting credit: R3 (received 03-05: 5 days, 1 unit), R7 (authorised 03-04: 6 days,
    //   1 unit), R2 (authorised 03-02: 8 days, 2 units), R11 (authorised 2025-12-02: 98 days).
    // Buckets: 0–7, 8–14, 15–30, 31–60, over 60 days.
    expect(matrix(b)).toEqual({
      awaiting_receipt: [[1, 1], [1, 2], 0, 0, 0],
      awaiting_inspection: [[1, 3], 0, [1, 1], 0, 0],
      awaiting_disposition: [0, 0, 0, [1, 4], 0],
      awaiting_credit: [[2, 2], [1, 2], 0, 0, [1, 1]],
    });
    expect(b.stages.map((s) => s.total)).toEqual([
      { count: 2, units: 3 },
      { count: 2, units: 4 },
      { count: 1, units: 4 },
      { count: 4, units: 5 },
    ]);
    // 0–7: R5, R4, R3, R7 (1 + 3 + 1 + 1 units); 8–14: R8, R2; 15–30: R9; 31–60: R10; over 60: R11.
    expect(b.bucketTotals).toEqual({
      '0-7': { count: 4, units: 6 },
      '8-14': { count: 2, units: 4 },
      '15-30': { count: 1, units: 1 },
      '31-60': { count: 1, units: 4 },
      'over-60': { count: 1, units: 1 },
    });
    expect(b.total).toEqual({ count: 9, units: 16 });
    expect(b).toMatchObject({ cancelledOrderReturns: 1, unitsUnknown: 0, notes: [] });
    expect(b.stages.every((s) => s.recorded && s.notRecorded === null)).toBe(true);
  });

  it('counts a stage reached during the day as passed by its end', async () => {
    // On 03-05: R1 was restocked at 16:00 (awaiting credit, credited 03-06); R7 was inspected at
    // 16:00 (awaiting disposition); R3, received at 10:00, awaits inspection, as does R2.
    const b = await returnsBacklog(db, {}, '2026-03-05');
    expect(matrix(b)).toEqual({
      // R4 (authorised 03-03), R8 (authorised 02-25: 8 days).
      awaiting_receipt: [[1, 3], [1, 2], 0, 0, 0],
      // R2 (authorised 03-02, 2 units), R3 (received 03-05), R9 (received 02-15: 18 days).
      awaiting_inspection: [[2, 3], 0, [1, 1], 0, 0],
      // R7 (authorised 03-04), R10 (authorised 01-20: 44 days).
      awaiting_disposition: [[1, 1], 0, 0, [1, 4], 0],
      // R1 (authorised 03-01), R11 (93 days).
      awaiting_credit: [[1, 1], 0, 0, 0, [1, 1]],
    });
    // Nine open (R5 is not authorised yet); 3 + 2 + 2 + 1 + 1 + 1 + 4 + 1 + 1 = 16 units.
    expect(b.total).toEqual({ count: 9, units: 16 });
  });

  it('applies the dimension filters of the page: DC2 holds R4, R5, R9 and R10', async () => {
    const b = await returnsBacklog(
      db,
      { site: ['DC2'], from: '2026-03-09', to: '2026-03-09' },
      '2026-03-10',
    );
    // The date range does not narrow the backlog: the as-of day chooses the returns.
    expect(matrix(b)).toEqual({
      awaiting_receipt: [[1, 1], 0, 0, 0, 0],
      awaiting_inspection: [[1, 3], 0, [1, 1], 0, 0],
      awaiting_disposition: [0, 0, 0, [1, 4], 0],
      awaiting_credit: [0, 0, 0, 0, 0],
    });
    expect(b).toMatchObject({ total: { count: 4, units: 9 }, cancelledOrderReturns: 0 });
  });

  it('is empty before any return, and recorded stages show zeros, not blanks', async () => {
    const b = await returnsBacklog(db, {}, '2025-11-30');
    expect(b.total).toEqual({ count: 0, units: 0 });
    expect(matrix(b)).toEqual({
      awaiting_receipt: [0, 0, 0, 0, 0],
      awaiting_inspection: [0, 0, 0, 0, 0],
      awaiting_disposition: [0, 0, 0, 0, 0],
      awaiting_credit: [0, 0, 0, 0, 0],
    });
    expect(b.cancelledOrderReturns).toBe(0);
  });

  it('defaults to the data’s last date: R2’s credit on 2026-03-20', async () => {
    const b = await returnsBacklog(db);
    expect(b).toMatchObject({ asOf: '2026-03-20', asOfSource: 'data_end' });
    // R2 is credited by then; the other eight stay open.
    expect(b.total).toEqual({ count: 8, units: 14 });
  });

  it('refuses an as-of day that is not a calendar date', async () => {
    await expect(returnsBacklog(db, {}, '2026-02-30')).rejects.toThrow(
      'The as-of date "2026-02-30" is not a calendar date as YYYY-MM-DD',
    );
  });
});

describe('a backlog from an extract that does not record every stage', () => {
  it('says inspection is not recorded and moves received returns on to their disposition', async () => {
    const variant = await withReturns([
      'return_id,order_id,line_no,sku,qty_returned,authorised_ts,return_ts,disposition,disposition_ts,credited_ts',
      'X1,O1,1,S1,1,2026-03-01 10:00:00,2026-03-02 10:00:00,,,',
      'X2,O2,1,S1,2,,2026-03-03 10:00:00,restock,2026-03-04 10:00:00,',
      'X3,O3,1,S2,1,2026-03-05 10:00:00,2026-03-06 10:00:00,scrap,2026-03-07 10:00:00,2026-03-08 10:00:00',
    ]);
    const b = await returnsBacklog(variant, {}, '2026-03-10');
    const inspection = b.stages.find((s) => s.stage === 'awaiting_inspection')!;
    expect(inspection).toMatchObject({
      recorded: false,
      notRecorded: 'inspection not recorded in this extract',
      buckets: null,
      total: null,
    });
    // X1, received 03-02 and never inspected in this extract, awaits its disposition (authorised
    // 03-01: 9 days); X2 awaits its credit (received 03-03: 7 days, 2 units); X3 is credited.
    expect(matrix(b)).toEqual({
      awaiting_receipt: [0, 0, 0, 0, 0],
      awaiting_inspection: null,
      awaiting_disposition: [0, [1, 1], 0, 0, 0],
      awaiting_credit: [[1, 2], 0, 0, 0, 0],
    });
    expect(b.total).toEqual({ count: 2, units: 3 });
  });

  it('without credit dates, leaves out the returns past their last recorded stage and says so', async () => {
    const variant = await withReturns([
      'return_id,order_id,line_no,sku,qty_returned,return_ts,disposition,disposition_ts',
      'Y1,O1,1,S1,1,2026-03-02 10:00:00,restock,2026-03-03 10:00:00',
      'Y2,O2,1,S1,,2026-03-04 10:00:00,,',
    ]);
    const b = await returnsBacklog(variant, {}, '2026-03-10');
    // Y1 was restocked: whether it was credited the extract cannot say. Y2 awaits its disposition
    // (received 03-04: 6 days), with no quantity.
    expect(matrix(b)).toEqual({
      awaiting_receipt: null,
      awaiting_inspection: null,
      awaiting_disposition: [[1, 0], 0, 0, 0, 0],
      awaiting_credit: null,
    });
    expect(b.stages.map((s) => s.notRecorded)).toEqual([
      'authorisation (RMA) dates not recorded in this extract',
      'inspection not recorded in this extract',
      null,
      'credit dates not recorded in this extract',
    ]);
    expect(b).toMatchObject({ total: { count: 1, units: 0 }, unitsUnknown: 1 });
    expect(b.notes).toHaveLength(2);
    expect(b.notes[1]).toContain('Credit dates are not recorded in this extract');
  });
});
