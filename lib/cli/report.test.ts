import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/database';
import { fixtureMapping } from '@/test/fixture-mapping';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { canonicalTables } from '@/lib/model/canonical';
import { main } from './main';

let dir: string;
let dbFile: string;
const fixtures = path.join(__dirname, '..', 'kpi', 'fixtures');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-report-cli-'));
  dbFile = path.join(dir, 'report.duckdb');
  const db = await openDatabase(dbFile);
  for (const table of canonicalTables) {
    const file = path.join(fixtures, `${table}.csv`);
    await loadExtract(db, { file, mapping: await fixtureMapping(file, table) });
  }
  // An order whose customer and channel a spreadsheet would run as formulas. With a status: an
  // order of a file without one is unknown to the cancellation rate, and not in its list.
  const extra = path.join(dir, 'extra-orders.csv');
  await writeFile(
    extra,
    'order_id,order_ts,customer_id,channel,site,status\nH,2024-01-06 10:00:00,=SUM(1),@x,DC1,open\nI,2024-01-06 11:00:00,-2,+1,DC1,open\n',
  );
  await loadExtract(db, {
    file: extra,
    mapping: {
      table: 'orders',
      columns: {
        order_id: 'order_id',
        order_ts: 'order_ts',
        customer_id: 'customer_id',
        channel: 'channel',
        site: 'site',
        status: 'status',
      },
    } as never,
  });
});

describe('orderlens report', () => {
  it('writes an XLSX scorecard for the filters and KPIs asked for', async () => {
    const out = path.join(dir, 'report.xlsx');
    const result = await run([
      'report',
      '--format',
      'xlsx',
      '--out',
      out,
      '--db',
      dbFile,
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--site',
      'DC1',
      '--kpis',
      'order_shipment_cycle_time,order_fill_rate',
    ]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(out)) as never);
    const rows = book.getWorksheet('Scorecard')!.getSheetValues();
    // Site DC1: orders A (24 h) and B (96 h) are complete, a mean of 60 h.
    expect(rows.flat()).toEqual(expect.arrayContaining(['order_shipment_cycle_time', 60]));
    expect(book.worksheets).toHaveLength(7);
  });

  it('writes the drill-through list of a KPI as CSV with formula-looking text neutralised', async () => {
    const out = path.join(dir, 'drill.csv');
    const result = await run([
      'report',
      '--format',
      'csv',
      '--drill',
      'cancellation_rate',
      '--out',
      out,
      '--db',
      dbFile,
    ]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^order_id,order_ts,customer_id,channel,site/);
    expect(csv).toContain("H,2024-01-06 10:00:00,'=SUM(1),'@x,DC1");
    expect(csv).toContain("I,2024-01-06 11:00:00,'-2,'+1,DC1");
  });

  it.each([
    [['report', '--out', 'x.pdf'], /--format must be one of/],
    [['report', '--format', 'pdf'], /--out FILE is required/],
    [['report', '--format', 'pdf', '--out', 'x.pdf', '--by', 'planet'], /--by/],
    [['report', '--format', 'pdf', '--out', 'x.pdf', '--from', '1 May'], /--from takes a date/],
  ])('refuses %j as a usage error', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('says so when the KPI to drill into does not exist', async () => {
    const out = path.join(dir, 'none.csv');
    const result = await run([
      'report',
      '--format',
      'csv',
      '--drill',
      'no_such_kpi',
      '--out',
      out,
      '--db',
      dbFile,
    ]);
    expect(result).toMatchObject({ code: 1, err: 'There is no KPI "no_such_kpi".' });
  });
});
