import 'server-only';
/**
 * Demo data never mixes with real data. The mechanism is removal, not a filter: the first real
 * load removes the demo loads in its own transaction (setDemoAside, called by loadExtract), and
 * removeDemo does the same on request. Every reader — the KPI facts, the order explorer,
 * reconciliation, reports, exports, the CLI — reads the canonical tables as they are, so a
 * predicate hiding demo rows would have to be repeated in each of them, and one forgotten query
 * would mix the two again. Removing the rows keeps that one place, and also means a real order
 * whose number happens to match a generated one is inserted, never taken for an update of it.
 * The demo is generated (seed and size fixed in lib/demo.ts), so nothing of the user's is lost;
 * the ledger keeps the demo loads, marked undone, and the coverage reports them as set aside.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { quoteIdent } from '@/lib/db/sql';
import { canonicalTables } from '@/lib/model/canonical';
import { columnsOf } from './canonical-rows';
import type { LoadReport } from './load-report';

export interface DemoRemoval {
  /** The demo loads taken out, oldest first. */
  loads: number[];
  /** Generated orders removed. */
  orders: number;
  removed: Record<string, number>;
}

/** The sentence a load report or the CLI shows once the demo is gone (or would be, in a check). */
export function demoRemovedMessage(removal: DemoRemoval, dryRun = false): string {
  const orders = `${removal.orders.toLocaleString('en-US')} generated order${removal.orders === 1 ? '' : 's'}`;
  return `The demo data (${orders}) ${dryRun ? 'would be' : 'was'} removed${dryRun ? ' by this load' : ''}: every number now counts your data only.`;
}

/**
 * Remove every active demo load, inside the caller's transaction; undefined when there is none.
 * Unlike an undo of one load, demo loads go regardless of which real rows share an order number
 * with them: those rows are the user's data, and generated orders were never theirs.
 */
export async function setDemoAside(tx: Database): Promise<DemoRemoval | undefined> {
  const demo = await tx.all<{ load_id: number }>(
    "SELECT load_id FROM loads WHERE is_demo AND status IN ('loaded', 'unchanged') ORDER BY load_id",
  );
  if (demo.length === 0) return undefined;
  const loads = demo.map((d) => d.load_id);
  const ids = loads.map((_, i) => `$${i + 1}`).join(', ');
  const counted = await tx.one<{ n: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM orders WHERE load_id IN (${ids})`,
    loads,
  );
  const removed: Record<string, number> = Object.fromEntries(canonicalTables.map((t) => [t, 0]));
  // Dependents before their orders, as an undo does: returns, shipments, order lines, orders.
  for (const table of [...canonicalTables].reverse()) {
    const t = quoteIdent(table);
    const history = quoteIdent(`${table}_history`);
    const list = ['nk', ...columnsOf(table), 'load_id'].map(quoteIdent).join(', ');
    removed[table] = await tx.run(`DELETE FROM ${t} WHERE load_id IN (${ids})`, loads);
    // Only a database that received the demo after real data has these (before demo loads were
    // refused there): real rows a demo load replaced. Where a later real load holds the key now,
    // its undo is what must bring them back; otherwise they come back now.
    await tx.run(
      `UPDATE ${history} AS h SET replaced_by_load = t.load_id FROM ${t} AS t
        WHERE h.nk = t.nk AND h.replaced_by_load IN (${ids}) AND h.load_id NOT IN (${ids})`,
      loads,
    );
    await tx.run(
      `INSERT INTO ${t} (${list}) SELECT ${list} FROM ${history}
        WHERE replaced_by_load IN (${ids}) AND load_id NOT IN (${ids})`,
      loads,
    );
    // Demo rows a real load replaced would otherwise return if that load were undone.
    await tx.run(
      `DELETE FROM ${history} WHERE load_id IN (${ids}) OR replaced_by_load IN (${ids})`,
      loads,
    );
  }
  await tx.run(
    `UPDATE loads SET status = 'undone', undone_at = now()::TIMESTAMP WHERE load_id IN (${ids})`,
    loads,
  );
  return { loads, orders: counted?.n ?? 0, removed };
}

/** Remove the demo data completely, in one transaction (the Data page's button, `demo remove`). */
export async function removeDemo(db: Database): Promise<DemoRemoval> {
  return db.transaction(async (tx) => {
    const removal = await setDemoAside(tx);
    if (!removal) throw new OrderlensError('There is no demo data to remove.', 'demo_not_found');
    await tx.dataChanged();
    return removal;
  });
}

/** Tell the load's report (and so its ledger entry) that it removed the demo. */
export function noteDemoRemoved(report: LoadReport, removal: DemoRemoval | undefined): void {
  if (!removal) return;
  const message = demoRemovedMessage(removal, report.dryRun);
  report.demoRemoved = { loads: removal.loads, orders: removal.orders, message };
  report.message = `${report.message} ${message}`;
}

/** The audit entry of a removal (web and CLI alike): recorded as an undo of the demo loads. */
export function demoAuditTarget(removal: DemoRemoval) {
  return {
    target: `demo data (loads ${removal.loads.join(', ')})`,
    detail: `${removal.orders} generated orders removed`,
  };
}
