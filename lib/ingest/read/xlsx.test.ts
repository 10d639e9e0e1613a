import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOle, buildXlsx, buildZip, minimalStyles, sheetXml } from '../fixtures/xlsx-fixtures';
import { convertXlsxToCsv, inspectXlsx } from './xlsx';
import { defaultXlsxLimits, isLegacyXls, legacyXlsMessage, XlsxError } from './xlsx-container';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const next = (ext: string) => path.join(dir, `f${++counter}.${ext}`);

/** Write a workbook with exceljs's (non-streaming) writer. */
async function excelFile(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = next('xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

async function rawFile(data: Buffer, ext = 'xlsx'): Promise<string> {
  const file = next(ext);
  await writeFile(file, data);
  return file;
}

async function convert(file: string, options: Parameters<typeof convertXlsxToCsv>[2] = {}) {
  const out = next('csv');
  const result = await convertXlsxToCsv(file, out, options);
  return { ...result, csv: await readFile(out, 'utf8') };
}

async function rejection(promise: Promise<unknown>): Promise<XlsxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxError);
  return error as XlsxError;
}

const utc = (...parts: [number, number, number, number?, number?, number?, number?]) =>
  new Date(Date.UTC(...parts));

describe('cell values', () => {
  it('writes dates as YYYY-MM-DD, or with the time when it is not midnight, rounding seconds', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('Dates');
      ws.addRow(['date', 'datetime', 'rounded']);
      ws.addRow([
        utc(2013, 10, 9),
        utc(2020, 1, 29, 13, 45, 30),
        utc(2020, 1, 29, 23, 59, 59, 600),
      ]);
      ws.addRow([utc(1999, 11, 31), utc(2014, 0, 2, 0, 0, 1), utc(2016, 6, 4, 8, 15, 0, 400)]);
    });
    const { csv, rows } = await convert(file);
    expect(rows).toBe(2);
    expect(csv).toBe(
      'date,datetime,rounded\n' +
        '2013-11-09,2020-02-29 13:45:30,2020-03-01\n' +
        '1999-12-31,2014-01-02 00:00:01,2016-07-04 08:15:00\n',
    );
  });

  it('recognises date formats exceljs misses (upper case) and leaves number formats alone', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('Formats');
      ws.addRow(['upper', 'custom', 'money', 'days', 'percent']);
      ws.addRow([41587, 41587.5, 1234.5, 12, 0.2]);
      ws.getCell('A2').numFmt = 'YYYY-MM-DD';
      ws.getCell('B2').numFmt = 'dd/mm/yyyy hh:mm';
      ws.getCell('C2').numFmt = '#,##0.00 [$€-407]';
      ws.getCell('D2').numFmt = '0 "days"';
      ws.getCell('E2').numFmt = '0%';
    });
    const { csv } = await convert(file);
    expect(csv).toBe(
      'upper,custom,money,days,percent\n2013-11-09,2013-11-09 12:00:00,1234.5,12,0.2\n',
    );
  });

  it('reads a 1904-date-system workbook written by exceljs (plain, formula and serial cells)', async () => {
    const file = await excelFile((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Mac');
      ws.addRow(['order date', 'next day', 'serial']);
      ws.addRow([utc(2013, 10, 9), { formula: 'A2+1', result: utc(2013, 10, 10) }, 40125]);
      ws.getCell('B2').numFmt = 'yyyy-mm-dd';
      ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    });
    expect(await inspectXlsx(file)).toEqual({ sheets: ['Mac'], date1904: true });
    const { csv } = await convert(file);
    expect(csv).toBe('order date,next day,serial\n2013-11-09,2013-11-10,2013-11-09\n');
  });

  it('honours date1904="true", which exceljs alone ignores', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>40125</v></c></row><row r="3"><c r="A3" s="2"><v>40125.75</v></c></row>';
    const file = await rawFile(
      buildXlsx({
        sheets: [{ name: 'S', xml: sheetXml(rows) }],
        workbookPr: 'date1904="true"',
        styles: minimalStyles,
      }),
    );
    expect((await inspectXlsx(file)).date1904).toBe(true);
    expect((await convert(file)).csv).toBe('when\n2013-11-09\n2013-11-09 18:00:00\n');
  });

  it('writes numbers as their shortest round-trip text, without exponents', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('N');
      ws.addRow(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      ws.addRow([261.96, 0.2, 731.9399999999999, 1e21, 1.5e-7, -42, 0]);
    });
    expect((await convert(file)).csv).toBe(
      'a,b,c,d,e,f,g\n261.96,0.2,731.9399999999999,1000000000000000000000,0.00000015,-42,0\n',
    );
  });

  it('keeps text that looks like a number exactly, and writes booleans and errors', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('T');
      ws.addRow(['zip', 'sci', 'flag', 'off', 'err']);
      ws.addRow(['000123', '1e5', true, false, { error: '#N/A' }]);
    });
    expect((await convert(file)).csv).toBe('zip,sci,flag,off,err\n000123,1e5,TRUE,FALSE,\n');
  });

  it('writes the cached result of formulas, never the formula', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('F');
      ws.addRow(['n', 'double', 'upper', 'broken', 'uncalculated']);
      ws.addRow([
        42,
        { formula: 'A2*2', result: 84 },
        { formula: 'UPPER("abc")', result: 'ABC' },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'A2+1' },
      ]);
    });
    expect((await convert(file)).csv).toBe('n,double,upper,broken,uncalculated\n42,84,ABC,,\n');
  });

  it('concatenates rich text runs', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('R');
      ws.addRow([{ richText: [{ text: 'Product ' }, { font: { bold: true }, text: 'Name' }] }]);
      ws.addRow([{ richText: [{ text: 'Chair, ' }, { font: { italic: true }, text: 'oak' }] }]);
    });
    const { csv, columns } = await convert(file);
    expect(columns).toEqual(['Product Name']);
    expect(csv).toBe('Product Name\n"Chair, oak"\n');
  });

  it('reads inline strings, OOXML _xHHHH_ escapes and non-ASCII text split across chunks', async () => {
    const word = 'Zürich € 東京 😀';
    const body = Array.from(
      { length: 6000 },
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>0</v></c><c r="B${i + 2}" t="inlineStr"><is><t>${word}</t></is></c></row>`,
    ).join('');
    const head =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="B1" t="inlineStr"><is><t>x_x005F_x000D_</t></is></c></row>';
    const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${word}</t></si></sst>`;
    const file = await rawFile(
      buildXlsx({ sheets: [{ name: 'U', xml: sheetXml(head + body) }], sharedStrings: strings }),
    );
    const { csv, rows, columns } = await convert(file);
    expect(columns).toEqual(['a\rb', 'x_x000D_']);
    expect(rows).toBe(6000);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('"a\rb",x_x000D_');
    expect(lines.slice(1, -1).every((line) => line === `${word},${word}`)).toBe(true);
  });
});

describe('rows and CSV layout', () => {
  it('names blank header cells column_N', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('H');
      ws.addRow(['id', null, 'name']);
      ws.addRow([1, 'x', 'Ann']);
    });
    const { csv, columns } = await convert(file);
    expect(columns).toEqual(['id', 'column_2', 'name']);
    expect(csv).toBe('id,column_2,name\n1,x,Ann\n');
  });

  it('pads short rows, widens the header for wider rows and skips empty rows', async () => {
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('Ragged');
      ws.getCell('B3').value = 'a';
      ws.getCell('C3').value = 'b';
      ws.getCell('B4').value = 1;
      ws.getCell('B6').value = 2;
      ws.getCell('C6').value = 3;
      ws.getCell('E6').value = 'far';
      ws.getCell('B7').value = 4;
    });
    const { csv, rows, columns } = await convert(file);
    expect(columns).toEqual(['column_1', 'a', 'b', 'column_4', 'column_5']);
    expect(rows).toBe(3);
    expect(csv).toBe('column_1,a,b,column_4,column_5\n,1,,,\n,2,3,,far\n,4,,,\n');
  });

  it('quotes fields holding commas, quotes, CR or LF (RFC 4180)', async () => {
    // A raw CR cannot survive XML (parsers turn CRLF into LF); Excel writes CR as _x000D_ (above).
    const values = ['a,b', 'say "hi"', 'line1\nline2', 'crlf\r\nhere', 'plain', ' spaced '];
    const file = await excelFile((wb) => {
      const ws = wb.addWorksheet('Q');
      ws.addRow(values.map((_, i) => `c${i}`));
      ws.addRow(values);
    });
    const { csv } = await convert(file);
    expect(csv).toBe(
      'c0,c1,c2,c3,c4,c5\n"a,b","say ""hi""","line1\nline2","crlf\nhere",plain, spaced \n',
    );
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.data[1]).toEqual(values.map((v) => v.replace('\r\n', '\n')));
  });

  it('does not allocate per declared cell for a huge, nearly empty sheet', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>' +
      '<row r="1048576"><c r="A1048576"><v>7</v></c></row>';
    const file = await rawFile(
      buildXlsx({ sheets: [{ name: 'Big', xml: sheetXml(rows, 'A1:XFD1048576') }] }),
    );
    const started = performance.now();
    const { csv } = await convert(file);
    expect(csv).toBe('id\n7\n');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects an empty sheet', async () => {
    const file = await excelFile((wb) => void wb.addWorksheet('Nothing'));
    const error = await rejection(convert(file));
    expect(error.code).toBe('empty_sheet');
    expect(error.message).toBe('The sheet "Nothing" is empty.');
  });

  it('reports a malformed sheet as damaged, naming the sheet', async () => {
    const xml = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</sheetData>', '');
    const file = await rawFile(buildXlsx({ sheets: [{ name: 'Broken', xml }] }));
    const error = await rejection(convert(file));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'The sheet "Broken" could not be read: the file is damaged or is not a valid .xlsx workbook.',
    );
  });

  it('rejects a workbook without worksheets', async () => {
    const file = await rawFile(buildXlsx({ sheets: [] }));
    const error = await rejection(inspectXlsx(file));
    expect(error.code).toBe('no_sheets');
    expect(error.message).toBe('This workbook has no worksheets.');
  });
});

describe('sheets', () => {
  async function threeSheets() {
    return excelFile((wb) => {
      wb.addWorksheet('Lookup', { state: 'hidden' }).addRow(['hidden']);
      wb.addWorksheet('Orders').addRow(['order']);
      wb.addWorksheet('Second Sheet').addRow(['second']);
    });
  }

  it('lists sheets and defaults to the first visible one', async () => {
    const file = await threeSheets();
    expect(await inspectXlsx(file)).toEqual({
      sheets: ['Lookup', 'Orders', 'Second Sheet'],
      date1904: false,
    });
    const result = await convert(file);
    expect(result.sheet).toBe('Orders');
    expect(result.csv).toBe('order\n');
  });

  it('selects a sheet by name, exactly or ignoring case', async () => {
    const file = await threeSheets();
    expect((await convert(file, { sheet: 'Second Sheet' })).csv).toBe('second\n');
    expect((await convert(file, { sheet: 'second sheet' })).sheet).toBe('Second Sheet');
    expect((await convert(file, { sheet: 'Lookup' })).csv).toBe('hidden\n');
  });

  it('names the available sheets when the sheet does not exist', async () => {
    const file = await threeSheets();
    const out = next('csv');
    const error = await rejection(convertXlsxToCsv(file, out, { sheet: 'Returns' }));
    expect(error.code).toBe('sheet_not_found');
    expect(error.message).toBe(
      'There is no sheet named "Returns" in this workbook. Available sheets: "Lookup", "Orders", "Second Sheet".',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('finds sheets by relationship whatever the part name, order or target form', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>';
    const file = await rawFile(
      buildXlsx({
        sheets: [{ name: 'Data', xml: sheetXml(rows), part: 'worksheets/data.xml' }],
        absoluteTargets: true,
        workbookLast: true,
      }),
    );
    expect((await convert(file)).csv).toBe('k\n1\n');
  });
});

describe('unsafe or foreign files', () => {
  const zeros = Buffer.alloc(50 * 1024 * 1024);
  const bomb = () =>
    buildZip([
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);

  it('rejects a zip bomb from its directory, before inflating anything', async () => {
    const file = await rawFile(bomb());
    const started = performance.now();
    const error = await rejection(inspectXlsx(file, { ...defaultXlsxLimits, maxRatio: 50 }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('compressed more than 50 to 1');
    expect((await rejection(inspectXlsx(file))).message).toContain('more than 200 to 1');
  });

  it('rejects a declared size over the limit and too many entries', async () => {
    const huge = await rawFile(
      buildZip([
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/worksheets/sheet1.xml', data: 'x'.repeat(100), declaredSize: 3_000_000_000 },
      ]),
    );
    const error = await rejection(inspectXlsx(huge));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('expands to more than 2 GB');
    const many = await rawFile(
      buildZip(Array.from({ length: 12 }, (_, i) => ({ name: `p${i}.xml`, data: '<a/>' }))),
    );
    const limits = { ...defaultXlsxLimits, maxEntries: 10 };
    expect((await rejection(inspectXlsx(many, limits))).message).toContain('more than 10 parts');
  });

  it('stops a sheet that inflates past its declared size (a lying directory)', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    );
    // The sheet part is declared as 1000 bytes: under every limit, and a lie.
    const liar = { name: 'Liar', xml: sheetXml(rows.join('')), declaredSize: 1000 };
    const file = await rawFile(buildXlsx({ sheets: [liar] }));
    const out = next('csv');
    const error = await rejection(convertXlsxToCsv(file, out));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'The sheet "Liar" could not be read: the file is damaged or is not a valid .xlsx workbook.',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says a random file, an empty file or a non-workbook zip is not an Excel workbook', async () => {
    const random = await rawFile(Buffer.from('Order ID,Sales\nCA-1,12\n'));
    const empty = await rawFile(Buffer.alloc(0));
    const docx = await rawFile(buildZip([{ name: 'word/document.xml', data: '<w/>' }]));
    for (const file of [random, empty, docx]) {
      const error = await rejection(inspectXlsx(file));
      expect(error.code).toBe('not_xlsx');
      expect(error.message).toBe(
        'This file is not an Excel workbook (.xlsx). Upload an .xlsx or a CSV file.',
      );
      expect(error.message).not.toContain(dir);
    }
  });

  it('recognises password-protected workbooks, by OLE container or zip encryption flag', async () => {
    const ole = await rawFile(buildOle(['EncryptionInfo', 'EncryptedPackage']));
    const error = await rejection(inspectXlsx(ole));
    expect(error.code).toBe('encrypted');
    expect(error.message).toMatch(/^This workbook is password-protected/);
    const flagged = await rawFile(
      buildZip([{ name: 'xl/workbook.xml', data: '<workbook/>', encrypted: true }]),
    );
    expect((await rejection(inspectXlsx(flagged))).code).toBe('encrypted');
  });

  it('recognises a legacy .xls by its magic bytes', async () => {
    const ole = buildOle(['Workbook', 'SummaryInformation']);
    expect(isLegacyXls(ole.subarray(0, 8))).toBe(true);
    expect(isLegacyXls(Buffer.from('PK\u0003\u0004rest'))).toBe(false);
    expect(isLegacyXls(ole.subarray(0, 4))).toBe(false);
    const error = await rejection(inspectXlsx(await rawFile(ole, 'xls')));
    expect(error.code).toBe('legacy_xls');
    expect(error.message).toBe(legacyXlsMessage);
  });

  it('stops when aborted and leaves no output', async () => {
    const file = await excelFile((wb) => void wb.addWorksheet('A').addRow(['x']));
    const out = next('csv');
    const controller = new AbortController();
    controller.abort();
    await expect(convertXlsxToCsv(file, out, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('stops mid-sheet when aborted while converting', async () => {
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    );
    const file = await rawFile(
      buildXlsx({ sheets: [{ name: 'Long', xml: sheetXml(rows.join('')) }] }),
    );
    const out = next('csv');
    const controller = new AbortController();
    const conversion = convertXlsxToCsv(file, out, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20); // converting 200k rows takes seconds
    await expect(conversion).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(out)).toBe(false);
  });
});
