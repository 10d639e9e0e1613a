import 'server-only';
/**
 * The KPI fact tables are rebuilt when the data changes (a load or an undo), not per query. The
 * data version is derived from the ledger, so every process agrees on it.
 */
import type { Database } from '@/lib/db/database';
import { backfillProvenance } from '@/lib/ingest/provenance';
import { factsShape, orderFactsSql, returnFactsSql } from '@/metrics/views/order-facts';

/**
 * Changes whenever a load lands or is undone. Read as committed (a reader connection): a load's
 * own ledger row, seen inside its open transaction, would label the facts with a version that may
 * never commit, and the next load, taking the same id, would then not rebuild them.
 */
export async function dataVersion(db: Database): Promise<string> {
  const [row] = await db.read<{ v: string }>(
    `SELECT concat_ws(':', coalesce(max(load_id) FILTER (WHERE status IN ('loaded', 'unchanged')), 0),
                           count(*) FILTER (WHERE status = 'undone')) AS v FROM loads`,
  );
  return row?.v ?? '0:0';
}

const built = new WeakMap<Database, Promise<string>>();

/** Make sure the fact tables reflect the current data; returns the data version they hold. */
export async function ensureFacts(db: Database): Promise<string> {
  const version = `${await dataVersion(db)}:${factsShape}`;
  const pending = built.get(db);
  if (pending && (await pending.catch(() => undefined)) === version) return version;
  const next = db.exclusive(async () => {
    const stored = await storedVersion(db);
    if (stored !== version) {
      await db.inTransaction(async (tx) => {
        await backfillProvenance(tx);
        await tx.run(orderFactsSql);
        await tx.run(returnFactsSql);
        await tx.run('CREATE TABLE IF NOT EXISTS kpi_facts_version (version VARCHAR)');
        await tx.run('DELETE FROM kpi_facts_version');
        await tx.run('INSERT INTO kpi_facts_version VALUES ($1)', [version]);
      });
    }
    return version;
  });
  built.set(db, next);
  return next;
}

async function storedVersion(db: Database): Promise<string | undefined> {
  const exists = await db.one<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'kpi_facts_version'",
  );
  if (!exists?.n) return undefined;
  return (await db.one<{ version: string }>('SELECT version FROM kpi_facts_version'))?.version;
}
