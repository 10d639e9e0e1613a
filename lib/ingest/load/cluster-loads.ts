import 'server-only';
/**
 * The write of a load into a ClickHouse cluster (issue 18). Reading, mapping and validation ran
 * locally as for the embedded engine; the incoming rows of each table (the same SELECT as
 * DuckDB's upsert reads) are sent to the cluster's staging tables, settled there against the rows
 * standing now (lib/clickhouse/canonical-load.ts), then the ledger entry is written here as
 * "attaching", the stage attached shard by shard, and the entry set to its outcome. A failure
 * before the ledger entry leaves nothing visible; one after it is finished by
 * `recoverClusterLoads` (at the next start, or before the next load or undo).
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { OrderlensError } from '@/lib/errors';
import {
  assertLoadIdFree,
  attachStage,
  createStage,
  discardStage,
  orphansOnCluster,
  settleStage,
  stagedLoads,
  stageRows,
  supersededOnCluster,
  takeBackOnCluster,
} from '@/lib/clickhouse/canonical-load';
import { clusterOf, type ClickHouseCluster } from '@/lib/clickhouse/cluster';
import { describeEngine } from '@/lib/clickhouse/engine-url';
import type { ParamValue } from '@/lib/clickhouse/sql';
import { canonicalFields, type CanonicalTable } from '@/lib/model/canonical';
import {
  closeOverOrphans,
  DependentLoadsError,
  nextLoadId,
  recordLoad,
  supersededError,
  type LedgerEntry,
  type UndoOptions,
  type UndoResult,
} from './ledger';
import type { Resolved } from './load-options';
import { ledgerRecord, summarise, type LoadReport } from './load-report';
import { provenanceWarnings, recordProvenance } from './provenance';

/** Rows per request to the cluster: a few MB of RowBinary. */
const PAGE_ROWS = 50_000;
/** ClickHouse's DateTime holds 1970-01-01 00:00:01 … 2105-12-31 23:59:59 (UTC), in seconds. */
const FIRST = '1970-01-01 00:00:01';
const LAST = '2105-12-31 23:59:59';

export interface IncomingTable {
  table: CanonicalTable;
  /** The SELECT of its incoming rows (nk and every canonical field), as DuckDB's upsert reads. */
  sql: string;
}

export async function upsertToCluster(
  db: Database,
  cluster: ClickHouseCluster,
  options: Resolved,
  report: LoadReport,
  incoming: IncomingTable[],
  read: ReadonlySet<string>,
  startedAt: Date,
): Promise<LoadReport> {
  await recoverClusterLoads(db, cluster);
  const target = report.table!;
  const loadId = await nextLoadId(db);
  // Before the try: a refused id must not discard a stage of that id (another ledger's).
  await assertLoadIdFree(cluster, loadId);
  const dryRun = new OrderlensError('dry run', 'dry_run');
  try {
    await createStage(
      cluster,
      loadId,
      incoming.map((i) => i.table),
    );
    for (const { table, sql } of incoming) {
      await sendRows(db, cluster, loadId, table, sql, report);
      report.tables[table] = await settleStage(cluster, loadId, table);
    }
    summarise(report, target);
    await db.inTransaction(async (tx) => {
      const provenance = await recordProvenance(tx, loadId, target, report.mapping!, read);
      report.warnings.push(...provenanceWarnings(provenance));
      if (options.dryRun) throw dryRun;
      report.loadId = loadId;
      await recordLoad(tx, loadId, {
        ...ledgerRecord(report, startedAt, options.isDemo),
        status: 'attaching',
        engine: describeEngine(cluster.engine),
      });
    });
  } catch (error) {
    await discardStage(cluster, loadId).catch(() => undefined);
    if (error === dryRun) return report;
    throw error;
  }
  await finishAttach(db, cluster, loadId);
  return report;
}

/**
 * One table's incoming rows to the stage, in pages, after the checks ClickHouse's DateTime needs:
 * a date outside its range refuses the load (naming the order and column), fractions of a second
 * are cut to the second, with a warning.
 */
async function sendRows(
  db: Database,
  cluster: ClickHouseCluster,
  loadId: number,
  table: CanonicalTable,
  sql: string,
  report: LoadReport,
) {
  const fields = canonicalFields[table];
  const times = fields.filter((f) => f.type === 'timestamp').map((f) => f.name);
  await checkTimes(db, table, sql, times, report);
  const typed = fields
    .map((f) =>
      f.type === 'timestamp'
        ? `date_trunc('second', ${quoteIdent(f.name)}) AS ${quoteIdent(f.name)}`
        : quoteIdent(f.name),
    )
    .join(', ');
  // Encoding and sending a batch overlaps DuckDB producing the next: one insert in flight (its
  // failure is handled here, and thrown at the next await).
  let inFlight: Promise<unknown> = Promise.resolve();
  for await (const rows of db.streamRowArrays(`SELECT nk, ${typed} FROM (${sql})`, PAGE_ROWS)) {
    await inFlight;
    inFlight = stageRows(cluster, loadId, table, rows as ParamValue[][]);
    inFlight.catch(() => undefined);
  }
  await inFlight;
}

async function checkTimes(
  db: Database,
  table: CanonicalTable,
  sql: string,
  times: string[],
  report: LoadReport,
) {
  if (times.length === 0) return;
  const parts = times.flatMap((t, i) => {
    const c = quoteIdent(t);
    return [
      `count(*) FILTER (WHERE ${c} <> date_trunc('second', ${c})) AS ${quoteIdent(`f${i}`)}`,
      `arg_min(order_id, ${c}) FILTER (WHERE ${c} < $1::TIMESTAMP OR ${c} > $2::TIMESTAMP) AS ${quoteIdent(`o${i}`)}`,
      `min(${c}) FILTER (WHERE ${c} < $1::TIMESTAMP OR ${c} > $2::TIMESTAMP)::VARCHAR AS ${quoteIdent(`v${i}`)}`,
    ];
  });
  const row = (await db.one(`SELECT ${parts.join(', ')} FROM (${sql})`, [FIRST, LAST]))!;
  for (const [i, column] of times.entries()) {
    if (row[`o${i}`] != null)
      throw new OrderlensError(
        `${report.fileName}: order ${String(row[`o${i}`])}, column ${column}: ${String(row[`v${i}`])} is outside ${FIRST} … ${LAST} UTC, the dates the ClickHouse engine can hold. Correct the date or load this file into the embedded database. Nothing was loaded.`,
        'outside_engine_range',
      );
    const cut = Number(row[`f${i}`] ?? 0);
    if (cut > 0)
      report.warnings.push(
        `${table}.${column}: ${cut.toLocaleString('en-US')} ${cut === 1 ? 'time has' : 'times have'} fractions of a second; the ClickHouse engine keeps whole seconds, so ${cut === 1 ? 'it was' : 'they were'} cut to the second.`,
      );
  }
}

/** Attach a recorded load on every shard, clean its stage up, and set its ledger outcome. */
async function finishAttach(db: Database, cluster: ClickHouseCluster, loadId: number) {
  await attachStage(cluster, loadId);
  await discardStage(cluster, loadId);
  await db.run(
    `UPDATE loads SET status = CASE WHEN rows_inserted + rows_updated > 0 THEN 'loaded' ELSE 'unchanged' END
      WHERE load_id = $1 AND status = 'attaching'`,
    [loadId],
  );
}

/**
 * Finish what a stopped process left on the cluster: loads recorded but not attached everywhere
 * are attached, undos begun are completed, and the stage of a load cut off before its entry is dropped.
 */
export async function recoverClusterLoads(db: Database, cluster: ClickHouseCluster): Promise<void> {
  const engine = describeEngine(cluster.engine);
  const open = await db.all<{ load_id: number; status: string }>(
    `SELECT load_id, status FROM loads WHERE status IN ('attaching', 'undoing') AND engine = $1 ORDER BY load_id`,
    [engine],
  );
  for (const { load_id } of open.filter((l) => l.status === 'attaching'))
    await finishAttach(db, cluster, load_id);
  const undoing = open.filter((l) => l.status === 'undoing').map((l) => l.load_id);
  if (undoing.length > 0) await finishUndo(db, cluster, undoing);
  // Loads are one at a time per ledger, so the only stage of ours no entry lists is that of the
  // next id, cut off before its entry. Any other, or one whose id the cluster already holds rows
  // of, is another ledger's (unsupported, but not ours to drop).
  const next = (await nextLoadId(db)) as number;
  if ((await stagedLoads(cluster)).includes(next) && (await loadIdIsFree(cluster, next)))
    await discardStage(cluster, next);
}

async function loadIdIsFree(cluster: ClickHouseCluster, loadId: number): Promise<boolean> {
  return assertLoadIdFree(cluster, loadId).then(
    () => true,
    () => false,
  );
}

/** Drop the partitions of loads marked "undoing" and mark them undone. */
export async function finishUndo(db: Database, cluster: ClickHouseCluster, loadIds: number[]) {
  const result = await takeBackOnCluster(cluster, loadIds);
  for (const loadId of loadIds)
    await db.run(
      "UPDATE loads SET status = 'undone', undone_at = now()::TIMESTAMP WHERE load_id = $1 AND status = 'undoing'",
      [loadId],
    );
  return result;
}

/**
 * Undo a load that went to the cluster, with the embedded engine's rules: refused while a later
 * load replaced its rows, or while other loads' rows would lose their orders (unless `cascade`).
 * The loads are marked "undoing" first, so a stop half-way is finished at the next start.
 */
export async function undoClusterLoad(
  db: Database,
  load: LedgerEntry,
  options: UndoOptions,
): Promise<UndoResult> {
  const cluster = clusterOf(db);
  if (!cluster || describeEngine(cluster.engine) !== load.engine)
    throw new OrderlensError(
      `Load ${load.loadId} went to the ClickHouse engine ${load.engine}; open Orderlens with that engine (ORDERLENS_ENGINE or --engine) to undo it.`,
      'not_undoable',
    );
  await recoverClusterLoads(db, cluster);
  const loadId = load.loadId;
  const superseded = await supersededOnCluster(cluster, [loadId]);
  if (superseded) throw supersededError(superseded.earlier, superseded.later);
  const dependents = await closeOverOrphans([loadId], (undone) =>
    orphansOnCluster(cluster, undone),
  );
  if (dependents.length > 0 && !options.cascade) throw new DependentLoadsError(loadId, dependents);
  const loads = [loadId, ...dependents.map((d) => d.loadId)].sort((a, b) => b - a);
  if (dependents.length > 0) {
    const later = await supersededOnCluster(cluster, loads);
    if (later) throw supersededError(later.earlier, later.later);
  }
  await db.inTransaction(async (tx) => {
    for (const id of loads)
      await tx.run("UPDATE loads SET status = 'undoing' WHERE load_id = $1", [id]);
  });
  return { loadId, loads, ...(await finishUndo(db, cluster, loads)) };
}
