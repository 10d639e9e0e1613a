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
  const t = quoteIdent(table);
  const incoming = quoteIdent(`${work}_${table}_in`);
  const actions = quoteIdent(`${work}_${table}_act`);
  const columns = columnsOf(table);
  const changed = columns
    .map((c) => `i.${quoteIdent(c)} IS DISTINCT FROM t.${quoteIdent(c)}`)
    .join(' OR ');
  const list = columns.map(quoteIdent).join(', ');
  if (await isEmpty(db, table)) {
    // The first load of a table: every row is new, so no join and no intermediate table.
    const inserted = await db.run(
      `INSERT INTO ${t} (nk, ${list}, load_id) SELECT nk, ${list}, $1 FROM (${incomingSql})`,
      [loadId],
    );
    return { inserted, updated: 0, unchanged: 0 };
  }
  await db.run(`CREATE TEMP TABLE ${incoming} AS ${incomingSql}`);
  await db.run(
    `CREATE TEMP TABLE ${actions} AS
       SELECT i.nk, CASE WHEN t.nk IS NULL THEN 'insert' WHEN ${changed} THEN 'update' ELSE 'same' END AS action
         FROM ${incoming} AS i LEFT JOIN ${t} AS t ON t.nk = i.nk`,
  );
  const counts = await db.one<{ inserted: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE action = 'insert') AS inserted,
            count(*) FILTER (WHERE action = 'update') AS updated,
            count(*) FILTER (WHERE action = 'same') AS unchanged FROM ${actions}`,
  );
  if ((counts?.updated ?? 0) > 0) {
    await db.run(
      `INSERT INTO ${quoteIdent(`${table}_history`)}
         SELECT t.*, $1 FROM ${t} AS t SEMI JOIN (SELECT nk FROM ${actions} WHERE action = 'update') AS a ON t.nk = a.nk`,
      [loadId],
    );
    await db.run(
      `DELETE FROM ${t} WHERE nk IN (SELECT nk FROM ${actions} WHERE action = 'update')`,
    );
  }
  if ((counts?.inserted ?? 0) + (counts?.updated ?? 0) > 0) {
    await db.run(
      `INSERT INTO ${t} (nk, ${list}, load_id)
         SELECT i.nk, ${columns.map((c) => `i.${quoteIdent(c)}`).join(', ')}, $1
           FROM ${incoming} AS i SEMI JOIN (SELECT nk FROM ${actions} WHERE action <> 'same') AS a ON i.nk = a.nk`,
      [loadId],
    );
  }
  await db.run(`DROP TABLE ${incoming}`);
  await db.run(`DROP TABLE ${actions}`);
  return {
    inserted: counts?.inserted ?? 0,
    updated: counts?.updated ?? 0,
    unchanged: counts?.unchanged ?? 0,
  };
}

async function isEmpty(db: Database, table: CanonicalTable): Promise<boolean> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdent(table)} LIMIT 1)`,
  );
  return (row?.n ?? 0) === 0;
}
