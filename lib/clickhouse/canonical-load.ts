import 'server-only';
/**
 * The cluster side of a load (issue 18): stage, settle, attach, discard, and the facts an undo
 * needs. The embedded database keeps the ledger; the rows go to the cluster.
 *
 * A load L writes, per canonical table `t` and per shard:
 * - `stage_L_t_in_local` (+ `stage_L_t_in`, Distributed over them by cityHash64(order_id), on the
 *   URL's server): every incoming row, with load_id = L. Each row reaches the shard of its order.
 * - `stage_L_t_out_local`: settled on each shard from the first: the incoming rows that are new or
 *   differ from the row standing now (t_current_local), as DuckDB's upsert writes only those. An
 *   unchanged row keeps its older load, on both engines.
 * Nothing of this is visible: queries read t_current. `attachStage` then runs
 * `ALTER TABLE t_local ATTACH PARTITION L FROM stage_L_t_out_local` on each shard (atomic per
 * table and shard; 18.16 has no transaction across them) and skips a partition already there, so
 * a run cut off between shards is finished by running it again (the ledger says "attaching").
 * Undo drops partition L; the rows it replaced stand again, being the newest left (schema.ts).
 */
import { OrderlensError } from '@/lib/errors';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import type { ClickHouseClient } from './client';
import type { ClickHouseCluster } from './cluster';
import { canonicalColumns, tableNames } from './schema';
import { quoteIdent, type ParamValue } from './sql';

export interface TableCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const stageNames = (table: CanonicalTable, loadId: number) => ({
  in: `stage_${loadId}_${table}_in`,
  inLocal: `stage_${loadId}_${table}_in_local`,
  outLocal: `stage_${loadId}_${table}_out_local`,
});

const qualified = (c: ClickHouseCluster, name: string) =>
  `${quoteIdent(c.database)}.${quoteIdent(name)}`;

/** The columns a load writes, in order: nk, the canonical fields (load_id and is_deleted follow). */
export const rowColumns = (table: CanonicalTable) =>
  canonicalColumns(table)
    .map((column) => column.name)
    .filter((name) => name !== 'load_id' && name !== 'is_deleted');

/** Create the staging tables of a load on every shard (check assertLoadIdFree first). */
export async function createStage(
  c: ClickHouseCluster,
  loadId: number,
  tables: readonly CanonicalTable[],
): Promise<void> {
  for (const shard of c.shards)
    for (const table of tables) {
      const names = stageNames(table, loadId);
      const local = qualified(c, tableNames(table).local);
      await shard.command(`CREATE TABLE IF NOT EXISTS ${qualified(c, names.inLocal)} AS ${local}`);
      await shard.command(`CREATE TABLE IF NOT EXISTS ${qualified(c, names.outLocal)} AS ${local}`);
    }
  for (const table of tables) {
    const names = stageNames(table, loadId);
    await c.client.command(
      `CREATE TABLE IF NOT EXISTS ${qualified(c, names.in)} AS ${qualified(c, tableNames(table).local)}
ENGINE = Distributed(${quoteIdent(c.name)}, ${quoteIdent(c.database)}, ${quoteIdent(names.inLocal)}, cityHash64(${quoteIdent('order_id')}))`,
    );
  }
}

/**
 * Refuse a load id the cluster already holds rows of: an embedded ledger started afresh against a
 * cluster that already holds loads would otherwise mix its loads with the old ones.
 */
export async function assertLoadIdFree(c: ClickHouseCluster, loadId: number) {
  for (const shard of c.shards) {
    const [row] = await shard.query<{ n: number }>(
      `SELECT count() AS n FROM system.parts
        WHERE database = $1 AND active AND partition = $2 AND has($3, table)`,
      [c.database, String(loadId), canonicalTables.map((t) => tableNames(t).local)],
    );
    if (Number(row?.n ?? 0) > 0)
      throw new OrderlensError(
        `The ClickHouse cluster already holds rows of a load ${loadId} that this database's ledger does not list: it was loaded from another Orderlens database. Point this database at the cluster it loaded, or use another ClickHouse database.`,
        'engine_failed',
      );
  }
}

/** Send incoming rows (values in rowColumns order) to the stage; each reaches its order's shard. */
export async function stageRows(
  c: ClickHouseCluster,
  loadId: number,
  table: CanonicalTable,
  rows: readonly (readonly ParamValue[])[],
): Promise<number> {
  const columns = [...rowColumns(table), 'load_id', 'is_deleted'];
  const withLoad = rows.map((row) => [...row, loadId, 0]);
  return c.client.insertRows(stageNames(table, loadId).in, columns, withLoad);
}

/**
 * On each shard: keep of the incoming rows those new or changed against the rows standing now,
 * and count them as DuckDB's upsert does (inserted: new key; updated: a value differs).
 */
export async function settleStage(
  c: ClickHouseCluster,
  loadId: number,
  table: CanonicalTable,
): Promise<TableCounts> {
  const names = stageNames(table, loadId);
  const fields = rowColumns(table).filter((name) => name !== 'nk');
  const types = new Map(canonicalColumns(table).map((col) => [col.name, col.type]));
  // The rows standing now, of the incoming orders only: order_id leads the sort key, so the
  // index skips the rest of the table, and every version of a key shares its order, so the filter
  // may run before FINAL's de-duplication (unlike is_deleted, which must run after it).
  const right = `(SELECT ${quoteIdent('nk')}, 1 AS _found, ${fields
    .map((f) => `${quoteIdent(f)} AS ${quoteIdent(`_r_${f}`)}`)
    .join(', ')} FROM ${qualified(c, tableNames(table).local)} FINAL
     WHERE ${quoteIdent('order_id')} IN (SELECT ${quoteIdent('order_id')} FROM ${qualified(c, names.inLocal)})
       AND ${quoteIdent('is_deleted')} = 0)`;
  const same = fields
    .map((f) => {
      const a = quoteIdent(f);
      const b = quoteIdent(`_r_${f}`);
      return types.get(f)!.startsWith('Nullable(')
        ? `(ifNull(${a} = ${b}, 0) OR (isNull(${a}) AND isNull(${b})))`
        : `${a} = ${b}`;
    })
    .join(' AND ');
  const joined = `FROM ${qualified(c, names.inLocal)} ANY LEFT JOIN ${right} USING ${quoteIdent('nk')}`;
  const changed = `_found = 0 OR NOT (${same})`;
  const all = [...rowColumns(table), 'load_id', 'is_deleted'].map(quoteIdent).join(', ');
  const counts: TableCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const shard of c.shards) {
    const [row] = await shard.query<{ total: number; inserted: number; updated: number }>(
      `SELECT count() AS total, countIf(_found = 0) AS inserted, countIf(_found = 1 AND NOT (${same})) AS updated ${joined}`,
    );
    const [total, inserted, updated] = [row?.total, row?.inserted, row?.updated].map(Number);
    counts.inserted += inserted!;
    counts.updated += updated!;
    counts.unchanged += total! - inserted! - updated!;
    if (inserted! + updated! > 0)
      await shard.command(
        `INSERT INTO ${qualified(c, names.outLocal)} (${all}) SELECT ${all} ${joined} WHERE ${changed}`,
      );
  }
  return counts;
}

/**
 * Make a staged load visible: partition L of each table, shard by shard. Idempotent: a partition
 * already attached is left alone, so a crash between shards is finished by running it again.
 */
export async function attachStage(
  c: ClickHouseCluster,
  loadId: number,
  tables: readonly CanonicalTable[] = canonicalTables,
): Promise<void> {
  for (const shard of c.shards)
    for (const table of tables) {
      const names = stageNames(table, loadId);
      const staged = await partitionRows(c, shard, names.outLocal, loadId);
      if (staged === undefined || staged === 0) continue;
      const local = tableNames(table).local;
      if (((await partitionRows(c, shard, local, loadId)) ?? 0) > 0) continue;
      await shard.command(
        `ALTER TABLE ${qualified(c, local)} ATTACH PARTITION $1 FROM ${qualified(c, names.outLocal)}`,
        [loadId],
      );
    }
}

/** Rows of a load's partition in a table of one shard; undefined when the table does not exist. */
async function partitionRows(
  c: ClickHouseCluster,
  shard: ClickHouseClient,
  table: string,
  loadId: number,
): Promise<number | undefined> {
  const [row] = await shard.query<{ tables: number; n: number }>(
    `SELECT (SELECT count() FROM system.tables WHERE database = $1 AND name = $2) AS tables,
            (SELECT sum(rows) FROM system.parts WHERE database = $1 AND table = $2 AND active AND partition = $3) AS n`,
    [c.database, table, String(loadId)],
  );
  return Number(row?.tables) === 0 ? undefined : Number(row?.n ?? 0);
}

/** Remove a load's staging tables everywhere (after its attach, or when it failed or was a dry run). */
export async function discardStage(c: ClickHouseCluster, loadId: number): Promise<void> {
  // The Distributed tables first (on the URL's server), then the local ones they point at.
  for (const shard of [c.client, ...c.shards]) {
    const tables = await shard.query<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = $1 AND startsWith(name, $2) ORDER BY name',
      [c.database, `stage_${loadId}_`],
    );
    const names = tables
      .map((t) => t.name)
      .sort((a, b) => Number(a.endsWith('_local')) - Number(b.endsWith('_local')));
    for (const name of names) await shard.command(`DROP TABLE IF EXISTS ${qualified(c, name)}`);
  }
}

/** The loads whose staging tables are on the cluster (a load cut off before it was cleaned up). */
export async function stagedLoads(c: ClickHouseCluster): Promise<number[]> {
  const ids = new Set<number>();
  for (const shard of c.shards) {
    const rows = await shard.query<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = $1 AND startsWith(name, 'stage_')",
      [c.database],
    );
    for (const { name } of rows) {
      const id = /^stage_(\d+)_/.exec(name)?.[1];
      if (id) ids.add(Number(id));
    }
  }
  return [...ids].sort((a, b) => a - b);
}

/** The first row of these loads that a load outside them later replaced: that one goes first. */
export async function supersededOnCluster(
  c: ClickHouseCluster,
  loadIds: readonly number[],
): Promise<{ earlier: number; later: number } | undefined> {
  let first: { earlier: number; later: number } | undefined;
  for (const shard of c.shards)
    for (const table of canonicalTables) {
      const local = qualified(c, tableNames(table).local);
      const [row] = await shard.query<{ earlier: number; later: number }>(
        `SELECT earlier, later
           FROM (SELECT nk, load_id AS earlier FROM ${local} WHERE has($1, load_id))
           ALL INNER JOIN (SELECT nk, load_id AS later FROM ${local} WHERE NOT has($1, load_id)) USING nk
          WHERE later > earlier ORDER BY later, earlier LIMIT 1`,
        [loadIds as number[]],
      );
      if (!row) continue;
      const found = { earlier: Number(row.earlier), later: Number(row.later) };
      if (
        !first ||
        found.later < first.later ||
        (found.later === first.later && found.earlier < first.earlier)
      )
        first = found;
    }
  return first;
}

const childTables = ['order_lines', 'shipments', 'returns'] as const;

/**
 * Rows of other loads, per load and table, that refer to orders standing only through these
 * loads (an order with a version in another load comes back on undo): an undo would orphan them.
 * Per shard: an order's rows all live on its shard.
 */
export async function orphansOnCluster(
  c: ClickHouseCluster,
  loadIds: readonly number[],
): Promise<{ loadId: number; table: CanonicalTable; rows: number }[]> {
  const orders = tableNames('orders');
  const vanishing = `SELECT ${quoteIdent('order_id')} FROM ${qualified(c, orders.currentLocal)}
     WHERE has($1, load_id)
       AND order_id NOT IN (SELECT order_id FROM ${qualified(c, orders.local)} WHERE NOT has($1, load_id))`;
  const found = new Map<string, { loadId: number; table: CanonicalTable; rows: number }>();
  for (const shard of c.shards)
    for (const table of childTables) {
      const rows = await shard.query<{ load_id: number; n: number }>(
        `SELECT load_id, count() AS n FROM ${qualified(c, tableNames(table).currentLocal)}
          WHERE NOT has($1, load_id) AND order_id IN (${vanishing})
          GROUP BY load_id`,
        [loadIds as number[]],
      );
      for (const row of rows) {
        const key = `${row.load_id}/${table}`;
        const entry = found.get(key) ?? { loadId: Number(row.load_id), table, rows: 0 };
        entry.rows += Number(row.n);
        found.set(key, entry);
      }
    }
  return [...found.values()];
}

/**
 * Take loads back, newest first: count what each removes (its rows standing now) and restores
 * (its rows that replaced an older version), then drop its partition on every shard. Dropping a
 * partition already gone does nothing, so an undo cut off half-way is finished by running it again.
 */
export async function takeBackOnCluster(c: ClickHouseCluster, loadIds: readonly number[]) {
  const removed: Record<string, number> = Object.fromEntries(canonicalTables.map((t) => [t, 0]));
  const restored: Record<string, number> = { ...removed };
  for (const loadId of [...loadIds].sort((a, b) => b - a))
    for (const table of [...canonicalTables].reverse()) {
      const names = tableNames(table);
      for (const shard of c.shards) {
        const [row] = await shard.query<{ removed: number; restored: number }>(
          `SELECT (SELECT count() FROM ${qualified(c, names.currentLocal)} WHERE load_id = $1) AS removed,
                  (SELECT count() FROM ${qualified(c, names.local)}
                    WHERE load_id = $1 AND nk IN (SELECT nk FROM ${qualified(c, names.local)} WHERE load_id < $1)) AS restored`,
          [loadId],
        );
        removed[table]! += Number(row?.removed ?? 0);
        restored[table]! += Number(row?.restored ?? 0);
        await shard.command(`ALTER TABLE ${qualified(c, names.local)} DROP PARTITION $1`, [loadId]);
      }
    }
  return { removed, restored };
}
