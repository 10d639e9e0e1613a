import 'server-only';
/**
 * The fast path of a load: a file read straight from DuckDB's typed read (fast-load.ts), inserted
 * into an empty table or merged by natural key into one with rows, with its ledger entry in the
 * same transaction.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import type { OpenedSource, StagedSource } from '../read/stage';
import { noteDemoRemoved, setDemoAside } from './demo-removal';
import {
  FastLoadDeclined,
  fastInsert,
  planFastRead,
  planFastTransform,
  probeFastRead,
  type FastRead,
} from './fast-load';
import { findSameContent, nextLoadId, recordLoad } from './ledger';
import { resolveMapping } from './load-mapping';
import type { Resolved } from './load-options';
import {
  alreadyLoaded,
  baseReport,
  ledgerRecord,
  markFastLoad,
  summarise,
  withValidation,
  type LoadReport,
} from './load-report';
import { provenanceWarnings, recordProvenance } from './provenance';
import { announceLoads } from './touched-orders';

/**
 * A load straight from DuckDB's typed read (fast-load.ts); undefined when the file or the mapping
 * needs the full path, which then loads it from scratch.
 */
export async function fastLoad(
  db: Database,
  options: Resolved,
  opened: OpenedSource,
  hashing: Promise<string>,
  startedAt: Date,
): Promise<LoadReport | undefined> {
  if (options.fastLoad === false) return undefined;
  const headers = opened.csv?.dialect.headers;
  let resolved;
  try {
    resolved = resolveMapping(options, { headers: headers ?? (await parquetHeaders(db, opened)) });
  } catch {
    return undefined; // the full path reports it
  }
  // Without a mapping, only a file in canonical form (each header its field's own name) is read
  // here: the others are mapped on the full path, which judges the values as well as the headers.
  if (
    !options.mapping &&
    Object.entries(resolved.mapping.columns).some(([field, source]) => source !== field)
  )
    return undefined;
  const { mapping, confidence, unmapped } = resolved;
  const read = await planFastRead(db, opened, mapping);
  const plan = read && (await planFastTransform(db, read, mapping));
  if (!read || !plan || !(await probeFastRead(db, read))) return undefined;
  const declined = new FastLoadDeclined('already loaded');
  // A dry run does everything a load does, then rolls it back (as on the full path).
  const dryRun = new FastLoadDeclined('dry run');
  let report: LoadReport | undefined;
  let already: LoadReport | undefined;
  try {
    await db.inTransaction(async (tx) => {
      const loadId = await nextLoadId(tx);
      const demo = options.isDemo ? undefined : await setDemoAside(tx);
      const work = `${opened.table}_w`;
      const { table, counts } = await fastInsert(tx, read, plan, mapping, loadId, work);
      const contentHash = await hashing;
      if (!options.mapping && !options.dryRun) {
        const same = await findSameContent(tx, contentHash, mapping.table, mapping);
        if (same) {
          already = alreadyLoaded(options, contentHash, same.loadId, same.startedAt);
          throw declined;
        }
      }
      const staged: StagedSource = {
        table: opened.table,
        source: opened.source,
        headers: read.headers,
        columns: read.columns,
        rows: counts.inserted + counts.updated + counts.unchanged,
        structuralRejects: [],
        dialect: opened.csv?.dialect,
        repeatedHeaders: 0,
        sheet: opened.sheet,
        cleanup: opened.cleanup,
      };
      const base = baseReport(options, contentHash, staged, mapping, confidence, unmapped);
      report = withValidation(base, staged, plan, {
        typedTable: '',
        issuesTable: '',
        rejectedRows: 0,
        counts: [],
        sample: [],
      });
      report.tables[table] = counts;
      summarise(report, mapping.table);
      noteDemoRemoved(report, demo);
      const fields = new Set(plan.fields.map((f) => f.field));
      const provenance = await recordProvenance(tx, loadId, mapping.table, mapping, fields);
      report.warnings.push(...provenanceWarnings(provenance));
      if (options.dryRun) throw dryRun;
      report.loadId = loadId;
      await recordLoad(tx, loadId, ledgerRecord(report, startedAt, options.isDemo));
      // Demo rows removed by this load are orders of their own: then everything may have changed.
      if (demo) await tx.dataChanged();
      else await announceLoads(tx, [loadId]);
    });
  } catch (error) {
    if (already) return already;
    if (error === dryRun && report) {
      await dropFastRejects(db, read);
      markFastLoad(report);
      return report;
    }
    void error; // a declined or failed fast load: the full path loads the file from scratch
    await dropFastRejects(db, read);
    return undefined;
  }
  await dropFastRejects(db, read);
  if (report) markFastLoad(report);
  return report;
}

async function dropFastRejects(db: Database, read: FastRead) {
  if (!read.rejects) return;
  for (const table of [read.rejects.table, `${read.rejects.table}_scan`]) {
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
  }
}

async function parquetHeaders(db: Database, opened: OpenedSource): Promise<string[]> {
  const described = await db.all<{ column_name: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(opened.file)})`,
  );
  return described.map((c) => c.column_name);
}
