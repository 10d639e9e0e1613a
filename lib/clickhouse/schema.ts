import 'server-only';
/**
 * The canonical tables on a ClickHouse cluster (issue 18), for ClickHouse 18.16 and later.
 *
 * Per canonical table `t`, on EVERY shard (18.16 has no ON CLUSTER without ZooKeeper, so each
 * statement goes to each shard in turn):
 *
 * - `t_local`: the rows, ReplacingMergeTree(load_id), PARTITION BY load_id, ORDER BY (order_id, nk).
 *   The columns are DuckDB's (lib/db/migrations.ts): `nk` (the natural key text the loader computes
 *   as lib/ingest/load/canonical-rows.ts does), the canonical fields, `load_id`, plus `is_deleted`.
 * - `t`: Distributed(cluster, database, t_local, cityHash64(order_id)): an order's rows in all
 *   four tables land on one shard, so facts are built shard-locally.
 * - `t_current_local`: a view of t_local FINAL WHERE is_deleted = 0, the rows as they stand now;
 *   `t_current`: a Distributed table over the views. FINAL directly on `t` is right for a plain
 *   read, but FINAL on the left of a JOIN fails on 18.16 (notes): queries read `t_current`.
 *
 * Why these choices (each tested on 18.16, see the notes):
 * - Versioning by load: the newest load of a key wins under FINAL (which merges across
 *   partitions). One partition per load: merges never cross partitions, so the rows a load
 *   replaced stay in their own load's partition until that partition is dropped. Undo of a load
 *   is `ALTER TABLE t_local DROP PARTITION <load>` on every shard (the replaced rows show again),
 *   and an atomic load can be written to a staging table and attached per shard with
 *   `ATTACH PARTITION <load> FROM`. No history tables are needed, unlike DuckDB's `t_history`.
 *   The cost: parts of different loads never merge (FINAL reads them all); a later compaction can
 *   fold old, no longer undoable loads together. load_id is UInt64 (ledger ids start at 1).
 * - Tombstones: a ReplacingMergeTree cannot delete. A replacing load that drops a row writes it
 *   again with is_deleted = 1 in its own partition; FINAL keeps that newest version and
 *   `WHERE is_deleted = 0` (a WHERE after FINAL; never PREWHERE, which filters before the
 *   de-duplication and resurrects the older row) hides it.
 * - The sort key is (order_id, nk): both are NOT NULL (a sort key cannot be Nullable on 18.16) and
 *   nk already holds the natural key with NULL parts encoded. A return keyed by return_id alone
 *   (nk = 'R…') that moves to another order is a different key here: the loader must tombstone it
 *   under its old order, which may be on another shard.
 * - Types: text → String; timestamp → DateTime('UTC') (seconds; no DateTime64 on 18.16; the range
 *   is 1970-01-01 00:00:01 … 2105-12-31 23:59:59: the client refuses a date outside it with an
 *   error naming the row and column, and the loader must reject such a row, as it rejects an
 *   unreadable date, rather than clamp it); number → Float64 (DuckDB's DOUBLE: Decimal's avg
 *   truncates on 18.16 and JSON reads it as a float anyway); integer → Int64; boolean → UInt8.
 *   A field is Nullable exactly where DuckDB's column is (the required fields are NOT NULL).
 */
import { OrderlensError } from '@/lib/errors';
import {
  canonicalFields,
  canonicalTables,
  type CanonicalTable,
  type FieldType,
} from '@/lib/model/canonical';
import type { ClickHouseClient } from './client';
import { quoteIdent } from './sql';

/** Recorded on each shard in `schema_versions`; raise it with each change to canonicalDdl. */
export const CANONICAL_SCHEMA_VERSION = 1;
export const SCHEMA_VERSIONS_TABLE = 'schema_versions';

const FIELD_TYPES = {
  text: 'String',
  timestamp: "DateTime('UTC')",
  number: 'Float64',
  integer: 'Int64',
  boolean: 'UInt8',
} as const satisfies Record<FieldType, string>;

type BaseType = (typeof FIELD_TYPES)[FieldType] | 'UInt64';
export type ColumnType = BaseType | `Nullable(${BaseType})`;

export interface ColumnDef {
  name: string;
  type: ColumnType;
}

/** The columns of a canonical table's rows on ClickHouse, in order. */
export function canonicalColumns(table: CanonicalTable): ColumnDef[] {
  const fields = canonicalFields[table].map((f): ColumnDef => {
    const base = FIELD_TYPES[f.type];
    return { name: f.name, type: f.required ? base : `Nullable(${base})` };
  });
  return [
    { name: 'nk', type: 'String' },
    ...fields,
    { name: 'load_id', type: 'UInt64' },
    { name: 'is_deleted', type: 'UInt8' },
  ];
}

/** The table names of a canonical table on ClickHouse. */
export const tableNames = (table: CanonicalTable) => ({
  local: `${table}_local`,
  distributed: table,
  currentLocal: `${table}_current_local`,
  current: `${table}_current`,
});

export interface SchemaTarget {
  database: string;
  cluster: string;
}

/** Every statement of the schema, in order, for ONE shard (each statement is idempotent). */
export function canonicalDdl(target: SchemaTarget): string[] {
  const q = (name: string) => `${quoteIdent(target.database)}.${quoteIdent(name)}`;
  const cluster = quoteIdent(target.cluster);
  const database = quoteIdent(target.database);
  const statements = [
    `CREATE DATABASE IF NOT EXISTS ${database}`,
    `CREATE TABLE IF NOT EXISTS ${q(SCHEMA_VERSIONS_TABLE)} (
  ${quoteIdent('version')} UInt32,
  ${quoteIdent('name')} String,
  ${quoteIdent('applied_at')} DateTime('UTC')
) ENGINE = MergeTree
ORDER BY ${quoteIdent('version')}`,
  ];
  for (const table of canonicalTables) {
    const names = tableNames(table);
    const columns = canonicalColumns(table);
    const visible = columns.filter((c) => c.name !== 'is_deleted');
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${q(names.local)} (
${columns.map((c) => `  ${quoteIdent(c.name)} ${c.type}`).join(',\n')}
) ENGINE = ReplacingMergeTree(${quoteIdent('load_id')})
PARTITION BY ${quoteIdent('load_id')}
ORDER BY (${quoteIdent('order_id')}, ${quoteIdent('nk')})`,
      `CREATE TABLE IF NOT EXISTS ${q(names.distributed)} AS ${q(names.local)}
ENGINE = Distributed(${cluster}, ${database}, ${quoteIdent(names.local)}, cityHash64(${quoteIdent('order_id')}))`,
      `CREATE VIEW IF NOT EXISTS ${q(names.currentLocal)} AS
SELECT ${visible.map((c) => quoteIdent(c.name)).join(', ')}
FROM ${q(names.local)} FINAL
WHERE ${quoteIdent('is_deleted')} = 0`,
      `CREATE TABLE IF NOT EXISTS ${q(names.current)} AS ${q(names.currentLocal)}
ENGINE = Distributed(${cluster}, ${database}, ${quoteIdent(names.currentLocal)})`,
    );
  }
  return statements;
}

export interface ShardSchema {
  /** The shard's number in system.clusters. */
  shard: number;
  httpUrl: string;
  /** Whether this run created the schema there (false: it was already at this version). */
  applied: boolean;
}

/**
 * Create the canonical schema on every shard of the cluster, where it is not yet at this version.
 * `shards` holds one client per server of the cluster (client.withEndpoint): each must be a
 * distinct server of system.clusters, and together they must cover it, or a shard would
 * silently lack tables. Idempotent; a run cut off between shards is completed by the next.
 */
export async function ensureCanonicalSchema(
  client: ClickHouseClient,
  shards: readonly ClickHouseClient[],
  cluster: string,
): Promise<ShardSchema[]> {
  const numbers = await shardNumbers(client, shards, cluster);
  const target = { database: client.database, cluster };
  const versions = `${quoteIdent(client.database)}.${quoteIdent(SCHEMA_VERSIONS_TABLE)}`;
  const [createDatabase, createVersions, ...tables] = canonicalDdl(target);
  const out: ShardSchema[] = [];
  for (const [i, shard] of shards.entries()) {
    // Sent with `system` as the default: a request naming a database that does not exist fails.
    await shard.withDatabase('system').command(createDatabase!);
    await shard.command(createVersions!);
    const [row] = await shard.query<{ v: number }>(
      `SELECT max(${quoteIdent('version')}) AS v FROM ${versions}`,
    );
    const current = row?.v ?? 0;
    if (current > CANONICAL_SCHEMA_VERSION)
      throw new OrderlensError(
        `ClickHouse holds Orderlens schema version ${current}, newer than this Orderlens knows (${CANONICAL_SCHEMA_VERSION}). Upgrade Orderlens.`,
        'engine_failed',
      );
    const applied = current < CANONICAL_SCHEMA_VERSION;
    if (applied) {
      for (const statement of tables) await shard.command(statement);
      await shard.command(
        `INSERT INTO ${versions} (${quoteIdent('version')}, ${quoteIdent('name')}, ${quoteIdent('applied_at')}) VALUES ($1, $2, now())`,
        [CANONICAL_SCHEMA_VERSION, 'canonical tables, Distributed by order, current views'],
      );
    }
    out.push({ shard: numbers[i]!, httpUrl: shard.httpUrl, applied });
  }
  return out;
}

/**
 * The shard number of each client, checking that they are distinct servers of the cluster and
 * cover all of it (is_local marks, on each server, its own row of system.clusters).
 */
async function shardNumbers(
  client: ClickHouseClient,
  shards: readonly ClickHouseClient[],
  cluster: string,
): Promise<number[]> {
  // Asked in `system`: our database may not exist yet.
  const all = await client
    .withDatabase('system')
    .query<{ shard_num: number; replica_num: number }>(
      'SELECT shard_num, replica_num FROM system.clusters WHERE cluster = $1 ORDER BY shard_num, replica_num',
      [cluster],
    );
  if (all.length === 0)
    throw new OrderlensError(
      `ClickHouse has no cluster ${cluster} (remote_servers in its configuration).`,
      'engine_failed',
    );
  const seen = new Map<string, string>();
  const numbers: number[] = [];
  for (const shard of shards) {
    const own = await shard
      .withDatabase('system')
      .query<{ shard_num: number; replica_num: number }>(
        'SELECT shard_num, replica_num FROM system.clusters WHERE cluster = $1 AND is_local = 1',
        [cluster],
      );
    const where = `${shard.host}:${shard.port}`;
    if (own.length !== 1)
      throw new OrderlensError(
        `The ClickHouse server at ${where} is ${own.length ? 'several servers' : 'not a server'} of cluster ${cluster}.`,
        'engine_failed',
      );
    const key = `${own[0]!.shard_num}/${own[0]!.replica_num}`;
    const twin = seen.get(key);
    if (twin)
      throw new OrderlensError(
        `The ClickHouse servers at ${twin} and ${where} are the same server of cluster ${cluster}.`,
        'engine_failed',
      );
    seen.set(key, where);
    numbers.push(own[0]!.shard_num);
  }
  const missing = all.filter((r) => !seen.has(`${r.shard_num}/${r.replica_num}`));
  if (missing.length)
    throw new OrderlensError(
      `Cluster ${cluster} has ${all.length} servers; no address was given for ${missing
        .map((r) => `shard ${r.shard_num} replica ${r.replica_num}`)
        .join(', ')}, so the schema cannot be created there.`,
      'engine_failed',
    );
  return numbers;
}
