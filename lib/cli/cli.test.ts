import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingError, parseMappingJson } from '@/lib/ingest/map/mapping';
import { main } from './main';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tempDb() {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-')), 'test.duckdb');
}

describe('orderlens CLI', () => {
  it('ingest --json prints the contract and exits 0; a second run is unchanged', async () => {
    const db = await tempDb();
    const args = [
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      db,
      '--json',
    ];
    const first = await run(args);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({
      loadId: 1,
      table: 'flat',
      status: 'loaded',
      rowsRead: 5,
      rowsInserted: 5,
      rowsUpdated: 0,
      rowsRejected: 0,
      issues: [],
    });
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({
      loadId: 1,
      status: 'unchanged',
      rowsInserted: 0,
    });
  });

  it('a dry run says what a load would do, and its --json is the contract unchanged', async () => {
    const db = await tempDb();
    const args = (file: string) => [
      'ingest',
      fixture(file),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      db,
      '--dry-run',
    ];
    const good = await run(args('flat-small.csv'));
    expect(good.code).toBe(0);
    expect(good.out.split('\n')[0]).toBe(
      'WOULD LOAD (dry run, nothing was changed): flat-small.csv: 5 rows read. orders: 3 new, 0 updated, 0 unchanged; order_lines: 5 new, 0 updated, 0 unchanged; shipments: 4 new, 0 updated, 0 unchanged.',
    );
    const bad = await run(args('flat-bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      /^WOULD BE REJECTED \(dry run, nothing was changed\): flat-bad\.csv: 5 of 6 rows failed validation; nothing was loaded\./,
    );
    const json = JSON.parse((await run([...args('flat-small.csv'), '--json'])).out);
    expect(json).toMatchObject({ loadId: null, status: 'loaded', dryRun: true, rowsInserted: 5 });
    // Nothing was loaded: a real load of the same file is new, not unchanged.
    const real = await run(args('flat-small.csv').filter((a) => a !== '--dry-run'));
    expect(real.out.split('\n')[0]).toMatch(/^LOADED: flat-small\.csv: 5 rows read\./);
  });

  it('a rejected file exits 1 with every issue located, and --rejects writes the rows', async () => {
    const db = await tempDb();
    const rejects = path.join(path.dirname(db), 'rejects.csv');
    const result = await run([
      'ingest',
      fixture('flat-bad.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      db,
      '--json',
      '--rejects',
      rejects,
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report.status).toBe('rejected');
    expect(report.rowsRejected).toBe(5);
    expect(report.issues[0]).toEqual({
      row: 2,
      column: 'Ship Date',
      rule: 'ship_before_order',
      message:
        'flat-bad.csv, row 2, column "Ship Date": 2024-03-02 is before Order Date 2024-03-05',
    });
    expect((await readFile(rejects, 'utf-8')).trim().split('\n')).toHaveLength(6);
  });

  it('without a mapping, it maps the headers itself', async () => {
    const db = await tempDb();
    const result = await run(['ingest', fixture('flat-small.csv'), '--db', db, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      status: 'loaded',
      table: 'flat',
      rowsInserted: 5,
    });
  });

  it('loads and undo work on the ledger', async () => {
    const db = await tempDb();
    await run([
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      db,
    ]);
    const loads = JSON.parse((await run(['loads', '--db', db, '--json'])).out);
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatchObject({
      loadId: 1,
      fileName: 'flat-small.csv',
      status: 'loaded',
      rowsInserted: 5,
    });
    const undo = await run(['undo', '1', '--db', db]);
    expect(undo.code).toBe(0);
    expect(undo.out).toBe(
      'Load 1 undone. orders: 3 removed, 0 restored; order_lines: 5 removed, 0 restored; shipments: 4 removed, 0 restored; returns: 0 removed, 0 restored.',
    );
    expect((await run(['undo', '1', '--db', db])).code).toBe(1);
  });

  it.each([
    [['ingest'], 'ingest takes exactly one FILE.'],
    [['ingest', 'x.csv', '--table', 'invoices'], '--table must be one of'],
    [['ingest', 'x.csv', '--bogus'], "Unknown option '--bogus'"],
    [['undo', 'abc'], 'undo takes one LOAD_ID.'],
    [['frobnicate'], 'Unknown command "frobnicate"'],
  ])('usage errors exit 2: %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('prints a bad mapping as its message alone, every problem on its line, and exits 1', async () => {
    const db = await tempDb();
    const mapping = path.join(path.dirname(db), 'bad.mapping.json');
    const text = JSON.stringify({ table: 'orders', columns: { nope: 'x' } });
    await writeFile(mapping, text);
    const result = await run([
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      mapping,
      '--db',
      db,
    ]);
    const refusal = (() => {
      try {
        return parseMappingJson(text, mapping);
      } catch (error) {
        return error as MappingError;
      }
    })();
    expect(refusal).toBeInstanceOf(MappingError);
    expect(result.code).toBe(1);
    expect(result.err).toBe((refusal as MappingError).message);
    expect(result.err).toMatch(
      /^\/.*bad\.mapping\.json is not a valid mapping:\n {2}columns\.nope: "nope" is not a field of orders; fields: order_id, /,
    );
    expect(result.out).toBe('');
  });

  it('a database held by another process fails fast with a plain message', async () => {
    const db = await tempDb();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const {DuckDBInstance}=require('@duckdb/node-api');DuckDBInstance.create(${JSON.stringify(db)}).then(()=>{console.log('ready');setInterval(()=>{},1000)})`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const started = Date.now();
      const result = await run(['loads', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^The database is in use by another Orderlens process \(process \d+\)\. Stop the Orderlens server/,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('the orderlens command as installed', () => {
  it('runs from any folder: an ingest and the ledger from a folder outside the project', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'orderlens-elsewhere-'));
    const bin = path.join(__dirname, '..', '..', 'bin', 'orderlens.mjs');
    const command = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        cwd: elsewhere,
        encoding: 'utf-8',
        timeout: 120_000,
        env: { ...process.env, ORDERLENS_DB: undefined, ORDERLENS_DATA_DIR: undefined },
      });
    await writeFile(path.join(elsewhere, 'orders.csv'), await readFile(fixture('flat-small.csv')));
    const ingest = command('ingest', 'orders.csv', '--mapping', fixture('flat-small.mapping.json'));
    expect(ingest.stderr).toBe('');
    expect(ingest.stdout).toMatch(/^LOADED: orders\.csv: 5 rows read/);
    expect(ingest.status).toBe(0);
    // The database is data/orderlens.duckdb under the folder the command ran in.
    const loads = command('loads', '--json');
    expect(loads.status).toBe(0);
    expect(JSON.parse(loads.stdout).map((l: { fileName: string }) => l.fileName)).toEqual([
      'orders.csv',
    ]);
  }, 180_000);
});

describe('orderlens kpis', () => {
  async function fixtureDb() {
    const db = await tempDb();
    const dir = path.join(__dirname, '..', 'kpi', 'fixtures');
    for (const table of ['orders', 'order_lines', 'shipments', 'returns']) {
      const mapping = path.join(path.dirname(db), `${table}.json`);
      const { canonicalMapping } = await import('@/lib/demo');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(mapping, JSON.stringify(canonicalMapping(table as 'orders')));
      expect(
        (await run(['ingest', path.join(dir, `${table}.csv`), '--mapping', mapping, '--db', db]))
          .code,
      ).toBe(0);
    }
    return db;
  }

  it('--json gives every KPI with value, unit, numerator, denominator, n, excluded and band', async () => {
    const db = await fixtureDb();
    const result = await run(['kpis', '--db', db, '--json']);
    expect(result.code).toBe(0);
    const { kpis } = JSON.parse(result.out);
    expect(kpis).toHaveLength(30);
    const fill = kpis.find((k: { id: string }) => k.id === 'order_fill_rate');
    expect(fill).toMatchObject({
      name: 'Order fill rate',
      value: 50,
      unit: 'percent',
      numerator: 2,
      denominator: 4,
      n: 4,
    });
    expect(fill).toHaveProperty('band');
    expect(fill).toHaveProperty('excluded');
    const fte = kpis.find((k: { id: string }) => k.id === 'orders_per_fte');
    expect(fte).toMatchObject({ available: false, value: null, band: null });
  });

  it('--by gives one entry per segment', async () => {
    const db = await fixtureDb();
    const { kpis } = JSON.parse(
      (
        await run([
          'kpis',
          '--db',
          db,
          '--json',
          '--by',
          'site',
          '--kpis',
          'order_shipment_cycle_time',
        ])
      ).out,
    );
    expect(kpis.map((k: { segment: string; value: number }) => [k.segment, k.value])).toEqual([
      ['DC1', 60],
      ['DC2', 18],
    ]);
  });

  it('--grain marks a period past the data horizon as partial, with the orders still open', async () => {
    const db = await fixtureDb();
    const args = ['kpis', '--db', db, '--kpis', 'order_shipment_cycle_time', '--grain'];
    // The fixture's last event is R1's credit on 2024-01-10 10:00: January is not over, while the
    // ship days 01-02 and 01-05 are. E (unshipped) and F (short) are still open.
    const month = JSON.parse((await run([...args, 'month', '--json'])).out).kpis;
    expect(month.map((k: { period: string; value: number }) => [k.period, k.value])).toEqual([
      ['2024-01-01', 46],
    ]);
    expect(month[0]).toMatchObject({ partial: true, maturing: 2 });
    const day = JSON.parse((await run([...args, 'day', '--json'])).out).kpis;
    expect(
      day.map((k: { period: string; partial: boolean; maturing: number }) => [
        k.period,
        k.partial,
        k.maturing,
      ]),
    ).toEqual([
      ['2024-01-02', false, 0],
      ['2024-01-05', false, 0],
    ]);
    expect((await run([...args, 'month'])).out).toMatch(
      /^Order shipment cycle time · 2024-01-01\s+46\.0 h\s+\d+ {2}partial period, 2 still open/m,
    );
  });

  it('prints a readable table, and refuses a bad dimension', async () => {
    const db = await fixtureDb();
    const table = await run(['kpis', '--db', db, '--kpis', 'order_fill_rate,cost_per_order']);
    expect(table.out).toMatch(/^KPI\s+Value\s+n {2}Band and notes$/m);
    expect(table.out).toMatch(/^Order fill rate\s+50\.0%\s+4(\s|$)/m);
    expect(table.out).toMatch(/^Cost to manage an order\s+—\s+0 {2}unavailable \[(\d+)\]$/m);
    expect(table.out).toMatch(/^\[\d+\] Unavailable: no cost figures entered/m);
    const bad = await run(['kpis', '--db', db, '--by', 'planet']);
    expect(bad.code).toBe(2);
  });
});

describe('orderlens inputs', () => {
  it('enters FTE and cost figures, lists them, and refuses a bad number', async () => {
    const db = await tempDb();
    const set = await run([
      'inputs',
      'set',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--fte',
      '2',
      '--cost',
      '700',
      '--db',
      db,
    ]);
    expect(set).toMatchObject({ code: 0, out: 'Entered for 2024-01-01 – 2024-01-31.' });
    expect(JSON.parse((await run(['inputs', '--db', db, '--json'])).out)).toEqual([
      { from: '2024-01-01', to: '2024-01-31', team: '', fte: 2, cost: 700, currency: null },
    ]);
    expect(
      (
        await run([
          'inputs',
          'set',
          '--from',
          '2024-01-01',
          '--to',
          '2024-01-31',
          '--fte',
          'two',
          '--db',
          db,
        ])
      ).code,
    ).toBe(2);
    const removeJanuary = [
      'inputs',
      'remove',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--db',
      db,
    ];
    const removed = await run(removeJanuary);
    expect(removed).toMatchObject({
      code: 0,
      out: 'Removed the figures for 2024-01-01 – 2024-01-31.',
    });
    expect(JSON.parse((await run(['inputs', '--db', db, '--json'])).out)).toEqual([]);
    const again = await run(removeJanuary);
    expect(again.code).toBe(1);
  });
});

describe('orderlens ingest: reading settings on the command line', () => {
  it('--delimiter, --decimal and --date-format override detection; the report shows what was used', async () => {
    const db = await tempDb();
    const file = path.join(path.dirname(db), 'sap.csv');
    const { writeFile } = await import('node:fs/promises');
    // Day-first dates that also read as month-first: only --date-format can settle them.
    await writeFile(file, 'Order ID|Order Date|Quantity\nA-1|03/04/2024|1,5\nA-2|05/06/2024|2\n');
    const result = await run([
      'ingest',
      file,
      '--db',
      db,
      '--json',
      '--table',
      'flat',
      '--delimiter',
      '|',
      '--decimal',
      ',',
      '--date-format',
      '%d/%m/%Y',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.detected).toMatchObject({
      delimiter: '|',
      decimalSeparator: ',',
      thousandsSeparator: '.',
    });
    expect(report.detected.dateFormats.order_ts.format).toBe('%d/%m/%Y');
    const { openDatabase } = await import('@/lib/db/database');
    const rows = await (
      await openDatabase(db)
    ).all(
      'SELECT l.qty_ordered, o.order_ts FROM order_lines l JOIN orders o USING (order_id) ORDER BY 1',
    );
    expect(rows).toEqual([
      { qty_ordered: 1.5, order_ts: '2024-04-03T00:00:00.000Z' },
      { qty_ordered: 2, order_ts: '2024-06-05T00:00:00.000Z' },
    ]);
  });

  it('refuses an unknown encoding as a usage error', async () => {
    const result = await run(['ingest', fixture('flat-small.csv'), '--encoding', 'ebcdic']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--encoding');
  });
});
