import 'server-only';
/**
 * The orders a load or an undo touches, for the KPI facts to be rebuilt for those orders only
 * (lib/kpi/facts.ts). A load's rows carry its id and the rows it replaced sit in the history tables
 * with it as `replaced_by_load`, so the orders are found by the load's id: after a load, or before
 * an undo takes those rows back (afterwards nothing in the data would say which orders changed).
 */
import type { DataChange, Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { canonicalTables } from '@/lib/model/canonical';

const TOUCHED = 'touched_orders';

/**
 * The orders the loads wrote or replaced rows of, in a temporary table; undefined (everything may
 * have changed) when a row of theirs has no order id.
 */
export async function collectTouchedOrders(
  tx: Database,
  loadIds: number[],
): Promise<DataChange | undefined> {
  if (loadIds.length === 0) return undefined;
  const ids = loadIds.map((_, i) => `$${i + 1}`).join(', ');
  const rows = canonicalTables.flatMap((table) => [
    `SELECT order_id FROM ${quoteIdent(table)} WHERE load_id IN (${ids})`,
    `SELECT order_id FROM ${quoteIdent(`${table}_history`)} WHERE replaced_by_load IN (${ids})`,
  ]);
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${TOUCHED} AS SELECT DISTINCT order_id FROM (${rows.join(' UNION ALL ')})`,
    loadIds,
  );
  const row = await tx.one<{ unknown: number }>(
    `SELECT count(*) FILTER (WHERE order_id IS NULL) AS unknown FROM ${TOUCHED}`,
  );
  if ((row?.unknown ?? 0) > 0) {
    await releaseTouchedOrders(tx);
    return undefined;
  }
  return { touchedOrders: TOUCHED };
}

async function releaseTouchedOrders(tx: Database): Promise<void> {
  await tx.run(`DROP TABLE IF EXISTS ${TOUCHED}`);
}

/**
 * Tell the listeners (the KPI facts) that the loads changed the data, naming the orders. A failure
 * leaves the temporary table to the transaction's rollback.
 */
export async function announceLoads(tx: Database, loadIds: number[]): Promise<void> {
  await announceChange(tx, await collectTouchedOrders(tx, loadIds));
}

/** Tell the listeners of a change collected earlier (an undo collects before it takes rows back). */
export async function announceChange(tx: Database, change: DataChange | undefined): Promise<void> {
  await tx.dataChanged(change);
  if (change) await releaseTouchedOrders(tx);
}
