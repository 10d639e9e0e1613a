import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import {
  addAnnotation,
  listAnnotations,
  noteLine,
  notesOfPeriod,
  placeNotes,
  removeAnnotation,
  type Annotation,
} from './annotations';

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

describe('annotations', () => {
  it('store a note over a range, for one KPI or all, and list those covering a range', async () => {
    const strike = await addAnnotation(
      db,
      { from: '2024-02-10', to: '2024-02-14', note: '  Carrier strike at DC-North ' },
      'ana',
    );
    expect(strike).toMatchObject({
      from: '2024-02-10',
      to: '2024-02-14',
      note: 'Carrier strike at DC-North',
      kpi: null,
      createdBy: 'ana',
    });
    // A single day: to defaults to from.
    const golive = await addAnnotation(
      db,
      { from: '2024-03-04', note: 'New WMS live', kpi: 'order_fill_rate' },
      'ana',
    );
    expect(golive.to).toBe('2024-03-04');
    await addAnnotation(
      db,
      { from: '2024-01-02', to: '2024-01-02', note: 'x', kpi: 'line_fill_rate' },
      null,
    );

    // February: only the strike (it covers 10–14 Feb); the go-live on 4 March is outside.
    expect(
      (await listAnnotations(db, { from: '2024-02-01', to: '2024-02-29' })).map((a) => a.note),
    ).toEqual(['Carrier strike at DC-North']);
    // A range that only touches the strike's last day still lists it.
    expect(await listAnnotations(db, { from: '2024-02-14', to: '2024-02-20' })).toHaveLength(1);
    expect(await listAnnotations(db, { from: '2024-02-15', to: '2024-03-03' })).toHaveLength(0);
    // For the fill rate: its own note and the note on every KPI, never the line fill rate's.
    expect((await listAnnotations(db, { kpi: 'order_fill_rate' })).map((a) => a.note)).toEqual([
      'Carrier strike at DC-North',
      'New WMS live',
    ]);
    expect(await listAnnotations(db)).toHaveLength(3);

    expect((await removeAnnotation(db, strike.id)).note).toBe('Carrier strike at DC-North');
    expect(await listAnnotations(db, { kpi: 'order_fill_rate' })).toHaveLength(1);
    await expect(removeAnnotation(db, strike.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuse an empty or long note, a range that ends before it starts, a bad date or KPI', async () => {
    const bad = [
      { from: '2024-02-10', note: '   ' },
      { from: '2024-02-10', note: 'x'.repeat(281) },
      { from: '2024-02-10', to: '2024-02-09', note: 'backwards' },
      { from: '2024-02-30', note: 'no such day' },
      { from: '2024-02-10', note: 'ok', url: 'extra key' },
    ];
    for (const input of bad)
      await expect(addAnnotation(db, input, 'ana'), JSON.stringify(input)).rejects.toBeInstanceOf(
        ZodError,
      );
    await expect(
      addAnnotation(db, { from: '2024-02-10', note: 'ok', kpi: 'no_such_kpi' }, 'ana'),
    ).rejects.toMatchObject({ code: 'unknown_kpi' });
    // 280 characters is allowed; the value is bound, so quotes are only text.
    const long = await addAnnotation(
      db,
      { from: '2024-02-10', note: `'); DROP TABLE annotations; --${'y'.repeat(250)}` },
      'ana',
    );
    expect(long.note).toHaveLength(280);
    expect(await listAnnotations(db)).toHaveLength(1);
  });
});

describe('notes on a trend', () => {
  const note = (id: string, from: string, to: string): Annotation => ({
    id,
    from,
    to,
    note: id,
    kpi: null,
    createdAt: '2024-04-01T00:00:00Z',
    createdBy: null,
  });
  const months = ['2024-01-01', '2024-02-01', '2024-03-01'];

  it('number the notes by first day and place each on the periods it covers', () => {
    const placed = placeNotes(
      [
        note('peak', '2024-02-20', '2024-03-05'),
        note('golive', '2024-01-31', '2024-01-31'),
        note('later', '2024-04-01', '2024-04-02'),
        note('before', '2023-12-01', '2023-12-31'),
      ],
      months,
      'month',
    );
    // The go-live (31 Jan) comes first; the peak spans February and March; April and December
    // fall outside the trend and are left out.
    expect(placed.map((p) => [p.number, p.annotation.id, p.firstPeriod, p.lastPeriod])).toEqual([
      [1, 'golive', '2024-01-01', '2024-01-01'],
      [2, 'peak', '2024-02-01', '2024-03-01'],
    ]);
    expect(notesOfPeriod(placed, '2024-02-01').map((p) => p.number)).toEqual([2]);
    expect(notesOfPeriod(placed, '2024-01-01').map((p) => p.number)).toEqual([1]);
    // Weeks start on Monday: 2024-01-29 covers 29 Jan – 4 Feb, so 31 Jan lands there.
    const weekly = placeNotes(
      [note('golive', '2024-01-31', '2024-01-31')],
      ['2024-01-22', '2024-01-29'],
      'week',
    );
    expect(weekly[0]).toMatchObject({ firstPeriod: '2024-01-29', lastPeriod: '2024-01-29' });
  });

  it('word a note with its days and what it is about', () => {
    expect(noteLine(note('Strike', '2024-02-10', '2024-02-14'))).toBe(
      '2024-02-10 to 2024-02-14 (all KPIs): Strike',
    );
    expect(
      noteLine(
        { ...note('WMS', '2024-03-04', '2024-03-04'), kpi: 'order_fill_rate' },
        () => 'Order fill rate',
      ),
    ).toBe('2024-03-04 (Order fill rate): WMS');
  });
});
