import 'server-only';
/** The load ledger: every load with its outcome, and undo of a load. */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/db/errors';
import { quoteIdent } from '@/lib/db/sql';
import { canonicalTables } from '@/lib/model/canonical';
import { columnsOf } from './canonical-rows';

export type LoadStatus = 'loaded' | 'unchanged' | 'rejected' | 'failed' | 'undone';

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
                        started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5::JSON, $6, $7, $8, $9, $10, $11, $12, $13::JSON, $14, $15::TIMESTAMP, now()::TIMESTAMP)`,
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
    ],
  );
}

const SELECT_LOADS = `SELECT load_id, file_name, content_hash, target, mapping::VARCHAR AS mapping, status, message,
  rows_read, rows_inserted, rows_updated, rows_unchanged, rows_rejected, table_counts::VARCHAR AS table_counts,
  is_demo, started_at, finished_at, undone_at FROM loads`;

/**
 * Every load, newest first, as committed: on a reader connection, so a load still in its
 * transaction (on the writer connection) is not listed before it has landed.
 */
export async function listLoads(db: Database, limit = 1000): Promise<LedgerEntry[]> {
  const rows = await db.read(`${SELECT_LOADS} ORDER BY load_id DESC LIMIT $1`, [limit]);
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
  const row = await db.one(
    `${SELECT_LOADS} WHERE content_hash = $1 AND target = $2 AND mapping::VARCHAR = $3::JSON::VARCHAR
       AND status IN ('loaded', 'unchanged') ORDER BY load_id LIMIT 1`,
    [contentHash, target, JSON.stringify(mapping ?? null)],
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
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
    undoneAt: (row.undone_at as string | null) ?? null,
  };
}

export interface UndoResult {
  loadId: number;
  removed: Record<string, number>;
  restored: Record<string, number>;
}

/** Undo a load: remove the rows it wrote and restore the rows it replaced, in one transaction. */
export async function undoLoad(db: Database, loadId: number): Promise<UndoResult> {
  return db.transaction(async (tx) => {
    const load = await getLoad(tx, loadId);
    if (!load) throw new OrderlensError(`There is no load ${loadId}.`, 'not_found');
    if (load.status !== 'loaded' && load.status !== 'unchanged') {
      throw new OrderlensError(
        `Load ${loadId} is ${load.status}; only a completed load can be undone.`,
        'not_undoable',
      );
    }
    await assertNotSuperseded(tx, loadId);
    const removed: Record<string, number> = {};
    const restored: Record<string, number> = {};
    for (const table of canonicalTables) {
      const list = ['nk', ...columnsOf(table), 'load_id'].map(quoteIdent).join(', ');
      removed[table] = await tx.run(`DELETE FROM ${quoteIdent(table)} WHERE load_id = $1`, [
        loadId,
      ]);
      restored[table] = await tx.run(
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
    return { loadId, removed, restored };
  });
}

/** A later load that replaced rows of this one must be undone first, or history would be lost. */
async function assertNotSuperseded(db: Database, loadId: number) {
  const checks = canonicalTables.map(
    (table) =>
      `SELECT replaced_by_load AS later FROM ${quoteIdent(`${table}_history`)} WHERE load_id = $1`,
  );
  const row = await db.one<{ later: number }>(
    `SELECT min(later) AS later FROM (${checks.join(' UNION ALL ')}) WHERE later > $1`,
    [loadId],
  );
  if (row?.later) {
    throw new OrderlensError(
      `Load ${row.later} later replaced rows written by load ${loadId}. Undo load ${row.later} first.`,
      'superseded',
    );
  }
}
