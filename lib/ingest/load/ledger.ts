import 'server-only';
/** The load ledger: every load with its outcome, and undo of a load. */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { quoteIdent } from '@/lib/db/sql';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { columnsOf } from './canonical-rows';
import { clusterOf } from '@/lib/clickhouse/cluster';
import { describeEngine } from '@/lib/clickhouse/engine-url';
import { undoClusterLoad } from './cluster-loads';
import { announceChange, collectTouchedOrders } from './touched-orders';

export type LoadStatus =
  | 'loaded'
  | 'unchanged'
  | 'rejected'
  | 'failed'
  | 'undone'
  /** A cluster load recorded and being attached shard by shard (finished at the next start). */
  | 'attaching'
  /** A cluster undo under way (finished at the next start). */
  | 'undoing';

export interface LedgerEntry {
  loadId: number;
  fileName: string;
  contentHash: string;
  target: string;
  status: LoadStatus;
  message: string | null;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  tableCounts: Record<string, { inserted: number; updated: number; unchanged: number }> | null;
  mapping: unknown;
  isDemo: boolean;
  /** Where the rows went: null for the embedded database, else the cluster (no password). */
  engine: string | null;
  startedAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
}

export interface LedgerRecord {
  fileName: string;
  contentHash: string;
  target: string;
  mapping: unknown;
  status: LoadStatus;
  message?: string;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  tableCounts?: Record<string, unknown>;
  isDemo?: boolean;
  engine?: string;
  startedAt: Date;
}

/**
 * The next load's id, taken inside the load's transaction. Not a sequence: a sequence value is
 * spent even when the transaction rolls back, so every dry run would leave a gap in the ledger.
 * Writers are serialised (one process, one write queue), so max + 1 cannot be taken twice.
 */
export async function nextLoadId(db: Database): Promise<number> {
  const row = await db.one<{ id: number }>(
    'SELECT CAST(coalesce(max(load_id), 0) + 1 AS INTEGER) AS id FROM loads',
  );
  return row!.id;
}

export async function recordLoad(
  db: Database,
  loadId: number,
  record: LedgerRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO loads (load_id, file_name, content_hash, target, mapping, status, message, rows_read,
                        rows_inserted, rows_updated, rows_unchanged, rows_rejected, table_counts, is_demo,
                        started_at, finished_at, engine)
     VALUES ($1, $2, $3, $4, $5::JSON, $6, $7, $8, $9, $10, $11, $12, $13::JSON, $14, $15::TIMESTAMP, now()::TIMESTAMP, $16)`,
    [
      loadId,
      record.fileName,
      record.contentHash,
      record.target,
      JSON.stringify(record.mapping ?? null),
      record.status,
      record.message ?? null,
      record.rowsRead,
      record.rowsInserted,
      record.rowsUpdated,
      record.rowsUnchanged,
      record.rowsRejected,
      JSON.stringify(record.tableCounts ?? null),
      record.isDemo ?? false,
      record.startedAt.toISOString(),
      record.engine ?? null,
    ],
  );
}

const SELECT_LOADS = `SELECT load_id, file_name, content_hash, target, mapping::VARCHAR AS mapping, status, message,
  rows_read, rows_inserted, rows_updated, rows_unchanged, rows_rejected, table_counts::VARCHAR AS table_counts,
  is_demo, engine, started_at, finished_at, undone_at FROM loads`;

/**
 * Every load, newest first, as committed: on a reader connection, so a load still in its
 * transaction (on the writer connection) is not listed before it has landed.
 */
export async function listLoads(db: Database, limit = 1000): Promise<LedgerEntry[]> {
  // Per write generation (loads and undos are the writer's): pages ask on every view.
  const rows = await db.memo(`ledger:${limit}`, () =>
    db.read(`${SELECT_LOADS} ORDER BY load_id DESC LIMIT $1`, [limit]),
  );
  return rows.map(toEntry);
}

export async function getLoad(db: Database, loadId: number): Promise<LedgerEntry | undefined> {
  const row = await db.one(`${SELECT_LOADS} WHERE load_id = $1`, [loadId]);
  return row ? toEntry(row) : undefined;
}

/** The active load of the same content into the same target with the same mapping, if any. */
export async function findSameContent(
  db: Database,
  contentHash: string,
  target: string,
  mapping: unknown,
) {
  // Into the same engine: the content of a file loaded into the embedded database is not on a cluster.
  const cluster = clusterOf(db);
  const row = await db.one(
    `${SELECT_LOADS} WHERE content_hash = $1 AND target = $2 AND mapping::VARCHAR = $3::JSON::VARCHAR
       AND status IN ('loaded', 'unchanged', 'attaching') AND engine IS NOT DISTINCT FROM $4
     ORDER BY load_id LIMIT 1`,
    [
      contentHash,
      target,
      JSON.stringify(mapping ?? null),
      cluster ? describeEngine(cluster.engine) : null,
    ],
  );
  return row ? toEntry(row) : undefined;
}

function toEntry(row: Record<string, unknown>): LedgerEntry {
  const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : null);
  return {
    loadId: row.load_id as number,
    fileName: row.file_name as string,
    contentHash: row.content_hash as string,
    target: row.target as string,
    status: row.status as LoadStatus,
    message: (row.message as string | null) ?? null,
    rowsRead: row.rows_read as number,
    rowsInserted: row.rows_inserted as number,
    rowsUpdated: row.rows_updated as number,
    rowsUnchanged: row.rows_unchanged as number,
    rowsRejected: row.rows_rejected as number,
    tableCounts: parse(row.table_counts),
    mapping: parse(row.mapping),
    isDemo: row.is_demo as boolean,
    engine: (row.engine as string | null) ?? null,
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
    undoneAt: (row.undone_at as string | null) ?? null,
  };
}

export interface UndoResult {
  loadId: number;
  /** Every load undone, newest first: the one asked for, and with `cascade` its dependents. */
  loads: number[];
  removed: Record<string, number>;
  restored: Record<string, number>;
}

export interface UndoOptions {
  /** Undo with it the loads whose lines, shipments or returns refer to orders only it holds. */
  cascade?: boolean;
}

/** Rows of one load that refer to orders another load holds: they would lose their order. */
export interface DependentLoad {
  loadId: number;
  rows: Partial<Record<CanonicalTable, number>>;
}

/** An undo refused because other loads' rows would be left without their orders. */
export class DependentLoadsError extends OrderlensError {
  constructor(
    readonly loadId: number,
    readonly dependents: DependentLoad[],
  ) {
    super(dependentsMessage(loadId, dependents), 'has_dependents');
  }
}

/**
 * Undo a load: remove the rows it wrote and restore the rows it replaced, in one transaction.
 * Refused while other active loads hold lines, shipments or returns of orders that exist only
 * through this load (they would be left without their order); with `cascade` they are undone
 * with it, newest first.
 */
export async function undoLoad(
  db: Database,
  loadId: number,
  options: UndoOptions = {},
): Promise<UndoResult> {
  return db.exclusive(async () => {
    const load = await undoableLoad(db, loadId);
    if (load.engine) return undoClusterLoad(db, load, options);
    return db.inTransaction((tx) => undoEmbeddedLoad(tx, loadId, options));
  });
}

/** The load, if it exists and may be undone (completed; not undone, rejected or failed). */
export async function undoableLoad(db: Database, loadId: number): Promise<LedgerEntry> {
  const load = await getLoad(db, loadId);
  if (!load) throw new OrderlensError(`There is no load ${loadId}.`, 'not_found');
  if (load.status !== 'loaded' && load.status !== 'unchanged') {
    throw new OrderlensError(
      `Load ${loadId} is ${load.status}; only a completed load can be undone.`,
      'not_undoable',
    );
  }
  return load;
}

async function undoEmbeddedLoad(
  tx: Database,
  loadId: number,
  options: UndoOptions,
): Promise<UndoResult> {
  {
    await assertNotSuperseded(tx, [loadId]);
    const dependents = await dependentLoads(tx, [loadId]);
    if (dependents.length > 0 && !options.cascade)
      throw new DependentLoadsError(loadId, dependents);
    const loads = [loadId, ...dependents.map((d) => d.loadId)].sort((a, b) => b - a);
    if (dependents.length > 0) await assertNotSuperseded(tx, loads);
    // Before the rows are taken back: afterwards nothing says which orders they were.
    const change = await collectTouchedOrders(tx, loads);
    const result = { loadId, loads, ...(await takeBack(tx, loads)) };
    await announceChange(tx, change);
    return result;
  }
}

/**
 * The body of an undo, inside the caller's transaction: newest load first (a load that replaced
 * rows of another in the set gives them back before that one is taken out), and per load the
 * dependents before the orders (returns, shipments, order lines, orders).
 */
async function takeBack(tx: Database, loadIds: number[]) {
  const removed: Record<string, number> = Object.fromEntries(canonicalTables.map((t) => [t, 0]));
  const restored: Record<string, number> = { ...removed };
  for (const loadId of [...loadIds].sort((a, b) => b - a)) {
    for (const table of [...canonicalTables].reverse()) {
      const list = ['nk', ...columnsOf(table), 'load_id'].map(quoteIdent).join(', ');
      removed[table]! += await tx.run(`DELETE FROM ${quoteIdent(table)} WHERE load_id = $1`, [
        loadId,
      ]);
      restored[table]! += await tx.run(
        `INSERT INTO ${quoteIdent(table)} (${list}) SELECT ${list} FROM ${quoteIdent(`${table}_history`)} WHERE replaced_by_load = $1`,
        [loadId],
      );
      await tx.run(`DELETE FROM ${quoteIdent(`${table}_history`)} WHERE replaced_by_load = $1`, [
        loadId,
      ]);
    }
    await tx.run(
      "UPDATE loads SET status = 'undone', undone_at = now()::TIMESTAMP WHERE load_id = $1",
      [loadId],
    );
  }
  return { removed, restored };
}

/** `IN ($1, $2, …)` for a list of load ids, bound like every value. */
const idList = (ids: number[]) => ids.map((_, i) => `$${i + 1}`).join(', ');

/** A later load that replaced rows of these must be undone first, or history would be lost. */
async function assertNotSuperseded(db: Database, loadIds: number[]) {
  const ids = idList(loadIds);
  const checks = canonicalTables.map(
    (table) =>
      `SELECT load_id AS earlier, replaced_by_load AS later FROM ${quoteIdent(`${table}_history`)}
        WHERE load_id IN (${ids}) AND replaced_by_load NOT IN (${ids})`,
  );
  const row = await db.one<{ earlier: number; later: number }>(
    `SELECT earlier, later FROM (${checks.join(' UNION ALL ')}) ORDER BY later, earlier LIMIT 1`,
    loadIds,
  );
  if (row?.later) throw supersededError(row.earlier, row.later);
}

export function supersededError(earlier: number, later: number): OrderlensError {
  return new OrderlensError(
    `Load ${later} later replaced rows written by load ${earlier}. Undo load ${later} first.`,
    'superseded',
  );
}

const childTables = ['order_lines', 'shipments', 'returns'] as const;

/** Rows of one other load, in one table, that an undo of some loads would leave orphaned. */
export interface OrphanRows {
  loadId: number;
  table: CanonicalTable;
  rows: number;
}

/**
 * The other active loads whose lines, shipments or returns refer to orders that exist only
 * through these loads (an order a load replaced comes back on undo, so its rows keep it), and
 * in turn the loads that depend on those: everything an undo of these would leave orphaned.
 */
export function dependentLoads(db: Database, loadIds: number[]): Promise<DependentLoad[]> {
  return closeOverOrphans(loadIds, (undone) => embeddedOrphans(db, undone));
}

/**
 * From the orphans of a set of loads to every load an undo of the set must take with it: the
 * loads found join the set until no other load's rows are left orphaned. `orphansOf` is the
 * engine's own query (this module's for the embedded database, lib/clickhouse for a cluster).
 */
export async function closeOverOrphans(
  loadIds: number[],
  orphansOf: (undone: number[]) => Promise<OrphanRows[]>,
): Promise<DependentLoad[]> {
  const undone = [...loadIds];
  const found = new Map<number, DependentLoad>();
  for (;;) {
    const rows = await orphansOf(undone);
    if (rows.length === 0) break;
    for (const row of rows) {
      const entry = found.get(row.loadId) ?? { loadId: row.loadId, rows: {} };
      entry.rows[row.table] = (entry.rows[row.table] ?? 0) + row.rows;
      found.set(row.loadId, entry);
    }
    undone.push(...new Set(rows.map((r) => r.loadId)));
  }
  return [...found.values()].sort((a, b) => a.loadId - b.loadId);
}

async function embeddedOrphans(db: Database, undone: number[]): Promise<OrphanRows[]> {
  const ids = idList(undone);
  const children = childTables.map(
    (table, i) =>
      `SELECT load_id, $${undone.length + 1 + i}::VARCHAR AS child
         FROM ${quoteIdent(table)} WHERE load_id NOT IN (${ids})
          AND order_id IN (SELECT order_id FROM vanishing)`,
  );
  const rows = await db.all<{ load_id: number; child: CanonicalTable; n: number }>(
    `WITH vanishing AS (
       SELECT order_id FROM orders WHERE load_id IN (${ids})
       EXCEPT
       SELECT order_id FROM orders_history WHERE replaced_by_load IN (${ids}) AND load_id NOT IN (${ids}))
     SELECT load_id, child, CAST(count(*) AS INTEGER) AS n FROM (${children.join(' UNION ALL ')})
      GROUP BY load_id, child ORDER BY load_id`,
    [...undone, ...childTables],
  );
  return rows.map((r) => ({ loadId: r.load_id, table: r.child, rows: r.n }));
}

const childNames: Record<CanonicalTable, [string, string]> = {
  orders: ['order', 'orders'],
  order_lines: ['order line', 'order lines'],
  shipments: ['shipment line', 'shipment lines'],
  returns: ['return line', 'return lines'],
};
const count = (n: number, table: CanonicalTable) =>
  `${n.toLocaleString('en-US')} ${childNames[table][n === 1 ? 0 : 1]}`;
const together = ['', '', 'both', 'all three', 'all four', 'all five', 'all six', 'all seven'];

function joinAnd(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function dependentsMessage(loadId: number, dependents: DependentLoad[]): string {
  const parts = dependents.map((d) => {
    const rows = (Object.entries(d.rows) as [CanonicalTable, number][]).map(([t, n]) =>
      count(n, t),
    );
    return `load ${d.loadId} (${joinAnd(rows)})`;
  });
  const list = joinAnd(parts);
  const many = dependents.length > 1;
  const all = together[dependents.length + 1] ?? `all ${dependents.length + 1}`;
  return (
    `${list.charAt(0).toUpperCase()}${list.slice(1)} ${many ? 'refer' : 'refers'} to orders of load ${loadId}, ` +
    `which an undo would leave without their order: undo ${many ? 'them' : 'it'} first, or undo ${all} together. Nothing was changed.`
  );
}
