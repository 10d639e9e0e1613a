/**
 * Faults around the database: a second process opening it, a spill folder too small for a load, a
 * query over the memory limit. Each must end in a clear error (no stack, SQL or path), nothing
 * changed (a rollback), and the database still answering afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExtracts } from '@/lib/generate';
import { canonicalMapping } from '@/lib/demo';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { openDatabase, type Database } from './database';
import { DatabaseLockedError, OrderlensError, toUserError, WriteConflictError } from '@/lib/errors';
import { fingerprint } from './fingerprint';
import { fixtureMapping } from '@/test/fixture-mapping';

const repo = path.resolve(__dirname, '..', '..');
const figures: string[] = [];
let dir: string;
let extracts: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-exhaustion-'));
  extracts = path.join(dir, 'extracts');
  await generateExtracts({ outDir: extracts, orders: 60_000, seed: 3 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  console.info(`[reliability] faults: ${figures.join('; ')}`);
});

/** A database file with the small KPI fixture loaded, then held to the given memory limit. */
async function databaseWithData(
  name: string,
  options: Parameters<typeof openDatabase>[1] = {},
  memoryLimit?: string,
) {
  const db = await openDatabase(path.join(dir, `${name}.duckdb`), options);
  const fixture = (t: string) => path.join(repo, 'lib', 'kpi', 'fixtures', `${t}.csv`);
  for (const table of ['orders', 'order_lines'] as const) {
    await loadExtract(db, {
      file: fixture(table),
      mapping: await fixtureMapping(fixture(table), table),
      tmpDir: dir,
    });
  }
  if (memoryLimit) await db.run(`SET memory_limit = '${memoryLimit}'`);
  return db;
}

function expectClear(error: unknown, code: string | string[]) {
  expect(error).toBeInstanceOf(OrderlensError);
  const { message, code: actual } = error as OrderlensError;
  expect([code].flat()).toContain(actual);
  expect(message).toMatch(/Nothing was changed/);
  expect(message).not.toMatch(/\n\s+at |SELECT|INSERT|\/tmp|\.duckdb/);
}

async function stillServes(db: Database) {
  expect(await db.one('SELECT count(*) AS n FROM orders')).toMatchObject({ n: expect.any(Number) });
  expect(await db.read('SELECT count(*) AS n FROM loads')).toHaveLength(1);
}

describe('a second process opening the database', () => {
  it('the CLI against a database this process holds fails fast and clearly, and harms nothing', async () => {
    const db = await databaseWithData('held');
    const before = await fingerprint(db);
    const started = performance.now();
    const run = spawnSync(
      'node',
      [path.join(repo, 'bin', 'orderlens.mjs'), 'loads', '--db', db.file],
      {
        cwd: repo,
        encoding: 'utf-8',
        timeout: 60_000,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(run.status).not.toBe(0);
    const output = run.stderr + run.stdout;
    expect(output).toMatch(/The database is in use by another Orderlens process \(process \d+\)/);
    expect(output).toMatch(/Nothing was changed/);
    expect(output).not.toMatch(/\n\s+at /);
    expect(await fingerprint(db)).toEqual(before);
    await stillServes(db);
    figures.push(`second process refused in ${seconds.toFixed(1)} s (process start included)`);
  });

  it('this process opening a database another process holds gets DatabaseLockedError at once', async () => {
    const file = path.join(dir, 'other.duckdb');
    const holder = spawn(
      'node',
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const i = await DuckDBInstance.create(${JSON.stringify(file)});
         await (await i.connect()).run('CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS x');
         console.log('ready'); setInterval(() => {}, 1000);`,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', () => reject(new Error('the holder exited')));
      });
      const started = performance.now();
      const error = await openDatabase(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseLockedError);
      expect((error as Error).message).toMatch(/in use by another Orderlens process/);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      holder.kill('SIGKILL');
    }
    // Once the holder is gone the file opens, with its data intact.
    await new Promise((r) => setTimeout(r, 200));
    const db = await openDatabase(file);
    expect(await db.one('SELECT x FROM t')).toEqual({ x: 1 });
  });
});

describe('resources exhausted', () => {
  it('a spill folder too small for a load: a clear error, a rollback, and the database serves', async () => {
    const db = await databaseWithData(
      'small-temp',
      { threads: 1, tempDirectory: path.join(dir, 'small-temp.tmp'), maxTempSize: '1MB' },
      '100MB',
    );
    const before = await fingerprint(db);
    const started = performance.now();
    // The full path: the fast load of this file into an empty table needs no room to spill.
    const error = await loadExtract(db, {
      file: path.join(extracts, 'shipments.csv'),
      mapping: canonicalMapping('shipments'),
      tmpDir: dir,
      fastLoad: false,
    }).catch((e: unknown) => e);
    expectClear(error, 'disk_full');
    expect(await fingerprint(db)).toEqual(before);
    await stillServes(db);
    // The same load with room to spill succeeds: the file is larger than the memory limit allows.
    const roomy = await databaseWithData(
      'roomy-temp',
      { threads: 1, tempDirectory: path.join(dir, 'roomy-temp.tmp'), maxTempSize: '2GB' },
      '100MB',
    );
    const report = await loadExtract(roomy, {
      file: path.join(extracts, 'shipments.csv'),
      mapping: canonicalMapping('shipments'),
      tmpDir: dir,
    });
    expect(report.status).toBe('loaded');
    figures.push(
      `spill folder capped at 1 MB under a 100 MB memory limit: load refused (${(error as OrderlensError).code}) ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s, rolled back, database serving; ` +
        `with 2 GB to spill the same ${report.rowsRead}-row load succeeds`,
    );
  });

  it('a query over the memory limit: a clear error, a rollback, and the database serves', async () => {
    const db = await databaseWithData(
      'small-memory',
      { threads: 1, tempDirectory: path.join(dir, 'small-memory.tmp'), maxTempSize: '1MB' },
      '32MB',
    );
    const before = await fingerprint(db);
    const error = await db
      .transaction(async (tx) => {
        await tx.run("DELETE FROM order_lines WHERE order_id <> ''");
        // Far more than 32 MB held at once, in one aggregate that cannot spill.
        await tx.all(
          'SELECT list(md5(i::VARCHAR) || md5((i + 1)::VARCHAR)) AS l FROM range(3000000) t(i)',
        );
      })
      .catch((e: unknown) => toUserError(e, 'The query'));
    expectClear(error, 'out_of_memory');
    expect(await fingerprint(db)).toEqual(before);
    await stillServes(db);
    figures.push(
      'query over a 32 MB memory limit: refused (out_of_memory), rolled back, database serving',
    );
  });
});

describe('two writers replacing the same rows at once', () => {
  it('one wins, the other gets a retryable conflict; never a mix', async () => {
    const db = await databaseWithData('conflict');
    const [a, b] = [await db.connect(), await db.connect()];
    const row = await db.one<{ order_id: string }>(
      'SELECT order_id FROM orders ORDER BY 1 LIMIT 1',
    );
    const id = row!.order_id;
    await a.run('BEGIN TRANSACTION');
    await b.run('BEGIN TRANSACTION');
    await a.run("UPDATE orders SET customer_id = 'writer A', site = 'A' WHERE order_id = $1", [id]);
    const error = await b
      .run("UPDATE orders SET customer_id = 'writer B', site = 'B' WHERE order_id = $1", [id])
      .then(
        () => undefined,
        (e: unknown) => toUserError(e, 'The load'),
      );
    await b.run('ROLLBACK').catch(() => undefined);
    await a.run('COMMIT');
    expect(error).toBeInstanceOf(WriteConflictError);
    expect((error as Error).message).toMatch(/try again/);
    expect(await db.one('SELECT customer_id, site FROM orders WHERE order_id = $1', [id])).toEqual({
      customer_id: 'writer A',
      site: 'A',
    });
    a.closeSync();
    b.closeSync();
    figures.push('two writers on one row: one committed, the other a retryable conflict, no mix');
  });
});
