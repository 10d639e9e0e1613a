/**
 * The command line against issue 13 and issue 12: its DuckDB is locked down to the extract it was
 * given; a hostile mapping is refused by name; a dry run is audited; and --json writes exactly one
 * object for a file refused as a whole.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '@/lib/db/database';
import { buildZip } from '@/lib/ingest/fixtures/xlsx-fixtures';
import { listAudit } from '@/lib/auth/audit';
import { openCliDatabase } from './db';
import { main } from './main';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);
const FINDING = "%Y' || (SELECT string_agg(username||':'||password_hash,' | ') FROM users) || '";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err: err.join('\n') };
}

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-hostile-'));
}

/** The one JSON object on stdout. */
function onlyJson(out: string[]) {
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as { status: string; message: string; issues: unknown[] };
}

describe('the CLI database is locked down to the files a command names', () => {
  it('reads the named extract, and not /etc/passwd, another file or the network', async () => {
    const dir = await tempDir();
    const other = path.join(dir, '..', `orderlens-other-${process.pid}.csv`);
    await writeFile(other, 'secret\nMARKER-OUTSIDE\n');
    const extract = fixture('flat-small.csv');
    const db = await openCliDatabase(path.join(dir, 'cli.duckdb'), 'upload', {
      paths: [extract],
      workDir: path.join(dir, 'work'),
    });
    try {
      const rows = await db.all(`SELECT count(*) AS n FROM read_csv($1)`, [extract]);
      expect(rows).toEqual([{ n: 5 }]);
      for (const sql of [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        `SELECT * FROM read_csv('${other}')`,
        `SELECT * FROM read_csv('${path.dirname(extract)}/flat-bad.csv')`,
        "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
        'SET enable_external_access = true',
        "SET allowed_paths = ['/etc/passwd']",
      ]) {
        await expect(db.all(sql)).rejects.toThrow(/Permission Error|disabled|locked/);
      }
    } finally {
      await closeDatabase(db);
    }
  });

  it('ingest closes its locked instance: the next command in the process reads its own file', async () => {
    const dir = await tempDir();
    const dbFile = path.join(dir, 'cli.duckdb');
    const first = await run([
      'ingest',
      fixture('flat-small.csv'),
      '--table',
      'flat',
      '--db',
      dbFile,
    ]);
    expect(first.code).toBe(0);
    const second = await run([
      'ingest',
      fixture('flat-small-changed.csv'),
      '--table',
      'flat',
      '--db',
      dbFile,
      '--json',
    ]);
    expect(second.code).toBe(0);
    expect(onlyJson(second.out).status).toBe('loaded');
  });
});

describe('the finding of issue 13 through the CLI', () => {
  it('refuses the mapping naming its key, reads nothing, changes nothing, prints one JSON object', async () => {
    const dir = await tempDir();
    const dbFile = path.join(dir, 'cli.duckdb');
    const mappingFile = path.join(dir, 'hostile.mapping.json');
    const mapping = JSON.parse(await readFile(fixture('flat-small.mapping.json'), 'utf-8'));
    await writeFile(
      mappingFile,
      JSON.stringify({ ...mapping, dateFormat: FINDING, formats: { ship_ts: FINDING } }),
    );
    for (const dryRun of [['--dry-run'], []]) {
      const result = await run([
        'ingest',
        fixture('flat-small.csv'),
        '--mapping',
        mappingFile,
        '--db',
        dbFile,
        '--json',
        ...dryRun,
      ]);
      expect(result.code).toBe(1);
      const refused = onlyJson(result.out);
      expect(refused.status).toBe('rejected');
      expect(refused.message).toContain('dateFormat: ');
      expect(refused.message).toContain('formats.ship_ts: ');
      expect(refused.message).toContain('not "\'"');
      expect(refused.issues).toHaveLength(2);
      expect(result.out[0]).not.toMatch(/root:|Parser Error|Binder Error|SELECT string_agg\(/i);
    }
    const db = await openDatabase(dbFile);
    expect(await db.one('SELECT count(*) AS n FROM loads')).toEqual({ n: 0 });
    expect(await db.one('SELECT count(*) AS n FROM orders')).toEqual({ n: 0 });
    await closeDatabase(db);
  });

  it('the same format given with --date-format is a usage error naming the flag', async () => {
    const result = await run([
      'ingest',
      fixture('flat-small.csv'),
      '--date-format',
      FINDING,
      '--db',
      path.join(await tempDir(), 'x.duckdb'),
      '--json',
    ]);
    expect(result.code).toBe(2);
    expect(onlyJson(result.out)).toMatchObject({ status: 'usage' });
    expect(result.err).toMatch(/--dateFormat: a date format may hold date codes/);
  });
});

describe('a dry run from the CLI is audited like a load', () => {
  it('writes a load.dry_run entry with the file and the row counts, and loads nothing', async () => {
    const dir = await tempDir();
    const dbFile = path.join(dir, 'cli.duckdb');
    const ok = await run([
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      dbFile,
      '--dry-run',
    ]);
    expect(ok.code).toBe(0);
    const bad = await run([
      'ingest',
      fixture('flat-bad.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      dbFile,
      '--dry-run',
    ]);
    expect(bad.code).toBe(1);
    const db = await openDatabase(dbFile);
    const entries = await listAudit(db, { action: 'load.dry_run' });
    expect(entries.map((e) => [e.outcome, e.via, e.target])).toEqual([
      ['failed', 'cli', fixture('flat-bad.csv')],
      ['ok', 'cli', fixture('flat-small.csv')],
    ]);
    expect(entries[1]!.detail).toMatch(/^loaded: flat-small\.csv: 5 rows read\. .*5 new/);
    expect(entries[0]!.detail).toMatch(/^rejected: flat-bad\.csv: 5 of 6 rows failed validation/);
    expect(await db.one('SELECT count(*) AS n FROM loads')).toEqual({ n: 0 });
    await closeDatabase(db);
  });
});

describe('ingest --json writes exactly one object for a file refused as a whole (issue 12)', () => {
  const cases: [string, (dir: string) => Promise<string[]>, RegExp][] = [
    [
      'a zip bomb',
      async (dir) => {
        const file = path.join(dir, 'bomb.xlsx');
        await writeFile(
          file,
          buildZip([
            { name: 'xl/workbook.xml', data: '<workbook/>' },
            { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024) },
          ]),
        );
        return [file];
      },
      /compressed more than/,
    ],
    [
      'not a workbook',
      async (dir) => {
        const file = path.join(dir, 'fake.xlsx');
        await writeFile(file, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
        return [file];
      },
      /not an Excel workbook/,
    ],
    [
      'no order id column',
      async (dir) => {
        const file = path.join(dir, 'no-id.csv');
        await writeFile(file, 'colour,weight\nred,3\nblue,4\n');
        return [file, '--table', 'orders'];
      },
      /no column was recognised for order_id/,
    ],
    [
      'a bad mapping',
      async (dir) => {
        const mapping = path.join(dir, 'bad.mapping.json');
        await writeFile(mapping, JSON.stringify({ table: 'orders', columns: { nope: 'x' } }));
        return [fixture('flat-small.csv'), '--mapping', mapping];
      },
      /columns\.nope: "nope" is not a field of orders/,
    ],
    [
      'a mapping that is not JSON',
      async (dir) => {
        const mapping = path.join(dir, 'broken.mapping.json');
        await writeFile(mapping, '{ table: ');
        return [fixture('flat-small.csv'), '--mapping', mapping];
      },
      /is not valid JSON/,
    ],
  ];

  it.each(cases)('%s: status rejected, the message, its issues; exit 1', async (_, make, why) => {
    const dir = await tempDir();
    const args = await make(dir);
    const result = await run(['ingest', ...args, '--db', path.join(dir, 'x.duckdb'), '--json']);
    expect(result.code).toBe(1);
    const refused = onlyJson(result.out);
    expect(refused.status).toBe('rejected');
    expect(refused.message).toMatch(why);
    expect(refused.issues.length).toBeGreaterThan(0);
    expect(result.out[0]).not.toMatch(/at .*\.ts:\d+|Error:/);
  });
});
