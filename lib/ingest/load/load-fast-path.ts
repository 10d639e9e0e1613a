import 'server-only';
/**
 * The fast path of a load: the first load of a file into empty tables, inserted straight from
 * DuckDB's typed read (fast-load.ts), with its ledger entry in the same transaction.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { tablesOfTarget } from '@/lib/model/canonical';
import type { OpenedSource, StagedSource } from '../read/stage';
import { noteDemoRemoved, onlyDemoLoaded, setDemoAside } from './demo-removal';
import {
  FastLoadDeclined,
  fastInsert,
  planFastRead,
  planFastTransform,
  probeFastRead,
  targetIsEmpty,
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

/**
 * The first load of a file into empty tables, straight from DuckDB's typed read (fast-load.ts);
 * undefined when the file or the mapping needs the full path, which then loads it from scratch.
 */
export async function fastLoad(
  db: Database,
  options: Resolved,
  opened: OpenedSource,
  hashing: Promise<string>,
  startedAt: Date,
): Promise<LoadReport | undefined> {
  if (options.dryRun || options.fastLoad === false) return undefined;
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
  // Demo rows do not make a table non-empty: a real load removes them before it inserts.
  const empty =
    (await targetIsEmpty(db, tablesOfTarget(mapping.table))) ||
    (!options.isDemo && (await onlyDemoLoaded(db)));
  if (!empty) return undefined;
  const read = await planFastRead(db, opened, mapping);
  const plan = read && (await planFastTransform(db, read, mapping));
  if (!read || !plan || !(await probeFastRead(db, read))) return undefined;
  const declined = new FastLoadDeclined('already loaded');
  let report: LoadReport | undefined;
  let already: LoadReport | undefined;
  try {
    await db.inTransaction(async (tx) => {
      const loadId = await nextLoadId(tx);
      const demo = options.isDemo ? undefined : await setDemoAside(tx);
      const { table, inserted } = await fastInsert(tx, read, plan, mapping, loadId);
      const contentHash = await hashing;
      if (!options.mapping) {
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
        rows: inserted,
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
      report.tables[table] = { inserted, updated: 0, unchanged: 0 };
      summarise(report, mapping.table);
      noteDemoRemoved(report, demo);
      report.loadId = loadId;
      await recordLoad(tx, loadId, ledgerRecord(report, startedAt, options.isDemo));
      const fields = new Set(plan.fields.map((f) => f.field));
      const provenance = await recordProvenance(tx, loadId, mapping.table, mapping, fields);
      report.warnings.push(...provenanceWarnings(provenance));
      await tx.dataChanged();
    });
  } catch (error) {
    if (already) return already;
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
