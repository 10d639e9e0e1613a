/**
 * `--engine` on the command line (issue 18): ingest, loads and undo run against the local
 * two-shard ClickHouse cluster; every other command refuses it rather than answer from the
 * embedded tables; a malformed engine URL is a clear error that never prints the password.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickhouseInstalled, clusterSuiteName, useLocalCluster } from '@/test/clickhouse-cluster';
import { quoteIdent } from '@/lib/clickhouse/sql';
import { runCli } from './run-cli';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);

const run = (args: string[]) => {
  const at = args.indexOf('--db');
  return runCli(args[at + 1]!, ...args.slice(0, at), ...args.slice(at + 2));
};

const tempDb = async () =>
  path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-engine-')), 'test.duckdb');

describe('--engine: a malformed URL', () => {
  it('is refused naming what is wrong, without the password', async () => {
    const result = await run([
      'loads',
      '--db',
      await tempDb(),
      '--engine',
      'clickhouse://u:hunter2@h/d',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('cluster: missing (?cluster=NAME, once)');
    expect(result.err).not.toContain('hunter2');
  });
});

describe.skipIf(!clickhouseInstalled)(clusterSuiteName('--engine with the local cluster'), () => {
  const cluster = useLocalCluster();

  it('ingest, loads and undo run on the cluster; kpis refuses it', async () => {
    const { url, client, engine } = cluster();
    const db = await tempDb();
    const ingest = await run([
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--db',
      db,
      '--json',
      '--engine',
      url,
    ]);
    expect(ingest.err).toBe('');
    expect(JSON.parse(ingest.out)).toMatchObject({
      loadId: 1,
      status: 'loaded',
      rowsInserted: 5,
      tables: { orders: { inserted: 3 }, order_lines: { inserted: 5 }, shipments: { inserted: 4 } },
    });
    const count = async () =>
      Number(
        (
          await client.query<{ n: number }>(
            `SELECT count() AS n FROM ${quoteIdent(engine.database)}.${quoteIdent('order_lines_current')}`,
          )
        )[0]!.n,
      );
    expect(await count()).toBe(5);
    const loads = await run(['loads', '--db', db, '--engine', url]);
    expect(loads.out).toMatch(
      / {3}1 {2}loaded .* flat-small\.csv → clickhouse:\/\/orderlens:\*\*\*@127\.0\.0\.1/,
    );
    expect(loads.out).not.toContain(engine.password);
    const kpis = await run(['kpis', '--db', db, '--engine', url]);
    expect(kpis.code).toBe(1);
    expect(kpis.err).toMatch(
      /^This command does not run on the ClickHouse engine yet \(clickhouse:\/\/orderlens:\*\*\*@/,
    );
    const undo = await run(['undo', '1', '--db', db, '--engine', url, '--json']);
    expect(undo.code).toBe(0);
    expect(JSON.parse(undo.out)).toMatchObject({ loads: [1], removed: { order_lines: 5 } });
    expect(await count()).toBe(0);
    // Without --engine the embedded ledger still lists the load, undone, with where it went.
    const after = await run(['loads', '--db', db, '--json']);
    expect(JSON.parse(after.out)[0]).toMatchObject({
      status: 'undone',
      engine: expect.stringMatching(/^clickhouse:/),
    });
  }, 120_000);
});
