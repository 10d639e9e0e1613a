/**
 * The returns flow on the hand-made fixture lib/kpi/fixtures/returns-workflow (its README has the
 * table of returns): counts reaching each stage, and the median and 90th percentile of the days
 * between stages (linear interpolation between the two nearest values, as quantile_cont does).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadFixtureFiles, loadKpiFixture } from './kpi-test-helpers';
import { returnsFlow } from './returns-flow';

const FIXTURE = path.join(__dirname, 'fixtures', 'returns-workflow');

let db: Database;
beforeAll(async () => {
  db = await loadKpiFixture(FIXTURE);
});

describe('returns flow', () => {
  it('counts the returns reaching each stage and the days between stages', async () => {
    const flow = await returnsFlow(db);
    // Ten returns; R6, of the cancelled order O6, is counted apart.
    expect(flow).toMatchObject({ total: 10, cancelledOrderReturns: 1 });
    expect(flow.stages.map((s) => [s.stage, s.reached])).toEqual([
      ['authorised', 8], // all but R3 and R9
      ['received', 8], // all but R5 and R8
      ['inspected', 6], // R1, R2, R3, R7, R10, R11
      ['disposition', 5], // R1, R2, R3, R7, R11
      ['credited', 2], // R1, R2
    ]);
    expect(flow.gaps).toEqual([
      // Authorised → received: 1 1 3 3 5 5 (R2, R7, R1, R11, R4, R10). Median between the 3rd
      // and 4th: 3; the 90th percentile at position 4.5 of 0–5: 5.
      { from: 'authorised', to: 'received', n: 6, medianDays: 3, p90Days: 5 },
      // Received → inspected: 0.25 1 1 1 2 3 (R7, R1, R10, R11, R3, R2): median 1; p90 at 4.5:
      // 2 + 0.5 × (3 − 2) = 2.5.
      { from: 'received', to: 'inspected', n: 6, medianDays: 1, p90Days: 2.5 },
      // Inspected → disposition: 0.25 0.75 1 1 2 (R1, R7, R2, R3, R11): median 1; p90 at 3.6:
      // 1 + 0.6 × (2 − 1) = 1.6.
      {
        from: 'inspected',
        to: 'disposition',
        n: 5,
        medianDays: 1,
        p90Days: expect.closeTo(1.6, 9),
      },
      // Disposition → credited: R1 0.75, R2 13: median 6.875; p90 at 0.9: 0.75 + 0.9 × 12.25.
      {
        from: 'disposition',
        to: 'credited',
        n: 2,
        medianDays: 6.875,
        p90Days: expect.closeTo(11.775, 9),
      },
    ]);
    expect(flow.dispositions).toEqual([
      { disposition: 'restock', count: 2 }, // R1, R7 (R6 is counted apart)
      { disposition: 'refurbish', count: 1 }, // R11
      { disposition: 'scrap', count: 1 }, // R2
      { disposition: 'return_to_vendor', count: 1 }, // R3
    ]);
  });

  it('attributes returns to their receipt date, or their authorisation before it', async () => {
    const flow = await returnsFlow(db, { from: '2026-03-01', to: '2026-03-31' });
    // R1, R2, R3, R4, R7 received in March, R5 authorised in March; R6 (cancelled) apart.
    expect(flow).toMatchObject({ total: 6, cancelledOrderReturns: 1 });
    expect(flow.stages.map((s) => s.reached)).toEqual([5, 5, 4, 4, 2]);
  });

  it('says a stage the extract does not record, and measures across it', async () => {
    const files: Record<string, string[]> = {
      'returns.csv': [
        'return_id,order_id,line_no,sku,qty_returned,return_ts,disposition,disposition_ts,credited_ts',
        'X1,O1,1,S1,1,2026-03-02 10:00:00,restock,2026-03-04 10:00:00,2026-03-05 10:00:00',
      ],
    };
    for (const table of ['orders', 'order_lines', 'shipments'])
      files[`${table}.csv`] = (await readFile(path.join(FIXTURE, `${table}.csv`), 'utf8'))
        .trimEnd()
        .split('\n');
    const flow = await returnsFlow(await loadFixtureFiles(files));
    expect(flow.stages.map((s) => [s.stage, s.reached, s.notRecorded])).toEqual([
      ['authorised', null, 'authorisation (RMA) dates not recorded in this extract'],
      ['received', 1, null],
      ['inspected', null, 'inspection not recorded in this extract'],
      ['disposition', 1, null],
      ['credited', 1, null],
    ]);
    // Received 03-02 → disposition 03-04 (2 days) → credited 03-05 (1 day).
    expect(flow.gaps).toEqual([
      { from: 'received', to: 'disposition', n: 1, medianDays: 2, p90Days: 2 },
      { from: 'disposition', to: 'credited', n: 1, medianDays: 1, p90Days: 1 },
    ]);
  });
});
