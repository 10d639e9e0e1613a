/**
 * The local two-shard ClickHouse cluster of scripts/clickhouse-cluster.sh, for tests: one cluster
 * per test file, in its own temporary state directory, started before the file's tests and
 * stopped after them, also when a test or the start itself failed. Tests that need it are skipped
 * only where clickhouse-server is not installed (CI installs it), with a note saying so.
 *
 *   describe.skipIf(!clickhouseInstalled)(clusterSuiteName('…'), () => {
 *     const cluster = useLocalCluster();
 *     it('…', async () => { const { client } = cluster(); … });
 *   });
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { ClickHouseClient, createClickHouseClient } from '@/lib/clickhouse/client';
import { parseEngineUrl, type ClickHouseEngine } from '@/lib/clickhouse/engine-url';

const run = promisify(execFile);
const script = path.resolve(__dirname, '..', 'scripts', 'clickhouse-cluster.sh');

function serverInstalled(): boolean {
  const candidates = [
    process.env.ORDERLENS_CLICKHOUSE_SERVER,
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'clickhouse-server')),
    '/usr/sbin/clickhouse-server',
  ];
  return candidates.some((file) => {
    if (!file) return false;
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const clickhouseInstalled = serverInstalled();

const SKIP_NOTE =
  'SKIPPED: clickhouse-server is not installed (apt-get install -y clickhouse-server clickhouse-client)';

/** The suite's name, or the skip note (also printed) where clickhouse-server is missing. */
export function clusterSuiteName(name: string): string {
  if (clickhouseInstalled) return name;
  console.warn(`${name}: ${SKIP_NOTE}`);
  return `${name} (${SKIP_NOTE})`;
}

export interface LocalCluster {
  /** The engine URL `start` printed on its last line. */
  url: string;
  engine: ClickHouseEngine;
  /** A client on shard 1 (the URL's server). */
  client: ClickHouseClient;
  /** One client per shard, shard 1 first. */
  shards: [ClickHouseClient, ClickHouseClient];
  stateDir: string;
}

const runScript = (command: 'start' | 'stop', stateDir: string) =>
  run('bash', [script, command], {
    env: { ...process.env, ORDERLENS_CLICKHOUSE_DIR: stateDir },
    timeout: 90_000,
  });

/** Start a cluster in `stateDir` (a fresh temporary directory). */
export async function startLocalCluster(stateDir: string): Promise<LocalCluster> {
  const { stdout } = await runScript('start', stateDir);
  const url = stdout.trimEnd().split('\n').at(-1) ?? '';
  const engine = parseEngineUrl(url);
  if (engine.kind !== 'clickhouse') throw new Error('the cluster script printed no engine URL');
  const client = createClickHouseClient(engine, { timeoutMs: 30_000 });
  const [first, second] = engine.shards ?? [];
  if (first !== engine.httpUrl || !second)
    throw new Error('the cluster script printed no shard addresses');
  return { url, engine, client, shards: [client, client.withEndpoint(second)], stateDir };
}

/** Stop the cluster of a state directory (idempotent) and remove the directory. */
export async function stopLocalCluster(stateDir: string): Promise<void> {
  try {
    await runScript('stop', stateDir);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Start a cluster before the enclosing suite's tests and stop it after them. */
export function useLocalCluster(): () => LocalCluster {
  let cluster: LocalCluster | undefined;
  let stateDir = '';
  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-clickhouse-test-'));
    cluster = await startLocalCluster(stateDir);
  }, 90_000);
  // Also when beforeAll failed half-way: stop is idempotent and finds the pid files it left.
  afterAll(async () => {
    if (stateDir) await stopLocalCluster(stateDir);
  }, 60_000);
  return () => {
    if (!cluster) throw new Error('the local ClickHouse cluster did not start');
    return cluster;
  };
}
