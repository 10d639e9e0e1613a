import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { buildXlsx, sheetXml } from '../fixtures/xlsx-fixtures';
import { countRecords, previewUpload, recordEnd } from './preview';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const tempFile = async (name: string, data: string | Buffer) => {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-preview-test-')), name);
  await writeFile(file, data);
  return file;
};

describe('previewUpload', () => {
  it('shows the headers, first rows and a proposed flat mapping of a small CSV', async () => {
    const db = await openMemoryDatabase();
    const preview = await previewUpload(db, fixture('flat-small.csv'), 'flat-small.csv');
    expect(preview.kind).toBe('csv');
    expect(preview.headers).toEqual([
      'Order ID',
      'Order Date',
      'Ship Date',
      'Ship Mode',
      'Customer ID',
      'Line',
      'SKU',
      'Quantity',
    ]);
    expect(preview.rows[0]).toEqual([
      'SO-1',
      '2024-03-01',
      '2024-03-04',
      'Standard',
      'C-1',
      '1',
      'A-100',
      '2',
    ]);
    // An empty cell is shown as empty text.
    expect(preview.rows[3]?.[2]).toBe('');
    expect(preview.totalRows).toBe(5);
    expect(preview.rows).toHaveLength(5);
    expect(preview.samples['Order ID']).toEqual(['SO-1', 'SO-1', 'SO-2', 'SO-3', 'SO-3']);
    expect(preview.detected).toMatchObject({ encoding: 'utf-8', delimiter: ',', header: true });
    expect(preview.detected.dateFormats.order_ts).toEqual({ format: 'iso', ambiguous: false });
    expect(preview.proposal.target).toBe('flat');
    expect(preview.proposal.columns).toMatchObject({
      order_id: 'Order ID',
      order_ts: 'Order Date',
      qty_ordered: 'Quantity',
    });
    expect(preview.proposal.unmappedRequired).toEqual([]);
    expect(preview.sheets).toBeUndefined();
    // The preview database is left as it was found.
    expect(await db.all('SELECT table_name FROM duckdb_tables() WHERE temporary')).toEqual([]);
  });

  it('maps onto a chosen table and honours reading settings', async () => {
    const db = await openMemoryDatabase();
    const preview = await previewUpload(db, fixture('flat-small.csv'), 'flat-small.csv', {
      table: 'orders',
    });
    expect(preview.proposal.target).toBe('orders');
    expect(preview.proposal.columns.qty_ordered).toBeUndefined();
    const semicolon = await previewUpload(db, fixture('flat-small.csv'), 'flat-small.csv', {
      settings: { delimiter: ';' },
    });
    expect(semicolon.headers).toEqual([
      'Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Line,SKU,Quantity',
    ]);
  });

  it('reads a European export: semicolons, decimal commas, windows-1252', async () => {
    const db = await openMemoryDatabase();
    const text = 'Auftrag;Datum;Menge;Preis\nA-1;31.01.2024;2;1.234,50\nA-2;01.02.2024;1;9,99\n';
    const file = await tempFile('de.csv', Buffer.from(text.replace('Menge', 'Mänge'), 'latin1'));
    const preview = await previewUpload(db, file, 'de.csv');
    expect(preview.detected.encoding).toBe('windows-1252');
    expect(preview.detected.delimiter).toBe(';');
    expect(preview.headers[2]).toBe('Mänge');
    expect(preview.rows[0]).toEqual(['A-1', '31.01.2024', '2', '1.234,50']);
  });

  it('lists the sheets of a workbook and previews the chosen one', async () => {
    const db = await openMemoryDatabase();
    const cell = (ref: string, text: string) =>
      `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const rows = (id: string) =>
      `<row r="1">${cell('A1', 'Order ID')}${cell('B1', 'Order Date')}</row>` +
      `<row r="2">${cell('A2', id)}${cell('B2', '2024-03-01')}</row>`;
    const file = await tempFile(
      'book.xlsx',
      buildXlsx({
        sheets: [
          { name: 'Notes', xml: sheetXml(rows('N-1')) },
          { name: 'Orders', xml: sheetXml(rows('SO-9')) },
        ],
      }),
    );
    const first = await previewUpload(db, file, 'book.xlsx');
    expect(first).toMatchObject({ kind: 'xlsx', sheets: ['Notes', 'Orders'], sheet: 'Notes' });
    const chosen = await previewUpload(db, file, 'book.xlsx', { sheet: 'Orders' });
    expect(chosen.sheet).toBe('Orders');
    expect(chosen.rows).toEqual([['SO-9', '2024-03-01']]);
    expect(chosen.totalRows).toBe(1);
  });

  it('reads only the head of a large CSV, cut between records, and counts all its rows', async () => {
    const db = await openMemoryDatabase();
    const lines = ['Order ID,Order Date,Note'];
    for (let i = 0; i < 60_000; i++)
      lines.push(`SO-${i},2024-03-01,"a note ""quoted""\nover two lines"`);
    const file = await tempFile('large.csv', lines.join('\n') + '\n');
    const preview = await previewUpload(db, file, 'large.csv');
    // 60,000 records of two lines each: the quoted line breaks are not counted.
    expect(preview.totalRows).toBe(60_000);
    expect(preview.malformedRows).toBe(0);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[1]).toEqual(['SO-1', '2024-03-01', 'a note "quoted"\nover two lines']);
  });

  it('previews Parquet from its first rows and counts all of them', async () => {
    const db = await openMemoryDatabase();
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-pq-')), 'o.parquet');
    await db.run(
      `COPY (SELECT 'SO-' || i AS order_id, DATE '2024-01-01' + i::INT AS order_ts FROM range(5000) t(i)) TO '${file}' (FORMAT parquet)`,
    );
    const preview = await previewUpload(db, file, 'o.parquet');
    expect(preview).toMatchObject({ kind: 'parquet', totalRows: 5000 });
    expect(preview.rows[0]).toEqual(['SO-0', '2024-01-01']);
    expect(preview.proposal.columns).toMatchObject({ order_id: 'order_id', order_ts: 'order_ts' });
  });

  it('refuses what is not an extract, in plain words', async () => {
    const db = await openMemoryDatabase();
    const file = await tempFile('x.csv', '%PDF-1.4 ...');
    await expect(previewUpload(db, file, 'x.csv')).rejects.toThrow(
      'x.csv is a PDF document, not a CSV, TSV, XLSX or Parquet file.',
    );
  });
});

describe('countRecords', () => {
  it('counts line breaks outside quotes, a last record without one, and no empty lines', async () => {
    const count = async (text: string, from = 0) =>
      countRecords(await tempFile('r.csv', text), from);
    expect(await count('a,b\n1,2\n3,4')).toBe(3);
    expect(await count('a,b\r\n1,"x\r\ny"\r\n\r\n3,4\r\n\r\n')).toBe(3);
    expect(await count('a,b\r1,2\r')).toBe(2);
    expect(await count('a,b\n1,"say ""hi""\nthere"\n2,3\n', 4)).toBe(2);
    expect(await count('')).toBe(0);
  });
});

describe('recordEnd', () => {
  const end = (text: string) => recordEnd(new TextEncoder().encode(text));
  it('cuts after the last line break outside quotes', () => {
    expect(end('a,b\n1,2\n3,4')).toBe(8);
    expect(end('a,b\n1,"x\ny"\n3,"4\n')).toBe(12);
    expect(end('a,b\r\n1,2\r\n3')).toBe(10);
    expect(end('no break')).toBe(-1);
  });
});
