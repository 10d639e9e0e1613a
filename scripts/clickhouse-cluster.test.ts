/**
 * scripts/clickhouse-cluster.sh on the machine's clickhouse-server: two shards start on loopback,
 * rows inserted through a Distributed table are split between them by a hash of the order id
 * (every line of an order on one shard), a GROUP BY through the Distributed table gives the
 * hand-computed sums, and `stop` ends both servers. Skipped only where clickhouse-server is not
 * installed (CI installs it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseInstalled } from '@/test/clickhouse-cluster';

const run = promisify(execFile);
const script = path.join(__dirname, 'clickhouse-cluster.sh');

const installed = clickhouseInstalled;
const skipNote =
  'SKIPPED: clickhouse-server is not installed (apt-get install -y clickhouse-server clickhouse-client)';
if (!installed) console.warn(`scripts/clickhouse-cluster.test.ts ${skipNote}`);

/** Order lines: [order_id, city, amount]. Sums per city are computed by hand below. */
const LINES: [string, string, number][] = [
  ['o-1001', 'Lyon', 12.5],
  ['o-1001', 'Lyon', 7.25],
  ['o-1002', 'Paris', 100.0],
  ['o-1003', 'Lyon', 3.1],
  ['o-1004', 'Nantes', 45.0],
  ['o-1004', 'Nantes', 5.55],
  ['o-1005', 'Paris', 20.2],
  ['o-1006', 'Paris', 0.8],
  ['o-1007', 'Lyon', 60.0],
  ['o-1008', 'Nantes', 9.9],
  ['o-1008', 'Nantes', 0.1],
  ['o-1009', 'Paris', 31.0],
];
// Lyon   12.50 + 7.25 + 3.10 + 60.00 = 82.85  (4 lines, orders 1001 1003 1007)
// Nantes 45.00 + 5.55 + 9.90 +  0.10 = 60.55  (4 lines, orders 1004 1008)
// Paris 100.00 + 20.20 + 0.80 + 31.00 = 152.00 (4 lines, orders 1002 1005 1006 1009)
const EXPECTED_BY_CITY = ['Lyon\t4\t3\t82.85', 'Nantes\t4\t2\t60.55', 'Paris\t4\t4\t152.00'].join(
  '\n',
);

interface Cluster {
  stateDir: string;
  user: string;
  password: string;
  database: string;
  cluster: string;
  /** HTTP port of each shard: [shard 1 (the URL's port), shard 2]. */
  ports: [number, number];
}

/** One statement over the HTTP interface; the body of the answer, or an error with the server's text. */
async function query(
  c: Cluster,
  port: number,
  sql: string,
  settings: Record<string, string> = {},
): Promise<string> {
  const params = new URLSearchParams({ database: c.database, ...settings });
  const response = await fetch(`http://127.0.0.1:${port}/?${params}`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`,
    },
    body: sql,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse HTTP ${response.status}: ${text}`);
  return text.trimEnd();
}

const runScript = (command: string, stateDir: string) =>
  run('bash', [script, command], {
    env: { ...process.env, ORDERLENS_CLICKHOUSE_DIR: stateDir },
    timeout: 90_000,
  });

const pidsOf = (stateDir: string) =>
  ['s1', 's2'].map((shard) =>
    Number(readFileSync(path.join(stateDir, shard, 'server.pid'), 'utf-8').trim()),
  );

/** Whether the process runs (a zombie, left by an init that does not reap, has no command line). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf-8').length > 0;
  } catch {
    return false;
  }
};

describe.skipIf(!installed)(
  installed ? 'scripts/clickhouse-cluster.sh: two shards on loopback' : skipNote,
  () => {
    let c: Cluster;
    let stateDir = '';
    let lastLine = '';

    beforeAll(async () => {
      stateDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-clickhouse-test-'));
      const { stdout } = await runScript('start', stateDir);
      lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
      const url = new URL(lastLine);
      const shard2Port = Number(readFileSync(path.join(stateDir, 's2', 'http_port'), 'utf-8'));
      c = {
        stateDir,
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.replace(/^\//, ''),
        cluster: url.searchParams.get('cluster') ?? '',
        ports: [Number(url.port), shard2Port],
      };
    });

    // Also when beforeAll failed half-way: stop is idempotent.
    afterAll(async () => {
      if (!stateDir) return;
      await runScript('stop', stateDir);
      rmSync(stateDir, { recursive: true, force: true });
    });

    it('prints the engine URL as its last line; the password file is private', () => {
      expect(lastLine).toMatch(
        /^clickhouse:\/\/orderlens:[0-9a-f]{48}@127\.0\.0\.1:\d+\/orderlens\?cluster=orderlens&shards=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/,
      );
      expect(c.ports[0]).not.toBe(c.ports[1]);
      expect(statSync(path.join(c.stateDir, 'password')).mode & 0o777).toBe(0o600);
    });

    it('both shards answer with the password and refuse without it', async () => {
      for (const port of c.ports) {
        expect(await query(c, port, 'SELECT 1')).toBe('1');
        const anonymous = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          body: 'SELECT 1',
        });
        expect(anonymous.status).not.toBe(200);
      }
      const shards = await query(
        c,
        c.ports[0],
        `SELECT shard_num, port FROM system.clusters WHERE cluster = '${c.cluster}' ORDER BY shard_num FORMAT TabSeparated`,
      );
      expect(shards.split('\n')).toHaveLength(2);
    });

    it('splits rows inserted through a Distributed table by order and sums them back exactly', async () => {
      const columns = '(order_id String, city String, amount Decimal(18, 2))';
      for (const port of c.ports) {
        await query(
          c,
          port,
          `CREATE TABLE lines_local ${columns} ENGINE = MergeTree ORDER BY (order_id)`,
        );
        await query(
          c,
          port,
          `CREATE TABLE lines ${columns} ENGINE = Distributed(${c.cluster}, ${c.database}, lines_local, cityHash64(order_id))`,
        );
      }
      // 18.16 reads a Decimal in JSONEachRow only as a bare number, not as a quoted string.
      const rows = LINES.map(([order_id, city, amount]) =>
        JSON.stringify({ order_id, city, amount }),
      ).join('\n');
      await query(c, c.ports[0], `INSERT INTO lines FORMAT JSONEachRow\n${rows}`, {
        insert_distributed_sync: '1',
      });

      const localCounts = await Promise.all(
        c.ports.map(async (port) =>
          Number(await query(c, port, 'SELECT count() FROM lines_local')),
        ),
      );
      expect(localCounts[0]).toBeGreaterThan(0);
      expect(localCounts[1]).toBeGreaterThan(0);
      expect(localCounts[0]! + localCounts[1]!).toBe(LINES.length);
      expect(await query(c, c.ports[1], 'SELECT count() FROM lines')).toBe(String(LINES.length));

      // Every line of an order lives on one shard.
      const ordersOn = await Promise.all(
        c.ports.map(
          async (port) =>
            new Set(
              (await query(c, port, 'SELECT DISTINCT order_id FROM lines_local')).split('\n'),
            ),
        ),
      );
      const onBoth = [...ordersOn[0]!].filter((id) => ordersOn[1]!.has(id));
      expect(onBoth).toEqual([]);
      expect(ordersOn[0]!.size + ordersOn[1]!.size).toBe(9);

      const byCity = `SELECT city, count(), uniqExact(order_id), sum(amount) FROM lines GROUP BY city ORDER BY city FORMAT TabSeparated`;
      expect(await query(c, c.ports[0], byCity)).toBe(EXPECTED_BY_CITY);
      expect(await query(c, c.ports[1], byCity)).toBe(EXPECTED_BY_CITY);
    });

    it('status reports both shards; stop ends both processes and is idempotent', async () => {
      const status = await runScript('status', c.stateDir);
      expect(status.stdout).toMatch(/s1: running/);
      expect(status.stdout).toMatch(/s2: running/);
      const pids = pidsOf(c.stateDir);
      expect(pids.every(alive)).toBe(true);

      await runScript('stop', c.stateDir);
      expect(pids.filter(alive)).toEqual([]);
      await expect(runScript('status', c.stateDir)).rejects.toMatchObject({ code: 3 });
      await runScript('stop', c.stateDir); // a second stop succeeds
    });
  },
);
