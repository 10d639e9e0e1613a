/**
 * The Superstore sample against its CSV twin. Reads the shared datasets folder (never copied into
 * the repo): ../shared/datasets beside the repo, or $ORDERLENS_DATASETS.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertXlsxToCsv, inspectXlsx } from './xlsx';
import { isLegacyXls, legacyXlsMessage, XlsxError } from './xlsx-container';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const datasets = process.env.ORDERLENS_DATASETS ?? path.resolve(repoRoot, '../shared/datasets');
const superstore = path.join(datasets, 'superstore');
const available = existsSync(superstore);
if (!available) console.warn(`[xlsx.datasets] ${superstore} not found: Superstore tests skipped`);

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe.skipIf(!available)(`Superstore workbook (${superstore})`, () => {
  const xlsx = path.join(superstore, 'Sample - Superstore.xlsx');
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-superstore-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the three sheets in the 1900 date system', async () => {
    expect(await inspectXlsx(xlsx)).toEqual({
      sheets: ['Orders', 'Returns', 'People'],
      date1904: false,
    });
  });

  it('converts Orders to the same rows as Orders.csv (ids, dates, quantities)', async () => {
    const out = path.join(dir, 'orders.csv');
    const result = await convertXlsxToCsv(xlsx, out, { sheet: 'Orders' });
    const expected = parseCsv(await readFile(path.join(superstore, 'Orders.csv'), 'utf8'));
    const actual = parseCsv(await readFile(out, 'utf8'));
    const header = expected[0] ?? [];
    expect(header.slice(0, 4)).toEqual(['Row ID', 'Order ID', 'Order Date', 'Ship Date']);
    expect(result.sheet).toBe('Orders');
    expect(result.rows).toBe(9994);
    expect(result.columns).toEqual(header);
    expect(actual[0]).toEqual(header);
    expect(actual).toHaveLength(9995);
    const pick = ['Order ID', 'Order Date', 'Ship Date', 'Quantity'].map((c) => header.indexOf(c));
    const project = (rows: string[][]) => rows.slice(1).map((row) => pick.map((i) => row[i]));
    const want = project(expected);
    const got = project(actual);
    const mismatches = got.filter((row, i) => JSON.stringify(row) !== JSON.stringify(want[i]));
    expect(mismatches).toEqual([]);
    expect(got[0]).toEqual(['CA-2013-152156', '2013-11-09', '2013-11-12', '2']);
  });

  it('converts Returns and People to their CSV twins exactly', async () => {
    for (const sheet of ['Returns', 'People']) {
      const out = path.join(dir, `${sheet}.csv`);
      const result = await convertXlsxToCsv(xlsx, out, { sheet });
      const expected = parseCsv(await readFile(path.join(superstore, `${sheet}.csv`), 'utf8'));
      expect(result.rows).toBe(expected.length - 1);
      expect(parseCsv(await readFile(out, 'utf8'))).toEqual(expected);
    }
  });

  it('recognises the legacy .xls and explains how to convert it', async () => {
    const xls = path.join(superstore, 'Sample - Superstore.xls');
    const handle = await open(xls, 'r');
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    await handle.close();
    expect(isLegacyXls(head)).toBe(true);
    const error = await inspectXlsx(xls).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('legacy_xls');
    expect((error as XlsxError).message).toBe(legacyXlsMessage);
  });
});
