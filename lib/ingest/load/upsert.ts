import 'server-only';
/**
 * Upsert by natural key inside the load's transaction. Rows whose values are unchanged are left
 * alone (keeping their original load), replaced rows are kept in <table>_history for undo.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { CanonicalTable } from '@/lib/model/canonical';
import { columnsOf } from './canonical-rows';

export interface TableCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Merge the incoming rows (a SELECT with nk and every canonical column) into a table. */
export async function upsertTable(
  db: Database,
  table: CanonicalTable,
  incomingSql: string,
  loadId: number,
  work: string,
): Promise<TableCounts> {
  if (await isEmpty(db, table)) return insertAll(db, table, incomingSql, loadId);
  const incoming = `${work}_${table}_in`;
  await db.run(`CREATE TEMP TABLE ${quoteIdent(incoming)} AS ${incomingSql}`);
  try {
    return await mergeIncoming(db, table, incoming, loadId, work);
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(incoming)}`);
  }
}

/** The first load of a table: every row is new, so no join and no intermediate table. */
export async function insertAll(
  db: Database,
  table: CanonicalTable,
  incomingSql: string,
  loadId: number,
): Promise<TableCounts> {
  const list = columnsOf(table).map(quoteIdent).join(', ');
  const inserted = await db.run(
    `INSERT INTO ${quoteIdent(table)} (nk, ${list}, load_id) SELECT nk, ${list}, $1 FROM (${incomingSql})`,
    [loadId],
  );
  return { inserted, updated: 0, unchanged: 0 };
}

/**
 * Merge a table of incoming rows (nk and every canonical column, keys distinct) into a table.
 * Only the rows that change are set apart (a reload mostly repeats what is there): the unchanged
 * count is what remains of the incoming rows.
 */
export async function mergeIncoming(
  db: Database,
  table: CanonicalTable,
  incoming: string,
  loadId: number,
  work: string,
): Promise<TableCounts> {
  const t = quoteIdent(table);
  const i = quoteIdent(incoming);
  const changes = quoteIdent(`${work}_${table}_act`);
  const columns = columnsOf(table);
  const changed = columns
    .map((c) => `i.${quoteIdent(c)} IS DISTINCT FROM t.${quoteIdent(c)}`)
    .join(' OR ');
  await db.run(
    `CREATE TEMP TABLE ${changes} AS
       SELECT i.nk, t.nk IS NULL AS added FROM ${i} AS i LEFT JOIN ${t} AS t ON t.nk = i.nk
        WHERE t.nk IS NULL OR ${changed}`,
  );
  try {
    const counts = await db.one<{ total: number; inserted: number; updated: number }>(
      `SELECT (SELECT count(*) FROM ${i}) AS total,
              count(*) FILTER (WHERE added) AS inserted,
              count(*) FILTER (WHERE NOT added) AS updated FROM ${changes}`,
    );
    const total = counts?.total ?? 0;
    const inserted = counts?.inserted ?? 0;
    const updated = counts?.updated ?? 0;
    if (updated > 0) {
      await db.run(
        `INSERT INTO ${quoteIdent(`${table}_history`)}
           SELECT t.*, $1 FROM ${t} AS t SEMI JOIN (SELECT nk FROM ${changes} WHERE NOT added) AS a ON t.nk = a.nk`,
        [loadId],
      );
      await db.run(`DELETE FROM ${t} WHERE nk IN (SELECT nk FROM ${changes} WHERE NOT added)`);
    }
    if (inserted + updated > 0) {
      await db.run(
        `INSERT INTO ${t} (nk, ${columns.map(quoteIdent).join(', ')}, load_id)
           SELECT i.nk, ${columns.map((c) => `i.${quoteIdent(c)}`).join(', ')}, $1
             FROM ${i} AS i SEMI JOIN ${changes} AS a ON i.nk = a.nk`,
        [loadId],
      );
    }
    return { inserted, updated, unchanged: total - inserted - updated };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${changes}`);
  }
}

export async function isEmpty(db: Database, table: CanonicalTable): Promise<boolean> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdent(table)} LIMIT 1)`,
  );
  return (row?.n ?? 0) === 0;
}
