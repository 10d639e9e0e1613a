/**
 * Freshness per source, on a hand-built ledger and hand-built rows (no extract is loaded): every
 * expected date, age and sentence below is worked out from the fixtures by hand, against
 * NOW = Monday 7 Dec 2026, 09:00 UTC.
 */
import { describe, expect, it } from 'vitest';
import { type Database, openMemoryDatabase } from '@/lib/db/database';
import { cadenceWords, dataFreshness } from './freshness';

const NOW = new Date('2026-12-07T09:00:00Z');

interface FixtureLoad {
  id: number;
  file: string;
  target: string;
  finished: string;
  status?: string;
  tables?: string[];
  demo?: boolean;
}

async function addLoads(db: Database, loads: FixtureLoad[]) {
  for (const l of loads) {
    const counts = Object.fromEntries(
      (l.tables ?? [l.target]).map((t) => [t, { inserted: 1, updated: 0, unchanged: 0 }]),
    );
    await db.run(
      `INSERT INTO loads (load_id, file_name, content_hash, target, status, table_counts, is_demo,
                          started_at, finished_at, undone_at)
       VALUES ($1, $2, $3, $4, $5, $6::JSON, $7, $8::TIMESTAMP - INTERVAL 2 MINUTE, $8::TIMESTAMP,
               CASE WHEN $5 = 'undone' THEN $8::TIMESTAMP + INTERVAL 1 HOUR END)`,
      [
        l.id,
        l.file,
        `hash-${l.id}`,
        l.target,
        l.status ?? 'loaded',
        JSON.stringify(counts),
        l.demo ?? false,
        l.finished,
      ],
    );
  }
}

const addOrder = (db: Database, id: string, at: string, loadId: number) =>
  db.run(
    'INSERT INTO orders (nk, order_id, order_ts, load_id) VALUES ($1, $1, $2::TIMESTAMP, $3)',
    [id, at, loadId],
  );

/** The routine of a weekly ERP extract (flat: orders and lines), shipments and returns. */
async function routineDatabase(): Promise<Database> {
  const db = await openMemoryDatabase();
  await addLoads(db, [
    // The demo, set aside by the first real load: never counted.
    {
      id: 1,
      file: 'demo-orders.csv',
      target: 'orders',
      finished: '2026-11-01T08:00:00',
      status: 'undone',
      demo: true,
    },
    // Weekly flat extracts, Thursdays 06:00; the last week also a second site's orders file,
    // half an hour later: one arrival, and the last load.
    {
      id: 2,
      file: 'erp-w46.csv',
      target: 'flat',
      finished: '2026-11-12T06:00:00',
      tables: ['orders', 'order_lines'],
    },
    {
      id: 4,
      file: 'erp-w47.csv',
      target: 'flat',
      finished: '2026-11-19T06:00:00',
      tables: ['orders', 'order_lines'],
    },
    {
      id: 6,
      file: 'erp-w48.csv',
      target: 'flat',
      finished: '2026-11-26T06:00:00',
      tables: ['orders', 'order_lines'],
    },
    {
      id: 8,
      file: 'erp-w49.csv',
      target: 'flat',
      finished: '2026-12-03T06:30:00',
      tables: ['orders', 'order_lines'],
    },
    { id: 9, file: 'erp-w49-site2.csv', target: 'orders', finished: '2026-12-03T07:00:00' },
    // Weekly shipments, Wednesdays 08:00, the last on 25 Nov: 12 days and 1 hour before NOW.
    { id: 3, file: 'wms-w45.csv', target: 'shipments', finished: '2026-11-04T08:00:00' },
    { id: 5, file: 'wms-w46.csv', target: 'shipments', finished: '2026-11-11T08:00:00' },
    { id: 7, file: 'wms-w47.csv', target: 'shipments', finished: '2026-11-18T08:00:00' },
    { id: 10, file: 'wms-w48.csv', target: 'shipments', finished: '2026-11-25T08:00:00' },
    // Later shipments loads that do not stand: undone, rejected, or the same file again.
    {
      id: 12,
      file: 'wms-w49.csv',
      target: 'shipments',
      finished: '2026-12-02T08:00:00',
      status: 'undone',
    },
    {
      id: 13,
      file: 'wms-w49b.csv',
      target: 'shipments',
      finished: '2026-12-02T09:00:00',
      status: 'rejected',
    },
    {
      id: 14,
      file: 'wms-w48.csv',
      target: 'shipments',
      finished: '2026-12-04T09:00:00',
      status: 'unchanged',
    },
    // Returns: two loads only.
    { id: 11, file: 'rma-nov-a.csv', target: 'returns', finished: '2026-11-20T10:00:00' },
    { id: 15, file: 'rma-nov-b.csv', target: 'returns', finished: '2026-12-01T10:00:00' },
  ]);
  // Orders: B is the newest, without lines; C is the newest with lines.
  await addOrder(db, 'A', '2026-11-30T09:00:00', 6);
  await addOrder(db, 'B', '2026-12-03T15:00:00', 9);
  await addOrder(db, 'C', '2026-12-02T10:00:00', 8);
  await db.run(
    `INSERT INTO order_lines (nk, order_id, line_no, qty_ordered, load_id)
     VALUES ('A|1', 'A', 1, 1, 6), ('C|1', 'C', 1, 2, 8)`,
  );
  // Shipments: the newest date is a delivery without a ship date.
  await db.run(
    `INSERT INTO shipments (nk, order_id, line_no, ship_ts, delivered_ts, load_id)
     VALUES ('A|1', 'A', 1, '2026-11-24 10:00:00', NULL, 10),
            ('C|1', 'C', 1, NULL, '2026-11-26 12:00:00', 10)`,
  );
  // Returns: the received date; a credit date only where the file gave no received date.
  await db.run(
    `INSERT INTO returns (nk, return_id, order_id, return_ts, credited_ts, load_id)
     VALUES ('R1', 'R1', 'A', '2026-11-20 08:00:00', '2026-12-05 08:00:00', 11),
            ('R2', 'R2', 'C', NULL, '2026-11-18 08:00:00', 15)`,
  );
  return db;
}

describe('dataFreshness', () => {
  it('gives the newest date per table by its own date, and how many calendar days old it is', async () => {
    const fresh = await dataFreshness(await routineDatabase(), NOW);
    expect(fresh.map((f) => [f.table, f.rows, f.newest, f.ageDays])).toEqual([
      ['orders', 3, '2026-12-03T15:00:00.000Z', 4],
      // Lines by their orders' date: C (2 Dec), not B (3 Dec), which has no line.
      ['order_lines', 2, '2026-12-02T10:00:00.000Z', 5],
      // The delivered-only shipment (26 Nov) is newer than the shipped one (24 Nov).
      ['shipments', 2, '2026-11-26T12:00:00.000Z', 11],
      // R1 by its received date (20 Nov), not its later credit date.
      ['returns', 2, '2026-11-20T08:00:00.000Z', 17],
    ]);
    expect(fresh.map((f) => f.dateOf)).toEqual([
      'order date',
      'order date',
      'ship date',
      'return date',
    ]);
  });

  it('weekly loads on time: weekly, not overdue; a flat load feeds the tables it counted', async () => {
    const [orders, lines] = await dataFreshness(await routineDatabase(), NOW);
    expect(orders).toMatchObject({
      demo: false,
      // The second site's file, 30 minutes after the flat one: the last load, the same arrival.
      lastLoad: {
        loadId: 9,
        fileName: 'erp-w49-site2.csv',
        finishedAt: '2026-12-03T07:00:00.000Z',
      },
      daysSinceLastLoad: 4,
      arrivals: 4,
      // 7 d, 7 d, 7 d 30 min: the median is 7 days.
      cadence: { medianDays: 7, words: 'weekly' },
      cadenceNote: 'usually weekly',
      overdue: false,
      overdueReason: null,
    });
    expect(lines).toMatchObject({
      lastLoad: { loadId: 8, fileName: 'erp-w49.csv' },
      arrivals: 4,
      cadence: { words: 'weekly' },
      overdue: false,
    });
  });

  it('weekly loads with the last one 12 days ago: overdue, in words', async () => {
    const shipments = (await dataFreshness(await routineDatabase(), NOW))[2]!;
    expect(shipments).toMatchObject({
      table: 'shipments',
      // The undone (2 Dec), rejected (2 Dec) and unchanged (4 Dec) loads do not count.
      lastLoad: { loadId: 10, fileName: 'wms-w48.csv', finishedAt: '2026-11-25T08:00:00.000Z' },
      daysSinceLastLoad: 12,
      arrivals: 4,
      cadence: { medianDays: 7, words: 'weekly' },
      overdue: true,
      overdueReason:
        'Shipments are overdue: they usually arrive weekly; the last arrived 12 days ago.',
    });
  });

  it('a weekly source turns overdue past 10.5 days (1.5 × 7), not at 10', async () => {
    const db = await routineDatabase();
    const at = (iso: string) => dataFreshness(db, new Date(iso)).then((f) => f[2]!.overdue);
    expect(await at('2026-12-05T08:00:00Z')).toBe(false);
    expect(await at('2026-12-05T20:00:00Z')).toBe(false);
    expect(await at('2026-12-05T21:00:00Z')).toBe(true);
  });

  it('two loads only: the cadence is unknown and says so; never overdue', async () => {
    const returns = (await dataFreshness(await routineDatabase(), NOW))[3]!;
    expect(returns).toMatchObject({
      lastLoad: { loadId: 15, fileName: 'rma-nov-b.csv' },
      daysSinceLastLoad: 6,
      arrivals: 2,
      cadence: null,
      cadenceNote: 'usual interval not known yet (2 loads so far; it takes 3)',
      overdue: false,
    });
  });

  it('demo data only: says so, names no load and judges no cadence; empty tables are left out', async () => {
    const db = await openMemoryDatabase();
    await addLoads(db, [
      {
        id: 1,
        file: 'demo-orders.csv',
        target: 'orders',
        finished: '2026-10-01T08:00:00',
        demo: true,
      },
      {
        id: 2,
        file: 'demo-orders-2.csv',
        target: 'orders',
        finished: '2026-10-08T08:00:00',
        demo: true,
      },
      {
        id: 3,
        file: 'demo-orders-3.csv',
        target: 'orders',
        finished: '2026-10-15T08:00:00',
        demo: true,
      },
    ]);
    await addOrder(db, 'D1', '2025-06-30T12:00:00', 1);
    expect(await dataFreshness(db, NOW)).toEqual([
      {
        table: 'orders',
        label: 'Orders',
        dateOf: 'order date',
        rows: 1,
        newest: '2025-06-30T12:00:00.000Z',
        ageDays: 525,
        demo: true,
        lastLoad: null,
        daysSinceLastLoad: null,
        arrivals: 0,
        cadence: null,
        cadenceNote: 'generated demo data, so no delivery schedule is judged',
        overdue: false,
        overdueReason: null,
      },
    ]);
  });

  it('names a cadence in words', () => {
    const days = (n: number) => n * 86_400_000;
    expect(cadenceWords(days(0.25))).toBe('about every 6 hours');
    expect(cadenceWords(days(1))).toBe('daily');
    expect(cadenceWords(days(7))).toBe('weekly');
    expect(cadenceWords(days(10))).toBe('about every 10 days');
    expect(cadenceWords(days(14))).toBe('every two weeks');
    expect(cadenceWords(days(30.5))).toBe('monthly');
    expect(cadenceWords(days(91))).toBe('quarterly');
  });
});
