import 'server-only';
/**
 * A connection to the cluster an engine URL names: a client on the URL's server (queries through
 * the Distributed tables) and one per server of the cluster (the loads' staging, attach and undo,
 * which 18.16 cannot send ON CLUSTER without ZooKeeper), with the canonical schema ensured.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { createClickHouseClient, type ClickHouseClient, type ClientOptions } from './client';
import type { ClickHouseEngine } from './engine-url';
import { ensureCanonicalSchema } from './schema';

export interface ClickHouseCluster {
  engine: ClickHouseEngine;
  /** The URL's server: reads and inserts through the Distributed tables. */
  client: ClickHouseClient;
  /** One client per server of the cluster, in the order of system.clusters. */
  shards: ClickHouseClient[];
  name: string;
  database: string;
}

/** Connect, find every server of the cluster, and create the canonical schema where missing. */
export async function connectCluster(
  engine: ClickHouseEngine,
  options: ClientOptions = {},
): Promise<ClickHouseCluster> {
  const client = createClickHouseClient(engine, options);
  const addresses = engine.shards ?? (await serverAddresses(client, engine));
  const shards = addresses.map((url) =>
    url === client.httpUrl ? client : client.withEndpoint(url),
  );
  await ensureCanonicalSchema(client, shards, engine.cluster);
  return { engine, client, shards, name: engine.cluster, database: engine.database };
}

/** Without `shards=` in the URL: every server of system.clusters, on the URL's HTTP port. */
async function serverAddresses(client: ClickHouseClient, engine: ClickHouseEngine) {
  const rows = await client
    .withDatabase('system')
    .query<{ host: string }>(
      'SELECT host_name AS host FROM system.clusters WHERE cluster = $1 ORDER BY shard_num, replica_num',
      [engine.cluster],
    );
  if (rows.length === 0)
    throw new OrderlensError(
      `ClickHouse has no cluster ${engine.cluster} (remote_servers in its configuration).`,
      'engine_failed',
    );
  return rows.map((r) => `http://${r.host.includes(':') ? `[${r.host}]` : r.host}:${engine.port}`);
}

const SHARED = 'clickhouse-cluster';

/**
 * The cluster a database's loads, undos and KPI queries go to (set once by whoever opens the
 * database with ORDERLENS_ENGINE or --engine); undefined for the embedded engine. Kept on the
 * Database, not in a module variable, for the reason given at Database.shared.
 */
export function clusterOf(db: Database): ClickHouseCluster | undefined {
  return db.shared<{ cluster?: ClickHouseCluster }>(SHARED, () => ({})).cluster;
}

export function setCluster(db: Database, cluster: ClickHouseCluster | undefined): void {
  db.shared<{ cluster?: ClickHouseCluster }>(SHARED, () => ({})).cluster = cluster;
}
