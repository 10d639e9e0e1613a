/**
 * The fast load (fast-load.ts) against the full path: for clean files it is taken, for any file
 * that needs the full path it steps aside; either way the report, the tables and the ledger are
 * the ones the full path gives.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { canonicalTables } from '@/lib/model/canonical';
import type { Mapping } from '../map/mapping';
import { undoLoad } from './ledger';
import { loadExtract } from './load-extract';
import type { LoadOptions } from './load-options';
import { loadPathOf } from './load-report';

const HEADER = 'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts';
const lines = (n: number, edit?: (i: number, cells: string[]) => string[]) =>
  Array.from({ length: n }, (_, i) => {
    const cells = [
      `SO-${Math.floor(i / 3) + 1}`,
      String((i % 3) + 1),
      ` SKU-${i % 7} `,
      String((i % 5) + 1),
      (i * 1.25).toFixed(2),
      '0',
      i % 4 === 0 ? '' : `2024-03-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    ];
    return (edit ? edit(i, cells) : cells).join(',');
  });

async function csv(text: string, name = 'lines.csv'): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-fast-')), name);
  await writeFile(file, text);
  return file;
}

async function tables(db: Database) {
  const out: Record<string, unknown[]> = {};
  for (const table of canonicalTables) {
    out[table] = await db.all(`SELECT * FROM ${table} ORDER BY ALL`);
    out[`${table}_history`] = await db.all(`SELECT * FROM ${table}_history ORDER BY ALL`);
  }
  const ledger = await db.all(
    `SELECT load_id, file_name, content_hash, target, mapping::VARCHAR AS mapping, status, message,
            rows_read, rows_inserted, rows_updated, rows_unchanged, rows_rejected,
            table_counts::VARCHAR AS counts FROM loads ORDER BY load_id`,
  );
  return { ...out, ledger };
}

/** Load with the fast load allowed and with the full path only; both must agree in everything. */
async function both(options: LoadOptions, before?: (db: Database) => Promise<unknown>) {
  const fastDb = await openMemoryDatabase();
  const fullDb = await openMemoryDatabase();
  await before?.(fastDb);
  await before?.(fullDb);
  const settle = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      (error: Error) => ({ error: error.message }),
    );
  const fast = await settle(loadExtract(fastDb, options));
  const full = await settle(loadExtract(fullDb, { ...options, fastLoad: false }));
  expect(fast).toEqual(full);
  expect(await tables(fastDb)).toEqual(await tables(fullDb));
  const report =
    'value' in fast ? (fast.value as Awaited<ReturnType<typeof loadExtract>>) : undefined;
  return {
    report,
    path: report ? loadPathOf(report) : undefined,
    error: 'error' in fast ? fast.error : undefined,
  };
}

describe('the fast load', () => {
  it('takes a clean file with ISO dates, plain numbers and an empty date column', async () => {
    const file = await csv([HEADER, ...lines(300)].join('\n') + '\n');
    const { report, path: taken } = await both({ file, table: 'order_lines' });
    expect(taken).toBe('fast');
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 300, rowsInserted: 300 });
  });

  it('takes a clean Parquet file whose column types match', async () => {
    const db = await openMemoryDatabase();
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-fast-')), 'l.parquet');
    await db.run(
      `COPY (SELECT 'SO-' || (i // 2) AS order_id, (i % 2 + 1)::INTEGER AS line_no, (3.0 + i)::DOUBLE AS qty_ordered,
                    TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS promised_ship_ts
               FROM range(1000) t(i)) TO '${file}' (FORMAT parquet)`,
    );
    const { report, path: taken } = await both({ file, table: 'order_lines' });
    expect(taken).toBe('fast');
    expect(report).toMatchObject({ rowsInserted: 1000 });
  });

  it('reads past the probe: a bad value or many after the first 5000 rows', async () => {
    const bad = (from: number, to: number) =>
      [
        HEADER,
        ...lines(7200, (i, c) =>
          i >= from && i <= to ? [c[0]!, c[1]!, c[2]!, 'abc', ...c.slice(4)] : c,
        ),
      ].join('\n');
    for (const text of [bad(6000, 6000), bad(5100, 7100)]) {
      const file = await csv(text + '\n');
      const { report, path: taken } = await both({ file, table: 'order_lines' });
      expect(taken).toBe('full');
      expect(report?.status).toBe('rejected');
      expect(report?.issues[0]?.message).toMatch(
        /lines\.csv, row (6001|5101), column "qty_ordered"/,
      );
    }
  });

  const cases: [string, string][] = [
    [
      'a value that is not a number late in the file',
      [
        HEADER,
        ...lines(500, (i, c) => (i === 450 ? [c[0]!, c[1]!, c[2]!, 'abc', ...c.slice(4)] : c)),
      ].join('\n'),
    ],
    [
      'a negative quantity',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 20 ? [c[0]!, c[1]!, c[2]!, '-2', ...c.slice(4)] : c)),
      ].join('\n'),
    ],
    [
      'a repeated key',
      [HEADER, ...lines(50, (i, c) => (i === 40 ? ['SO-1', '1', ...c.slice(2)] : c))].join('\n'),
    ],
    [
      'a null token in a quantity',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 7 ? [c[0]!, c[1]!, c[2]!, 'NA', ...c.slice(4)] : c)),
      ].join('\n'),
    ],
    [
      'a blank quantity',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 7 ? [c[0]!, c[1]!, c[2]!, '   ', ...c.slice(4)] : c)),
      ].join('\n'),
    ],
    [
      'an infinite price',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 9 ? [...c.slice(0, 4), 'inf', ...c.slice(5)] : c)),
      ].join('\n'),
    ],
    [
      'NaN as a price',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 9 ? [...c.slice(0, 4), 'NaN', ...c.slice(5)] : c)),
      ].join('\n'),
    ],
    [
      'a currency sign',
      [
        HEADER,
        ...lines(50, (i, c) => (i === 9 ? [...c.slice(0, 4), '$12.50', ...c.slice(5)] : c)),
      ].join('\n'),
    ],
    [
      'day-first dates',
      [
        HEADER,
        ...lines(50, (i, c) => [
          ...c.slice(0, 6),
          `${String((i % 28) + 1).padStart(2, '0')}.03.2024`,
        ]),
      ].join('\n'),
    ],
    [
      'a repeated header row',
      [HEADER, ...lines(20), HEADER, ...lines(20).map((l) => l.replace(/^SO-/, 'SO-B'))].join('\n'),
    ],
    [
      'a row with a field too many',
      [HEADER, ...lines(50, (i, c) => (i === 30 ? [...c, 'extra'] : c))].join('\n'),
    ],
    [
      'a row with fields missing',
      [HEADER, ...lines(50, (i, c) => (i === 30 ? c.slice(0, 3) : c))].join('\n'),
    ],
    [
      'an integer written as a decimal',
      [HEADER, ...lines(50, (i, c) => (i === 3 ? [c[0]!, '1.0', ...c.slice(2)] : c))].join('\n'),
    ],
    ['a header and no rows', HEADER],
    [
      'a timestamp with an offset',
      [HEADER, ...lines(20, (i, c) => [...c.slice(0, 6), '2024-03-01T10:00:00+02:00'])].join('\n'),
    ],
    [
      'CRLF line breaks and quoted values',
      [HEADER, ...lines(30).map((l) => l.replace(/^([^,]*)/, '"$1"'))].join('\r\n'),
    ],
  ];
  for (const [what, text] of cases) {
    it(`gives the full path's outcome for ${what}`, async () => {
      const file = await csv(text + '\n');
      const { report, error } = await both({ file, table: 'order_lines' });
      expect(report ?? error).toBeDefined();
    });
  }

  it('steps aside for a header whose typed cells read as numbers', async () => {
    const mapping: Mapping = {
      table: 'order_lines',
      columns: { order_id: 'order', line_no: '1', qty_ordered: '2' },
    };
    const file = await csv(['order,1,2', 'SO-1,1,3', 'SO-1,2,4', 'SO-2,1,5'].join('\n') + '\n');
    const { report, path: taken } = await both({ file, mapping });
    expect(taken).toBe('full');
    expect(report).toMatchObject({ rowsInserted: 3 });
  });

  it('steps aside for null tokens, value maps and decimal commas in the mapping', async () => {
    const base = { order_id: 'order_id', line_no: 'line_no', qty_ordered: 'qty_ordered' };
    const text = ['order_id,line_no,qty_ordered', 'SO-1,1,3', 'SO-1,2,-', 'SO-2,1,"4,5"'].join(
      '\n',
    );
    for (const extra of [
      { nullValues: ['-'] },
      { decimalSeparator: ',' as const },
      { values: { qty_ordered: { '-': '0' } } },
    ]) {
      const file = await csv(text + '\n');
      const { path: taken } = await both({
        file,
        mapping: { table: 'order_lines', columns: base, ...extra },
      });
      expect(taken).toBe('full');
    }
  });

  it('merges into a table with rows as the full path does: new, changed and unchanged rows, history and undo', async () => {
    const first = await csv([HEADER, ...lines(30)].join('\n') + '\n', 'a.csv');
    // Lines 0, 10 and 20 get another quantity; lines 30–39 (orders SO-11 to SO-14) are new.
    const second = await csv(
      [HEADER, ...lines(40, (i, c) => (i % 10 === 0 ? [...c.slice(0, 3), '9', ...c.slice(4)] : c))]
        .join('\n')
        .concat('\n'),
      'b.csv',
    );
    const loadFirst = (db: Database) => loadExtract(db, { file: first, table: 'order_lines' });
    const merged = await both({ file: second, table: 'order_lines' }, loadFirst);
    expect(merged.path).toBe('fast');
    expect(merged.report?.tables.order_lines).toEqual({ inserted: 10, updated: 3, unchanged: 27 });
    expect(merged.report).toMatchObject({ rowsRead: 40, rowsInserted: 10, rowsUpdated: 3 });

    // Undone, the three replaced lines come back from the history and the ten new ones go.
    const db = await openMemoryDatabase();
    await loadFirst(db);
    const before = await db.all('SELECT * EXCLUDE (load_id) FROM order_lines ORDER BY ALL');
    const again = await loadExtract(db, { file: second, table: 'order_lines' });
    expect(loadPathOf(again)).toBe('fast');
    expect(await db.one('SELECT count(*) AS n FROM order_lines_history')).toEqual({ n: 3 });
    await undoLoad(db, again.loadId!);
    expect(await db.all('SELECT * EXCLUDE (load_id) FROM order_lines ORDER BY ALL')).toEqual(
      before,
    );
  });

  it('dry-runs as the full path does, into an empty table and into one with rows, changing nothing', async () => {
    const first = await csv([HEADER, ...lines(30)].join('\n') + '\n', 'a.csv');
    const second = await csv(
      [HEADER, ...lines(36, (i, c) => (i === 4 ? [...c.slice(0, 3), '7', ...c.slice(4)] : c))]
        .join('\n')
        .concat('\n'),
      'b.csv',
    );
    const empty = await both({ file: first, table: 'order_lines', dryRun: true });
    expect(empty.path).toBe('fast');
    expect(empty.report).toMatchObject({ dryRun: true, loadId: null, rowsInserted: 30 });
    const loadFirst = (db: Database) => loadExtract(db, { file: first, table: 'order_lines' });
    const merged = await both({ file: second, table: 'order_lines', dryRun: true }, loadFirst);
    expect(merged.path).toBe('fast');
    expect(merged.report?.tables.order_lines).toEqual({ inserted: 6, updated: 1, unchanged: 29 });
    // Nothing was written: the first load's 30 lines and its one ledger row (compared by both()).
    const db = await openMemoryDatabase();
    await loadFirst(db);
    await loadExtract(db, { file: second, table: 'order_lines', dryRun: true });
    expect(await db.one('SELECT count(*) AS n FROM order_lines')).toEqual({ n: 30 });
    expect(await db.one('SELECT count(*) AS n FROM loads')).toEqual({ n: 1 });
  });

  it('steps aside on a table with rows for a repeated key or a bad value, leaving the rows as they were', async () => {
    const first = await csv([HEADER, ...lines(30)].join('\n') + '\n', 'a.csv');
    const repeated = await csv([HEADER, ...lines(30), lines(30)[4]!].join('\n') + '\n', 'r.csv');
    const bad = await csv(
      [HEADER, ...lines(30, (i, c) => (i === 7 ? [...c.slice(0, 3), 'x', ...c.slice(4)] : c))]
        .join('\n')
        .concat('\n'),
      'x.csv',
    );
    for (const file of [repeated, bad]) {
      const { path: taken, report } = await both({ file, table: 'order_lines' }, (db) =>
        loadExtract(db, { file: first, table: 'order_lines' }),
      );
      expect(taken).toBe('full');
      expect(report?.rowsRejected).toBeGreaterThan(0);
    }
  });
});
