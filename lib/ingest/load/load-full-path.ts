import 'server-only';
/**
 * The full path of a load: map, type and validate the staged file, then upsert every table and
 * write the ledger entry in one transaction (a load lands whole or not at all).
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { clusterOf } from '@/lib/clickhouse/cluster';
import { tablesOfTarget, type CanonicalTable } from '@/lib/model/canonical';
import { rejectAllowance } from '../map/mapping';
import type { StagedSource } from '../read/stage';
import { sampleValues } from '../read/staged-rows';
import { incomingRowsSql } from './canonical-rows';
import { noteDemoRemoved, setDemoAside } from './demo-removal';
import { findSameContent, nextLoadId, recordLoad } from './ledger';
import { assertMappable, resolveMapping } from './load-mapping';
import type { Resolved } from './load-options';
import {
  alreadyLoaded,
  baseReport,
  ledgerRecord,
  rejectionMessage,
  summarise,
  withValidation,
  type LoadReport,
} from './load-report';
import { numberNormalisations } from './normalised';
import { provenanceWarnings, recordProvenance } from './provenance';
import { announceLoads } from './touched-orders';
import { upsertToCluster } from './cluster-loads';
import { writeRejects } from './rejects';
import { planTransform, type TransformPlan } from './transform';
import { upsertTable } from './upsert';
import { validateStaged, type Validation } from './validate';

export async function loadStaged(
  db: Database,
  options: Resolved,
  staged: StagedSource,
  contentHash: string,
  startedAt: Date,
): Promise<LoadReport> {
  const samples = options.mapping ? undefined : (await sampleValues(db, staged)).samples;
  const { mapping, confidence, unmapped } = resolveMapping(options, staged, samples);
  const base = baseReport(options, contentHash, staged, mapping, confidence, unmapped);
  if (!options.mapping && !options.dryRun) {
    const same = await findSameContent(db, contentHash, mapping.table, mapping);
    if (same) return alreadyLoaded(options, contentHash, same.loadId, same.startedAt);
  }
  const plan = await planTransform(db, staged, mapping);
  assertMappable(options.fileName, mapping, plan, staged.headers);
  const validation = await validateStaged(db, staged.table, mapping.table, plan, options.fileName);
  const report = withValidation(base, staged, plan, validation);
  report.warnings.push(...(await numberNormalisations(db, staged.table, plan)));
  if (options.rejectsPath && report.rowsRejected > 0) {
    report.rejectsWritten = await writeRejects(
      db,
      options.rejectsPath,
      staged,
      validation.issuesTable,
      staged.structuralRejects,
    );
  }
  const allowance = rejectAllowance(
    { maxRejectedRows: options.maxRejectedRows ?? mapping.maxRejectedRows },
    report.rowsRead,
  );
  if (report.rowsRejected > allowance || report.rowsRead === report.rowsRejected) {
    report.status = 'rejected';
    report.message = rejectionMessage(options.fileName, report, allowance);
    if (!options.dryRun) report.loadId = await recordOutcome(db, report, startedAt, options.isDemo);
    return report;
  }
  return upsertAll(db, options, report, validation, plan, startedAt);
}

async function upsertAll(
  db: Database,
  options: Resolved,
  report: LoadReport,
  validation: Validation,
  plan: TransformPlan,
  startedAt: Date,
): Promise<LoadReport> {
  const available = new Set(plan.fields.map((f) => f.field));
  const read: ReadonlySet<string> = new Set(available);
  // Lines without a mapped number were numbered in file order during validation.
  const numbered = report.table === 'flat' || report.table === 'order_lines';
  if (numbered && available.has('qty_ordered')) available.add('line_no');
  const incomingRows = (table: CanonicalTable) =>
    incomingRowsSql(
      table,
      report.table!,
      validation.typedTable,
      // Every row with an issue is rejected: with none, the filter would only cost a scan.
      validation.rejectedRows > 0 ? validation.issuesTable : undefined,
      available,
    );
  const target = report.table!;
  const cluster = clusterOf(db);
  if (cluster) {
    const incoming = tablesOfTarget(target).flatMap((table) => {
      const sql = incomingRows(table);
      return sql ? [{ table, sql }] : [];
    });
    return upsertToCluster(db, cluster, options, report, incoming, read, startedAt);
  }
  const work = `${validation.typedTable}_w`;
  const dryRun = new OrderlensError('dry run', 'dry_run');
  try {
    await db.inTransaction(async (tx) => {
      const loadId = await nextLoadId(tx);
      // Before the upsert: a real order numbered like a generated one is new, not an update.
      const demo = options.isDemo ? undefined : await setDemoAside(tx);
      for (const table of tablesOfTarget(target)) {
        const sql = incomingRows(table);
        if (sql) report.tables[table] = await upsertTable(tx, table, sql, loadId, work);
      }
      summarise(report, target);
      noteDemoRemoved(report, demo);
      // Before the dry-run exit, so a dry run reports the assumptions a load would record.
      const provenance = await recordProvenance(tx, loadId, target, report.mapping!, read);
      report.warnings.push(...provenanceWarnings(provenance));
      if (options.dryRun) throw dryRun;
      report.loadId = loadId;
      await recordLoad(tx, loadId, ledgerRecord(report, startedAt, options.isDemo));
      // Demo rows removed by this load are orders of their own: then everything may have changed.
      if (demo) await tx.dataChanged();
      else await announceLoads(tx, [loadId]);
    });
  } catch (error) {
    if (error !== dryRun) throw error;
  }
  return report;
}

/** A rejected load's ledger entry, in a transaction of its own. */
async function recordOutcome(db: Database, report: LoadReport, startedAt: Date, isDemo?: boolean) {
  return db.inTransaction(async (tx) => {
    const loadId = await nextLoadId(tx);
    await recordLoad(tx, loadId, ledgerRecord(report, startedAt, isDemo));
    return loadId;
  });
}
