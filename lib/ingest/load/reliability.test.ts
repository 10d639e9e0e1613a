/**
 * The reference table of /work/shared/reference/reliability-and-security.md ("Inputs and faults,
 * with the expected outcome") as one table-driven test through loadExtract:
 * R = refused with a message naming file, row and column, the data unchanged (the ledger gains
 * at most one entry, status rejected); A = loaded after normalising, values exact; Q = bad rows
 * left out and counted (only within an allowance), the rest loaded.
 * Rows of the table proven elsewhere are listed in `elsewhere` with the test that proves them.
 * Every case starts from a database holding one earlier load, whose data must survive every R.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { fingerprint } from '@/lib/db/fingerprint';
import { buildOle, buildXlsx, buildZip, sheetXml } from '../fixtures/xlsx-fixtures';
import { parseMapping, parseMappingJson, type Mapping } from '../map/mapping';
import { listLoads } from './ledger';
import { loadExtract } from './load-extract';
import type { LoadReport } from './load-report';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const flatMapping = parseMappingJson(readFileSync(fixture('flat-small.mapping.json'), 'utf-8'));
const ordersMapping = parseMapping({
  table: 'orders',
  columns: {
    order_id: 'order_id',
    order_ts: 'order_ts',
    customer_id: 'customer_id',
    order_value: 'order_value',
  },
});

type Expected = 'R' | 'A' | 'Q';
type Bytes = string | Buffer;

interface Case {
  /** The row of the reference table. */
  row: string;
  /** What this case feeds in. */
  title: string;
  bytes: Bytes | (() => Bytes);
  /** The name the user gave the file (shown, stored, never used as a path). */
  fileName?: string;
  mapping?: Mapping | null;
  maxRejectedRows?: number;
  expected: Expected;
  /** R: the message, which must name the file (and row and column where a row is at fault). */
  message?: RegExp;
  /** A and Q: what must be in the database afterwards. */
  check?: (db: Database, report: LoadReport) => Promise<void>;
}

const csv = (...lines: string[]) => lines.join('\n') + '\n';
const header = 'order_id,order_ts,customer_id,order_value';

/** The orders loaded by a case, as plain text and numbers, in id order. */
const orders = (db: Database) =>
  db.all(
    "SELECT order_id, strftime(order_ts, '%Y-%m-%d') AS day, customer_id, order_value FROM orders WHERE order_id NOT LIKE 'SO-%' ORDER BY order_id",
  );

const expectOrders = (rows: unknown[]) => async (db: Database) => {
  expect(await orders(db)).toEqual(rows);
};

const o = (
  order_id: string,
  day: string,
  customer_id: string | null,
  order_value: number | null,
) => ({
  order_id,
  day,
  customer_id,
  order_value,
});

const manyRows = (
  n: number,
  day = (i: number) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
) => Array.from({ length: n }, (_, i) => `R${i + 1},${day(i)},C,1`);

const expectNormalised = expectOrders([
  o('N1', '2024-01-02', 'C', 12.5),
  o('N2', '2024-01-02', 'C', -123),
  o('N3', '2024-01-02', 'C', 1234.5),
  o('N4', '2024-01-02', 'C', -123),
  o('N5', '2024-01-02', 'C', 5),
]);

const hostileText = `"; DROP TABLE orders; --`;

const cases: Case[] = [
  // Empty input.
  { row: 'empty file', title: '0 bytes', bytes: '', expected: 'R', message: /^e\.csv.*empty/i },
  {
    row: 'header only',
    title: 'a header, no rows',
    bytes: csv(header),
    expected: 'R',
    message: /^e\.csv has a header but no data rows/,
  },
  // Encodings.
  ...['orders-utf8-bom.csv', 'orders-utf16.csv', 'orders-cp1252.csv'].map((name): Case => ({
    row: 'UTF-8 BOM; UTF-16; Windows-1252',
    title: name,
    bytes: () => readFileSync(fixture(name)),
    mapping: parseMapping({
      table: 'orders',
      columns: { order_id: 'order_id', order_ts: 'order_ts', channel: 'channel' },
    }),
    expected: 'A',
    check: async (db, report) => {
      expect(report.detected?.encoding).toMatch(/utf-8|utf-16|windows-1252/);
      expect(
        await db.all("SELECT order_id, channel FROM orders WHERE order_id LIKE 'O-%' ORDER BY 1"),
      ).toEqual([
        { order_id: 'O-1', channel: 'café € shop' },
        { order_id: 'O-2', channel: 'naïve' },
      ]);
    },
  })),
  // Dialects.
  {
    row: '; delimiter, decimal comma, . thousands',
    title: 'European export',
    bytes: csv(
      'order_id;order_ts;customer_id;order_value',
      'E1;2024-01-02;C;1.234,56',
      'E2;2024-01-03;C;7,5',
    ),
    expected: 'A',
    check: async (db, report) => {
      expect(report.detected).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
      await expectOrders([o('E1', '2024-01-02', 'C', 1234.56), o('E2', '2024-01-03', 'C', 7.5)])(
        db,
      );
    },
  },
  ...[
    ['\t', 'tab'],
    ['|', 'pipe'],
  ].map(([d, label]): Case => ({
    row: 'tab or pipe in a .csv',
    title: label!,
    bytes: csv(header.replaceAll(',', d!), ['T1', '2024-01-02', 'C', '3'].join(d)),
    expected: 'A',
    check: async (db, report) => {
      expect(report.detected?.delimiter).toBe(d);
      await expectOrders([o('T1', '2024-01-02', 'C', 3)])(db);
    },
  })),
  // Layout.
  {
    row: 'preamble lines above the header',
    title: 'three lines of title',
    bytes: csv('Orders export', 'Generated 2024-01-05 by ERP', '', header, 'P1,2024-01-02,C,1'),
    expected: 'A',
    check: async (db, report) => {
      expect(report.detected?.skipRows).toBeGreaterThan(0);
      await expectOrders([o('P1', '2024-01-02', 'C', 1)])(db);
    },
  },
  {
    row: 'repeated header rows',
    title: 'the header again mid-file: skipped, and said so',
    bytes: csv(header, 'H1,2024-01-02,C,1', header, 'H2,2024-01-03,C,2'),
    expected: 'A',
    check: async (db, report) => {
      expect(report.warnings).toContain('1 repeated header row was skipped.');
      await expectOrders([o('H1', '2024-01-02', 'C', 1), o('H2', '2024-01-03', 'C', 2)])(db);
    },
  },
  {
    row: 'trailing totals row',
    title: 'Total,,,3 never summed',
    bytes: csv(header, 'S1,2024-01-02,C,1', 'S2,2024-01-03,C,2', 'Total,,,3'),
    maxRejectedRows: 1,
    expected: 'Q',
    check: async (db, report) => {
      expect(report.rowsRejected).toBe(1);
      expect(report.issues[0]).toMatchObject({ row: 3, column: 'order_ts' });
      const sum = await db.one(
        "SELECT sum(order_value) AS s FROM orders WHERE order_id NOT LIKE 'SO-%'",
      );
      expect(sum).toEqual({ s: 3 });
    },
  },
  {
    row: 'trailing totals row',
    title: 'without an allowance the file is refused',
    bytes: csv(header, 'S1,2024-01-02,C,1', 'Total,,,1'),
    expected: 'R',
    message: /^e\.csv: 1 of 2 rows failed validation; nothing was loaded.*row 2, column "order_ts"/,
  },
  // Quoting.
  {
    row: 'quoted newlines (\\n, \\r\\n, bare \\r); escaped quotes',
    title: 'LF file',
    bytes: csv(
      header,
      'Q1,2024-01-02,"line\nbreak",1',
      'Q2,2024-01-02,"cr\r\nlf",2',
      'Q3,2024-01-02,"bare\rcr",3',
      'Q4,2024-01-02,"say ""hi""",4',
    ),
    expected: 'A',
    check: expectOrders([
      o('Q1', '2024-01-02', 'line\nbreak', 1),
      o('Q2', '2024-01-02', 'cr\r\nlf', 2),
      o('Q3', '2024-01-02', 'bare\rcr', 3),
      o('Q4', '2024-01-02', 'say "hi"', 4),
    ]),
  },
  {
    row: 'quoted newlines (\\n, \\r\\n, bare \\r); escaped quotes',
    title: 'CRLF file',
    bytes: [header, 'Q1,2024-01-02,"a\nb",1', 'Q2,2024-01-02,"c\r\nd",2', ''].join('\r\n'),
    expected: 'A',
    check: expectOrders([o('Q1', '2024-01-02', 'a\nb', 1), o('Q2', '2024-01-02', 'c\r\nd', 2)]),
  },
  {
    row: 'unescaped or unterminated quote',
    title: 'a quote never closed',
    bytes: csv(header, 'U1,2024-01-02,"open,1', ...manyRows(30)),
    expected: 'R',
    message: /^e\.csv, row 1: a quote is not closed/,
  },
  {
    row: 'rows with too few or too many fields',
    title: 'one short, one long',
    bytes: csv(
      header,
      'F1,2024-01-02,C,1',
      'F2,2024-01-02,C',
      'F3,2024-01-02,C,3,extra,more',
      'F4,2024-01-02,C,4',
    ),
    expected: 'R',
    message: /^e\.csv: 2 of 4 rows failed validation; nothing was loaded.*row 2/,
  },
  {
    row: 'rows with too few or too many fields',
    title: 'quarantined within an allowance',
    bytes: csv(
      header,
      'F1,2024-01-02,C,1',
      'F2,2024-01-02,C',
      'F3,2024-01-02,C,3,extra,more',
      'F4,2024-01-02,C,4',
    ),
    maxRejectedRows: 2,
    expected: 'Q',
    check: async (db, report) => {
      expect(report.issues.map((i) => [i.row, i.rule])).toEqual([
        [2, 'malformed_row'],
        [3, 'malformed_row'],
      ]);
      await expectOrders([o('F1', '2024-01-02', 'C', 1), o('F4', '2024-01-02', 'C', 4)])(db);
    },
  },
  // Headers.
  {
    row: 'duplicate, blank or case-clashing headers',
    title: 'id, ID, blank',
    bytes: csv('order_id,order_ts,ORDER_ID,,order_id', 'D1,2024-01-02,x,y,z'),
    mapping: parseMapping({
      table: 'orders',
      columns: {
        order_id: 'order_id',
        order_ts: 'order_ts',
        customer_id: 'ORDER_ID_2',
        channel: 'order_id_3',
      },
    }),
    expected: 'A',
    check: async (db, report) => {
      expect(report.detected?.renamedColumns?.length).toBeGreaterThan(0);
      expect(
        await db.one("SELECT order_id, customer_id, channel FROM orders WHERE order_id = 'D1'"),
      ).toEqual({
        order_id: 'D1',
        customer_id: 'x',
        channel: 'z',
      });
    },
  },
  {
    row: 'hostile header or file name',
    title: 'SQL, traversal, emoji and 500 characters as header, value and file name',
    fileName: '../../etc/passwd.csv',
    bytes: csv(
      `order_id,order_ts,${hostileText.replaceAll('"', '""').replace(/^/, '"') + '"'},${'x'.repeat(500)}`,
      `"${hostileText.replaceAll('"', '""')}",2024-01-02,🚚 <script>alert(1)</script>,'; SELECT * FROM read_csv('/etc/passwd'); --`,
    ),
    mapping: parseMapping({
      table: 'orders',
      columns: {
        order_id: 'order_id',
        order_ts: 'order_ts',
        customer_id: hostileText,
        channel: 'x'.repeat(500),
      },
    }),
    expected: 'A',
    check: async (db) => {
      expect(
        await db.one(
          "SELECT order_id, customer_id, channel FROM orders WHERE order_ts IS NOT NULL AND order_id LIKE '\"%'",
        ),
      ).toEqual({
        order_id: hostileText,
        customer_id: '🚚 <script>alert(1)</script>',
        channel: "'; SELECT * FROM read_csv('/etc/passwd'); --",
      });
      expect((await listLoads(db))[0]?.fileName).toBe('../../etc/passwd.csv');
    },
  },
  // Dates.
  {
    row: 'ambiguous dates (01/02/2024)',
    title: 'assumed and said so',
    bytes: csv(header, 'AD1,01/02/2024,C,1', 'AD2,03/04/2024,C,1'),
    expected: 'A',
    check: async (db, report) => {
      expect(report.warnings.join(' ')).toMatch(/read as both day-first and month-first/);
      expect((await orders(db)).length).toBe(2);
    },
  },
  {
    row: 'ambiguous dates (01/02/2024)',
    title: 'fixed by the mapping',
    bytes: csv(header, 'AD1,01/02/2024,C,1'),
    mapping: { ...ordersMapping, dateFormat: '%d/%m/%Y' },
    expected: 'A',
    check: expectOrders([o('AD1', '2024-02-01', 'C', 1)]),
  },
  {
    row: 'date format changing deep in the file',
    title: 'ISO for 300 rows, then day-first: refused, never NULL',
    bytes: csv(header, ...manyRows(300), 'X1,13/01/2024,C,1'),
    expected: 'R',
    message: /^e\.csv: 1 of 301 rows.*row 301, column "order_ts": "13\/01\/2024" is not a date/,
  },
  {
    row: 'date format changing deep in the file',
    title: 'quarantined within an allowance',
    bytes: csv(header, ...manyRows(300), 'X1,13/01/2024,C,1'),
    maxRejectedRows: 1,
    expected: 'Q',
    check: async (db, report) => {
      expect(report.rowsRejected).toBe(1);
      expect(
        await db.one(
          "SELECT count(*) AS n, count(order_ts) AS dated FROM orders WHERE order_id LIKE 'R%' OR order_id = 'X1'",
        ),
      ).toEqual({ n: 300, dated: 300 });
    },
  },
  // Numbers and ids.
  {
    row: 'numbers with currency, NBSP thousands, (123), 123-',
    title: 'normalised by the number rule',
    bytes: csv(
      header,
      'N1,2024-01-02,C,$12.50',
      'N2,2024-01-02,C,(123)',
      'N3,2024-01-02,C,1\u00a0234.50',
      'N4,2024-01-02,C,123-',
      'N5,2024-01-02,C,€ 5',
    ),
    expected: 'A',
    check: async (db, report) => {
      expect(report.warnings).toEqual([
        '5 values of "order_value" (order_value) read as numbers after removing a currency sign or ' +
          'non-breaking space, or reading (…) or a trailing minus as negative, e.g. "$12.50".',
      ]);
      await expectNormalised(db);
    },
  },
  {
    row: 'numbers with currency, NBSP thousands, (123), 123-',
    title: 'not a number by any rule: refused, naming the cell',
    bytes: csv(header, 'N1,2024-01-02,C,1', 'N2,2024-01-02,C,twelve'),
    expected: 'R',
    message: /^e\.csv: 1 of 2 rows failed validation.*row 2, column "order_value"/,
  },
  {
    row: 'IDs with leading zeros',
    title: '000123 kept as text',
    bytes: csv(header, '000123,2024-01-02,0042,1', '0000004711,2024-01-02,007,2'),
    expected: 'A',
    check: expectOrders([
      o('0000004711', '2024-01-02', '007', 2),
      o('000123', '2024-01-02', '0042', 1),
    ]),
  },
  {
    row: 'cells starting with = + - @',
    title: 'stored as text',
    bytes: csv(
      header,
      '=1+1,2024-01-02,+SUM(A1),1',
      '@cmd,2024-01-02,-2+3,2',
      '"=HYPERLINK(""http://x"")",2024-01-02,\tx,3',
    ),
    expected: 'A',
    check: expectOrders([
      o('=1+1', '2024-01-02', '+SUM(A1)', 1),
      o('=HYPERLINK("http://x")', '2024-01-02', '\tx', 3),
      o('@cmd', '2024-01-02', '-2+3', 2),
    ]),
  },
  // Not an extract.
  ...[
    ['a zip', () => buildZip([{ name: 'a.txt', data: 'hello' }])],
    ['a PDF', () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    [
      'an HTML error page',
      () => Buffer.from('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n'),
    ],
    ['a gzip archive', () => Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3])],
  ].map(([title, bytes]): Case => ({
    row: '.csv that is really a zip, PDF or HTML error page',
    title: title as string,
    bytes: bytes as () => Buffer,
    expected: 'R',
    message: /e\.csv|not an? |extract|workbook/i,
  })),
  {
    row: 'XLSX zip bomb, huge used range, encrypted workbook',
    title: 'a zip bomb',
    fileName: 'e.xlsx',
    bytes: () =>
      buildZip([
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024) },
      ]),
    expected: 'R',
    message: /compressed more than/,
  },
  {
    row: 'XLSX zip bomb, huge used range, encrypted workbook',
    title: 'a used range of 1,048,576 × 16,384 with two cells',
    fileName: 'e.xlsx',
    bytes: () =>
      buildXlsx({
        sheets: [
          {
            name: 'S',
            xml: sheetXml(
              '<row r="1"><c r="A1" t="inlineStr"><is><t>order_id</t></is></c><c r="B1" t="inlineStr"><is><t>order_ts</t></is></c></row>' +
                '<row r="2"><c r="A2" t="inlineStr"><is><t>W1</t></is></c><c r="B2" t="inlineStr"><is><t>2024-01-02</t></is></c></row>',
              'A1:XFD1048576',
            ),
          },
        ],
      }),
    mapping: parseMapping({
      table: 'orders',
      columns: { order_id: 'order_id', order_ts: 'order_ts' },
    }),
    expected: 'A',
    check: async (db) => {
      expect(await db.one("SELECT order_id FROM orders WHERE order_id = 'W1'")).toEqual({
        order_id: 'W1',
      });
    },
  },
  {
    row: 'XLSX zip bomb, huge used range, encrypted workbook',
    title: 'a password-protected workbook',
    fileName: 'e.xlsx',
    bytes: () => buildOle(['EncryptionInfo', 'EncryptedPackage']),
    expected: 'R',
    message: /password-protected/,
  },
  {
    row: 'legacy .xls',
    title: 'an OLE workbook',
    fileName: 'e.xls',
    bytes: () => buildOle(['Workbook', 'SummaryInformation']),
    expected: 'R',
    message: /\.xlsx/,
  },
];

/** Rows of the reference table proven by other tests, and where. */
const elsewhere: Record<string, string> = {
  'Excel serial dates, 1904 date system':
    'lib/ingest/read/xlsx.test.ts (1904 workbooks, serial cells)',
  'file over the size limit (R early, without buffering)':
    'lib/ingest/read/uploads.test.ts, app/api/uploads.test.ts (streamed limit, declared size)',
  'the same file uploaded twice': 'this file: "loading the same file twice"',
  'kill -9 during a load': 'lib/ingest/load/crash.test.ts',
  'disk or temp space full; a query over memory_limit': 'lib/db/exhaustion.test.ts',
  'a second process opening the database': 'lib/db/exhaustion.test.ts',
  'two users replacing the same data at once': 'lib/db/exhaustion.test.ts (retryable conflict)',
  'client disconnects mid-upload': 'lib/ingest/read/uploads.test.ts (partial file removed)',
};

let dir: string;
let n = 0;
const tally = { R: 0, A: 0, Q: 0, crashes: 0 };
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-reliability-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  console.info(
    `[reliability] reference table: ${cases.length} inputs tried — ${tally.R} refused with nothing changed, ` +
      `${tally.A} accepted, ${tally.Q} quarantined; ${tally.crashes} crashes; ` +
      `${Object.keys(elsewhere).length} rows proven elsewhere`,
  );
});

/** A database holding one earlier load, whose data every refused load must leave untouched. */
async function withEarlierLoad(): Promise<Database> {
  const db = await openMemoryDatabase();
  const report = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
  expect(report.status).toBe('loaded');
  return db;
}

type Outcome = { kind: Expected; report?: LoadReport; error?: OrderlensError };

function classify(report: LoadReport): Outcome {
  if (report.status === 'rejected') return { kind: 'R', report };
  return { kind: report.rowsRejected > 0 ? 'Q' : 'A', report };
}

describe('the reference table, input by input', () => {
  it.each(cases.map((c) => [c.row, c.title, c] as const))('%s: %s', async (_, __, c) => {
    const db = await withEarlierLoad();
    const before = await fingerprint(db);
    const loadsBefore = await listLoads(db);
    const fileName = c.fileName ?? 'e.csv';
    const file = path.join(dir, `case-${++n}.bin`);
    await writeFile(file, typeof c.bytes === 'function' ? c.bytes() : c.bytes);
    const started = performance.now();
    let outcome: Outcome;
    try {
      const mapping = c.mapping === undefined ? ordersMapping : (c.mapping ?? undefined);
      const report = await loadExtract(db, {
        file,
        fileName: c.fileName ?? (fileName === 'e.csv' ? 'e.csv' : fileName),
        mapping,
        maxRejectedRows: c.maxRejectedRows,
        tmpDir: dir,
      });
      outcome = classify(report);
    } catch (error) {
      if (!(error instanceof OrderlensError)) tally.crashes++;
      expect(error).toBeInstanceOf(OrderlensError);
      outcome = { kind: 'R', error: error as OrderlensError };
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    const message = outcome.error?.message ?? outcome.report?.message ?? '';
    expect(outcome.kind, message).toBe(c.expected);
    tally[outcome.kind]++;
    if (outcome.kind === 'R') {
      if (c.message) expect(message).toMatch(c.message);
      expect(message).not.toMatch(/\n\s+at |SELECT .* FROM|read_csv\(/);
      expect(message).not.toContain(dir);
      expect(await fingerprint(db)).toEqual(before);
      const added = (await listLoads(db)).slice(0, -loadsBefore.length || undefined);
      expect(added.length).toBeLessThanOrEqual(1);
      expect(added.every((l) => l.status === 'rejected')).toBe(true);
    } else {
      await c.check?.(db, outcome.report!);
      const earlier = await db.one(
        "SELECT count(*) AS n FROM order_lines WHERE order_id LIKE 'SO-%'",
      );
      expect(earlier).toEqual({ n: 5 });
    }
    db.close();
  });

  it('loading the same file twice: "already loaded on …", nothing changed', async () => {
    const db = await withEarlierLoad();
    const before = await fingerprint(db);
    const again = await loadExtract(db, { file: fixture('flat-small.csv'), mapping: flatMapping });
    expect(again.status).toBe('unchanged');
    expect(again.message).toMatch(/already loaded on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(load 1\)/);
    expect(await fingerprint(db)).toEqual(before);
    expect(await listLoads(db)).toHaveLength(1);
  });

  it('covers every row of the reference table', () => {
    const rows = new Set([...cases.map((c) => c.row), ...Object.keys(elsewhere)]);
    expect(rows.size).toBeGreaterThanOrEqual(28);
  });
});
