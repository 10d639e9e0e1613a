import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { setTarget } from '@/lib/benchmarks/targets';
import type { Database } from '@/lib/db/database';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { grainFor, buildReportModel, NOT_RECORDED } from './model';
import type { ReportOptionsInput } from './options';
import { fixtureMapping } from '@/test/fixture-mapping';

const now = new Date('2024-02-01T09:30:00Z');
let db: Database;

beforeAll(async () => {
  db = await loadKpiFixture();
  await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 40, atRiskWithin: 10 });
});

describe('the report model', () => {
  it('holds the KPI API numbers, the breakdown, target, coverage, sources and ledger', async () => {
    const model = await buildReportModel(
      db,
      { format: 'pdf', filters: { from: '2024-01-01', to: '2024-01-31' }, organisation: 'Acme' },
      now,
    );
    expect(model).toMatchObject({
      organisation: 'Acme',
      generatedAt: '2024-02-01T09:30:00.000Z',
      period: { from: '2024-01-01', to: '2024-01-31', text: '2024-01-01 to 2024-01-31' },
      data: { loads: 4, firstOrder: '2024-01-01', lastOrder: '2024-01-05', ordersCounted: 7 },
    });
    const cycle = model.kpis.find((k) => k.id === 'order_shipment_cycle_time')!;
    // Orders A (24 h), B (96 h) and C (18 h) are complete: (24 + 96 + 18) / 3 = 46 h.
    expect(cycle).toMatchObject({ value: 46, formatted: '46.0 h', unit: 'hours' });
    expect(cycle.target).toEqual({ value: 40, formatted: '40.0 h', status: 'at_risk' });
    // A calendar month is drawn among the twelve before it; only January has orders, and the data
    // ends on January 5, so January is partial, with two orders still to ship.
    expect(cycle.trend.grain).toBe('month');
    expect(cycle.trend.points).toEqual([
      { period: '2024-01-01', label: 'Jan 2024', value: 46, n: 3, partial: true, maturing: 2 },
    ]);
    expect(cycle.breakdown.segments).toEqual([
      { segment: 'DC1', value: 60, formatted: '60.0 h', n: 2, quartile: null },
      { segment: 'DC2', value: 18, formatted: '18.0 h', n: 1, quartile: null },
    ]);
    expect(cycle.coverage.counted).toBe(3);
    // December 2023 has no orders: a comparison period without a value gives no change.
    expect(cycle.change).toMatchObject({ kind: 'previous', from: '2023-12-01', change: null });
    expect(model.kpis).toHaveLength(30);
    expect(model.ledger).toHaveLength(4);
    for (const load of model.ledger) expect(load.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.sources.length).toBeGreaterThan(0);
    for (const s of model.sources) expect(s.edition).toBeTruthy();
  });

  it('is the same for the same data and options', async () => {
    const options: ReportOptionsInput = {
      format: 'xlsx',
      filters: { site: ['DC1'] },
      by: 'channel',
    };
    const first = await buildReportModel(db, options, now);
    const second = await buildReportModel(db, options, now);
    expect(second).toEqual(first);
    expect(first.context).toContain('Site: DC1');
  });

  it.each([
    ['2024-01-01', '2024-01-31', 'day'],
    ['2024-01-01', '2024-03-31', 'week'],
    ['2024-01-01', '2024-12-31', 'month'],
    ['2020-01-01', '2024-12-31', 'quarter'],
  ] as const)('a period %s to %s is charted by %s', (from, to, grain) => {
    expect(grainFor(from, to)).toBe(grain);
  });

  it('lists the orders without the attribute last, as not recorded and unranked', async () => {
    const gap = await loadKpiFixture();
    // Orders A and C again, their region left empty: the load replaces them by their key.
    const fixture = path.join(__dirname, '..', 'kpi', 'fixtures', 'orders.csv');
    const [header, ...rows] = (await readFile(fixture, 'utf-8')).trim().split('\n');
    const blanked = rows
      .filter((row) => /^(A|C),/.test(row))
      .map((row) =>
        row
          .split(',')
          .map((v, i) => (i === 5 ? '' : v))
          .join(','),
      );
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-gap-')), 'orders.csv');
    await writeFile(file, [header, ...blanked].join('\n'));
    const report = await loadExtract(gap, { file, mapping: await fixtureMapping(file, 'orders') });
    expect(report.rowsUpdated).toBe(2);
    const model = await buildReportModel(
      gap,
      { format: 'xlsx', filters: { from: '2024-01-01', to: '2024-01-31' }, by: 'region' },
      now,
    );
    const orders = model.kpis.find((k) => k.id === 'cancellation_rate')!;
    expect(orders.breakdown.segments.map((s) => [s.segment, s.n, s.quartile])).toEqual([
      ['North', 3, null],
      ['South', 2, null],
      [NOT_RECORDED, 2, null],
    ]);
  });
});
