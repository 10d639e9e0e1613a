import 'server-only';
/**
 * The KPI fact tables are rebuilt by the writer when the data changes, in the same transaction as
 * the load, undo or removal (and at start-up when they are stale), never by a reader: a page reads
 * the last committed facts, consistent with the data beside them, and does not wait for a rebuild.
 * The data version is derived from the ledger, so every process agrees on it.
 */
import type { DataChange, Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { OrderlensError } from '@/lib/errors';
import { backfillProvenance } from '@/lib/ingest/load/provenance';
import type { Catalogue } from '@/lib/semantic/catalogue';
import { canonicalTables } from '@/lib/model/canonical';
import {
  columnOf,
  factRowsSql,
  factsShapeOf,
  factTableSql,
  type FactTable,
} from '@/lib/semantic/facts';
import { calendarFingerprint, workingCalendarIn } from '@/lib/settings/working-calendar';
import { dataHorizon } from './horizon';
import { buildWorkingDaysIn } from './working-days';

const DATA_VERSION_SQL = `SELECT concat_ws(':',
    coalesce(max(load_id) FILTER (WHERE status IN ('loaded', 'unchanged')), 0),
    count(*) FILTER (WHERE status = 'undone')) AS v FROM loads`;

/**
 * Changes whenever a load lands or is undone. Read as committed (a reader connection): a load's
 * own ledger row, seen inside its open transaction, is not data anyone may see yet.
 */
export async function dataVersion(db: Database): Promise<string> {
  const [row] = await db.read<{ v: string }>(DATA_VERSION_SQL);
  return row?.v ?? '0:0';
}

const shapes = new WeakMap<Catalogue, string>();

function shapeOf(catalogue: Catalogue): string {
  let shape = shapes.get(catalogue);
  if (!shape) shapes.set(catalogue, (shape = factsShapeOf(catalogue.facts)));
  return shape;
}

/**
 * Inside the writer's transaction (a load's, an undo's, a change of the working calendar's, or one
 * of its own): make the fact tables reflect the data and the working calendar as that transaction
 * leaves them. Returns the version they hold. A change naming the orders it touched rebuilds the
 * rows of those orders only, when the facts were current before it; any other change, all rows.
 */
export async function buildFactsIn(
  tx: Database,
  catalogue: Catalogue,
  change?: DataChange,
): Promise<string> {
  // On the writer's connection: the version this transaction leaves, its own load counted, since
  // the facts commit or roll back with it.
  const data = (await tx.one<{ v: string }>(DATA_VERSION_SQL))?.v ?? '0:0';
  const calendar = await workingCalendarIn(tx);
  const suffix = `${shapeOf(catalogue)}:${calendarFingerprint(calendar)}`;
  const version = `${data}:${suffix}`;
  const stored = await storedVersion(tx);
  if (stored === version) return version;
  const backfilled = await backfillProvenance(tx);
  await buildWorkingDaysIn(tx, calendar);
  // The committed data's version (a reader's view): the facts were current if they hold it.
  const wereCurrent = stored === `${await dataVersion(tx)}:${suffix}`;
  if (change && wereCurrent && backfilled === 0 && catalogue.facts.every(perOrder)) {
    await refreshOrders(tx, catalogue.facts, change.touchedOrders);
    buildsOf(tx).last = 'orders';
  } else {
    for (const table of catalogue.facts) await tx.run(factTableSql(table));
    buildsOf(tx).last = 'all';
  }
  await tx.run('CREATE TABLE IF NOT EXISTS kpi_facts_version (version VARCHAR)');
  await tx.run('DELETE FROM kpi_facts_version');
  await tx.run('INSERT INTO kpi_facts_version VALUES ($1)', [version]);
  return version;
}

const buildsOf = (db: Database) =>
  db.shared('kpi-facts-builds', () => ({ last: undefined as 'all' | 'orders' | undefined }));

/** How the last change rebuilt the facts: all rows, or the rows of the orders it touched. */
export const lastFactsBuild = (db: Database) => buildsOf(db).last;

const perOrder = (table: FactTable) => columnOf(table, 'order_id') !== undefined;

/**
 * Rebuild the fact rows of the touched orders: their rows deleted, then the declared queries run
 * with the canonical tables narrowed to those orders. The narrowing is temporary views of the same
 * names on the writer's connection (a temporary object hides a table of the same name), so the
 * declarations run unchanged; they are dropped before anything else runs there.
 */
async function refreshOrders(tx: Database, tables: readonly FactTable[], touched: string) {
  const catalog = (await tx.one<{ name: string }>('SELECT current_database() AS name'))!.name;
  const inTouched = `order_id IN (SELECT order_id FROM ${quoteIdent(touched)})`;
  for (const table of canonicalTables) {
    await tx.run(
      `CREATE TEMP VIEW ${quoteIdent(table)} AS
         SELECT * FROM ${quoteIdent(catalog)}.main.${quoteIdent(table)} WHERE ${inTouched}`,
    );
  }
  try {
    for (const table of tables) {
      await tx.run(`DELETE FROM ${quoteIdent(table.name)} WHERE ${inTouched}`);
      await tx.run(`INSERT INTO ${quoteIdent(table.name)} SELECT * FROM (${factRowsSql(table)})`);
    }
  } finally {
    for (const table of canonicalTables)
      await tx.run(`DROP VIEW IF EXISTS temp.main.${quoteIdent(table)}`).catch(() => undefined);
  }
}

/** The writer's step at start-up: build the facts if they are missing or stale, in a transaction. */
export function rebuildFacts(db: Database, catalogue: Catalogue): Promise<string> {
  return db.transaction((tx) => buildFactsIn(tx, catalogue));
}

export class FactsNotBuiltError extends OrderlensError {
  constructor() {
    super('The KPI facts have not been built yet: restart Orderlens to build them.', 'internal');
  }
}

/**
 * The version of the committed facts, for the readers' caches; read once per write generation.
 * Never builds them: a database is opened through the composition root, which does.
 */
export function factsVersion(db: Database): Promise<string> {
  return db.memo('kpi-facts-version', async () => {
    const version = await storedVersion({ read: db.read.bind(db) });
    if (version === undefined) throw new FactsNotBuiltError();
    return version;
  });
}

/** The stored version, as the connection given sees it (a reader: the committed one). */
async function storedVersion(
  db: Pick<Database, 'one'> | Pick<Database, 'read'>,
): Promise<string | undefined> {
  const one = <T extends Record<string, unknown>>(sql: string) =>
    'one' in db ? db.one<T>(sql) : db.read<T>(sql).then((rows) => rows[0]);
  const exists = await one<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'kpi_facts_version'",
  );
  if (!exists?.n) return undefined;
  return (await one<{ version: string }>('SELECT version FROM kpi_facts_version'))?.version;
}

/** The data's horizon at the current facts version (see lib/kpi/horizon.ts). */
export async function currentDataHorizon(db: Database): Promise<string | null> {
  return dataHorizon(db, await factsVersion(db));
}
