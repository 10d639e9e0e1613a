import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { fingerprint } from '@/lib/db/fingerprint';
import { parseMappingJson } from '../map/mapping';
import { listLoads, undoLoad } from './ledger';
import { loadExtract } from './load-extract';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const mappingOf = (name: string) => parseMappingJson(readFileSync(fixture(name), 'utf-8'));
const flatMapping = mappingOf('flat-small.mapping.json');

async function counts(db: Database) {
  const row = await db.one(
    `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
            (SELECT count(*) FROM shipments) AS shipments, (SELECT count(*) FROM returns) AS returns`,
  );
  return row;
}

describe('loadExtract: a flat extract', () => {
  it('maps one row per line onto orders, lines and shipments', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    expect(report.status).toBe('loaded');
    expect(report.rowsRead).toBe(5);
    expect(report.rowsInserted).toBe(5);
    expect(report.rowsRejected).toBe(0);
    expect(await counts(db)).toEqual({ orders: 3, lines: 5, shipments: 4, returns: 0 });
    const shipped = await db.all(
      'SELECT order_id, line_no, qty_shipped, ship_ts, ship_mode FROM shipments ORDER BY order_id, line_no',
    );
    expect(shipped).toEqual([
      {
        order_id: 'SO-1',
        line_no: 1,
        qty_shipped: 2,
        ship_ts: '2024-03-04T00:00:00.000Z',
        ship_mode: 'Standard',
      },
      {
        order_id: 'SO-1',
        line_no: 2,
        qty_shipped: 1,
        ship_ts: '2024-03-04T00:00:00.000Z',
        ship_mode: 'Standard',
      },
      {
        order_id: 'SO-2',
        line_no: 1,
        qty_shipped: 5,
        ship_ts: '2024-03-03T00:00:00.000Z',
        ship_mode: 'Express',
      },
      {
        order_id: 'SO-3',
        line_no: 2,
        qty_shipped: 4,
        ship_ts: '2024-03-08T00:00:00.000Z',
        ship_mode: 'Standard',
      },
    ]);
    const order = await db.one("SELECT order_ts, customer_id FROM orders WHERE order_id = 'SO-3'");
    expect(order).toEqual({ order_ts: '2024-03-05T00:00:00.000Z', customer_id: 'C-1' });
  });

  it('is idempotent: the same file twice changes nothing and says so', async () => {
    const db = await openMemoryDatabase();
    const first = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    const before = await fingerprint(db);
    const second = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    expect(second.status).toBe('unchanged');
    expect(second.loadId).toBe(first.loadId);
    expect(second.message).toMatch(/already loaded/);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('upserts by natural key, and undo restores exactly what was replaced', async () => {
    const db = await openMemoryDatabase();
    await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    const afterFirst = await fingerprint(db);
    const second = await loadExtract(db, {
      file: fixture('flat-small-changed.csv'),
      mapping: flatMapping,
    });
    expect(second.status).toBe('loaded');
    expect(second.tables).toEqual({
      orders: { inserted: 1, updated: 0, unchanged: 3 },
      order_lines: { inserted: 1, updated: 1, unchanged: 4 },
      shipments: { inserted: 1, updated: 1, unchanged: 3 },
    });
    expect(await db.one("SELECT qty_ordered FROM order_lines WHERE order_id = 'SO-2'")).toEqual({
      qty_ordered: 6,
    });
    const undone = await undoLoad(db, second.loadId!);
    expect(undone.removed).toMatchObject({ orders: 1, order_lines: 2, shipments: 2 });
    expect(undone.restored).toMatchObject({ orders: 0, order_lines: 1, shipments: 1 });
    const after = await fingerprint(db);
    for (const table of ['orders', 'order_lines', 'shipments', 'returns']) {
      expect(after[table], table).toEqual(afterFirst[table]);
    }
    const loads = await listLoads(db);
    expect(loads.map((l) => l.status)).toEqual(['undone', 'loaded']);
  });

  it('refuses to undo a load whose rows a later load replaced', async () => {
    const db = await openMemoryDatabase();
    const first = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    await loadExtract(db, { file: fixture('flat-small-changed.csv'), mapping: flatMapping });
    await expect(undoLoad(db, first.loadId!)).rejects.toThrow(/Undo load 2 first/);
  });

  it('a dry run reports the same counts and changes nothing', async () => {
    const db = await openMemoryDatabase();
    const before = await fingerprint(db);
    const report = await loadExtract(db, {
      file: fixture('flat-small.csv'),
      mapping: flatMapping,
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    expect(report.tables.order_lines).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
    expect(await fingerprint(db)).toEqual(before);
    expect(await listLoads(db)).toEqual([]);
    // Checking a file first leaves no gap in the ledger's numbering.
    const loaded = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    expect(loaded.loadId).toBe(1);
  });
});

describe('loadExtract: validation', () => {
  it('rejects a file with bad rows whole, naming file, row and column, and changes nothing', async () => {
    const db = await openMemoryDatabase();
    await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    const before = await fingerprint(db);
    const report = await loadExtract(db, { file: fixture('flat-bad.csv'), mapping: flatMapping });
    expect(report.status).toBe('rejected');
    expect(report.rowsRead).toBe(6);
    expect(report.rowsRejected).toBe(5);
    const byRule = Object.fromEntries(
      report.issues.map((i) => [i.rule, { row: i.row, column: i.column, orderId: i.orderId }]),
    );
    // Each with its row's order id, to find the row again (row 5 has none).
    expect(byRule).toEqual({
      ship_before_order: { row: 2, column: 'Ship Date', orderId: 'SO-8' },
      type: { row: 3, column: 'Order Date', orderId: 'SO-9' },
      negative_quantity: { row: 4, column: 'Quantity', orderId: 'SO-10' },
      required: { row: 5, column: 'Order ID', orderId: null },
      duplicate_key: { row: 6, column: null, orderId: 'SO-7' },
    });
    const typeIssue = report.issues.find((i) => i.rule === 'type')!;
    expect(typeIssue.message).toBe(
      'flat-bad.csv, row 3, column "Order Date": "2024-02-30" is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)',
    );
    expect(report.message).toMatch(
      /^flat-bad\.csv: 5 of 6 rows failed validation; nothing was loaded/,
    );
    expect(await fingerprint(db)).toEqual(before);
    expect((await listLoads(db))[0]).toMatchObject({ status: 'rejected', rowsRejected: 5 });
  });

  it('loads the valid rows when the rejected share is within the allowance, and writes the rejects', async () => {
    const db = await openMemoryDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rejects-'));
    const rejectsPath = path.join(dir, 'rejects.csv');
    const report = await loadExtract(db, {
      file: fixture('flat-bad.csv'),
      mapping: flatMapping,
      maxRejectedRows: 5,
      rejectsPath,
    });
    expect(report.status).toBe('loaded');
    expect(await counts(db)).toEqual({ orders: 1, lines: 1, shipments: 1, returns: 0 });
    const rejects = (await readFile(rejectsPath, 'utf-8')).trim().split('\n');
    expect(rejects[0]).toBe(
      'row,reasons,raw_line,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Line,SKU,Quantity',
    );
    expect(rejects).toHaveLength(6);
    // raw_line holds the row as the file has it, quoted once more as one CSV cell.
    expect(rejects[3]).toBe(
      '4,"flat-bad.csv, row 4, column ""Quantity"": quantity -3 is negative",' +
        '"SO-10,2024-03-05,2024-03-06,Standard,C-1,1,C-300,-3",' +
        'SO-10,2024-03-05,2024-03-06,Standard,C-1,1,C-300,-3',
    );
  });

  it('reports malformed rows with their row numbers', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: fixture('ragged.csv'),
      mapping: parseMappingJson('{"table":"orders","columns":{"order_id":"a","order_ts":"b"}}'),
    });
    expect(report.status).toBe('rejected');
    expect(report.issues.filter((i) => i.rule === 'malformed_row').map((i) => i.row)).toEqual([2]);
  });

  it('rejects an empty or header-only file with a clear message', async () => {
    const db = await openMemoryDatabase();
    const mapping = parseMappingJson(
      '{"table":"orders","columns":{"order_id":"order_id","order_ts":"order_ts"}}',
    );
    await expect(loadExtract(db, { file: fixture('header-only.csv'), mapping })).rejects.toThrow(
      'header-only.csv has a header but no data rows.',
    );
  });

  it('says which mapped column is missing from the file', async () => {
    const db = await openMemoryDatabase();
    const mapping = parseMappingJson(
      '{"table":"orders","columns":{"order_id":"Order No","order_ts":"Order Date"}}',
    );
    await expect(loadExtract(db, { file: fixture('flat-small.csv'), mapping })).rejects.toThrow(
      /flat-small\.csv has no column "Order No" \(for order_id\)/,
    );
  });
});

describe('loadExtract: dialects and encodings', () => {
  it('reads an SAP extract: semicolons, decimal commas, thousands dots, German dates, leading zeros', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      file: fixture('sap-vbap.csv'),
      mapping: mappingOf('sap-vbap.mapping.json'),
    });
    expect(report.status).toBe('loaded');
    expect(
      await db.all('SELECT order_id, line_no, qty_ordered FROM order_lines ORDER BY 1, 2'),
    ).toEqual([
      { order_id: '0000004711', line_no: 10, qty_ordered: 1234.5 },
      { order_id: '0000004711', line_no: 20, qty_ordered: 2.25 },
      { order_id: '0000004712', line_no: 10, qty_ordered: 7 },
    ]);
    expect(await db.all('SELECT order_id, order_ts, order_value FROM orders ORDER BY 1')).toEqual([
      { order_id: '0000004711', order_ts: '2024-01-03T00:00:00.000Z', order_value: 12345.67 },
      { order_id: '0000004712', order_ts: '2024-01-04T00:00:00.000Z', order_value: -5 },
    ]);
    expect(await db.all('SELECT line_no, qty_shipped, ship_ts FROM shipments ORDER BY 1')).toEqual([
      { line_no: 10, qty_shipped: 1234.5, ship_ts: '2024-01-05T00:00:00.000Z' },
      { line_no: 20, qty_shipped: 1, ship_ts: '2024-01-08T00:00:00.000Z' },
    ]);
    expect(report.detected).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
  });

  it.each(['orders-cp1252.csv', 'orders-utf16.csv', 'orders-utf8-bom.csv'])(
    'decodes %s exactly',
    async (name) => {
      const db = await openMemoryDatabase();
      const mapping = parseMappingJson(
        '{"table":"orders","columns":{"order_id":"order_id","order_ts":"order_ts","channel":"channel"}}',
      );
      const report = await loadExtract(db, { file: fixture(name), mapping });
      expect(report.status).toBe('loaded');
      const expectedChannel = name.includes('1252') ? 'café € shop' : 'café € shop';
      expect(await db.all('SELECT order_id, order_ts, channel FROM orders ORDER BY 1')).toEqual([
        { order_id: 'O-1', order_ts: '2024-01-01T10:00:00.000Z', channel: expectedChannel },
        { order_id: 'O-2', order_ts: '2024-01-02T00:00:00.000Z', channel: 'naïve' },
      ]);
    },
  );
});

describe('loadExtract: layouts', () => {
  it('reads a TSV and maps its headers automatically', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, { file: fixture('orders.tsv') });
    expect(report).toMatchObject({ status: 'loaded', table: 'flat', rowsRead: 2 });
    expect(report.detected?.delimiter).toBe('\t');
    expect(await counts(db)).toEqual({ orders: 2, lines: 2, shipments: 1, returns: 0 });
  });

  it('skips preamble lines above the header and says so; cancellation synonyms are recognised', async () => {
    const db = await openMemoryDatabase();
    const mapping = parseMappingJson(
      '{"table":"orders","columns":{"order_id":"order_id","order_ts":"order_ts","status":"status"}}',
    );
    const report = await loadExtract(db, { file: fixture('preamble.csv'), mapping });
    expect(report.status).toBe('loaded');
    expect(report.detected?.skipRows).toBe(3);
    expect(await db.all('SELECT order_id, status FROM orders ORDER BY 1')).toEqual([
      { order_id: 'P-1', status: 'open' },
      { order_id: 'P-2', status: 'cancelled' },
    ]);
  });
});
