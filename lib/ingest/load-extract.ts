import 'server-only';
/**
 * loadExtract: the whole ingestion of one file. Stage → map → type → validate → upsert, where the
 * upsert and the ledger entry commit in one transaction: a load lands whole or not at all.
 */
import path from 'node:path';
import type { Database } from '@/lib/db/database';
import { OrderlensError, toUserError } from '@/lib/db/errors';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { requiredFieldsOfTarget, tablesOfTarget, type MappingTarget } from '@/lib/model/canonical';
import { proposeMapping } from './automap';
import { incomingRowsSql } from './canonical-rows';
import { ExtractError } from './errors';
import type { RowIssue, RuleCount } from './issues';
import { noteDemoRemoved, onlyDemoLoaded, setDemoAside } from './demo-removal';
import { findSameContent, nextLoadId, recordLoad, type LoadStatus } from './ledger';
import { provenanceWarnings, recordProvenance } from './provenance';
import { rejectAllowance, type Mapping } from './mapping';
import { numberNormalisations } from './normalised';
import { writeRejects } from './rejects';
import { hashFile } from './source';
import {
  FastLoadDeclined,
  fastInsert,
  planFastRead,
  planFastTransform,
  probeFastRead,
  targetIsEmpty,
  type FastRead,
} from './fast-load';
import {
  openSource,
  sampleValues,
  stageOpened,
  type OpenedSource,
  type StagedSource,
} from './stage';
import { planTransform, type TransformPlan } from './transform';
import { upsertTable, type TableCounts } from './upsert';
import { validateStaged, type Validation } from './validate';

export interface LoadOptions {
  file: string;
  /** Name shown in messages and the ledger (default: the file's base name). */
  fileName?: string;
  mapping?: Mapping;
  /** Target table when no mapping is given; detected from the headers otherwise. */
  table?: MappingTarget;
  sheet?: string;
  dryRun?: boolean;
  /** Write the rejected rows, with their reasons, to this CSV file. */
  rejectsPath?: string;
  /** Reading settings applied over the mapping's (or the proposed mapping's): --delimiter, --encoding… */
  settings?: ReadingSettings;
  /** Overrides the mapping's maxRejectedRows. */
  maxRejectedRows?: Mapping['maxRejectedRows'];
  isDemo?: boolean;
  tmpDir?: string;
  /** false: always the full path (stage, type, validate, upsert), never the fast load. */
  fastLoad?: boolean;
}

const loadPaths = new WeakMap<LoadReport, 'fast' | 'full'>();

/** Which path produced a report: the fast load or the full one (for tests and benchmarks). */
export const loadPathOf = (report: LoadReport) => loadPaths.get(report) ?? 'full';

export type ReadingSettings = Partial<
  Pick<
    Mapping,
    | 'delimiter'
    | 'encoding'
    | 'decimalSeparator'
    | 'thousandsSeparator'
    | 'dateFormat'
    | 'skipRows'
    | 'header'
  >
>;

export interface LoadReport {
  loadId: number | null;
  fileName: string;
  contentHash: string;
  table: MappingTarget | null;
  status: Exclude<LoadStatus, 'undone' | 'failed'>;
  dryRun: boolean;
  message: string;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  tables: Partial<Record<string, TableCounts>>;
  issues: RowIssue[];
  ruleCounts: RuleCount[];
  mapping: Mapping | null;
  mappingConfidence?: Record<string, number>;
  detected?: {
    kind: string;
    encoding: string;
    delimiter?: string;
    header?: boolean;
    skipRows?: number;
    sheet?: string;
    decimalSeparator?: string;
    thousandsSeparator?: string;
    dateFormats?: Record<string, { format: string; ambiguous: boolean }>;
    renamedColumns?: { column: number; from: string; to: string }[];
  };
  warnings: string[];
  rejectsWritten?: number;
  /** The demo loads this load removed (or, in a check, would remove): see demo-removal.ts. */
  demoRemoved?: { loads: number[]; orders: number; message: string };
}

/** Load one extract into the canonical model. */
export async function loadExtract(db: Database, options: LoadOptions): Promise<LoadReport> {
  const fileName = options.fileName ?? path.basename(options.file);
  const startedAt = new Date();
  try {
    // The hash is computed while DuckDB reads (its threads; the hash runs on this one).
    const hashing = hashFile(options.file);
    hashing.catch(() => undefined);
    const resolved = withSettings({ ...options, fileName });
    return await db.exclusive(() => runLoad(db, resolved, hashing, startedAt));
  } catch (error) {
    throw toUserError(error, `Loading ${fileName}`);
  }
}

type Resolved = LoadOptions & { fileName: string };

/** Reading settings given beside the mapping take precedence over the mapping's own. */
function withSettings(options: LoadOptions & { fileName: string }): Resolved {
  const settings = Object.fromEntries(
    Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined),
  );
  if (!options.mapping || Object.keys(settings).length === 0) return options;
  return { ...options, mapping: { ...options.mapping, ...settings } };
}

async function runLoad(
  db: Database,
  options: Resolved,
  hashing: Promise<string>,
  startedAt: Date,
): Promise<LoadReport> {
  if (options.mapping && !options.dryRun) {
    const contentHash = await hashing;
    const same = await findSameContent(db, contentHash, options.mapping.table, options.mapping);
    if (same) return alreadyLoaded(options, contentHash, same.loadId, same.startedAt);
  }
  // Reading settings: the mapping's (already merged with any given), or those given alone.
  const reading: ReadingSettings = options.mapping ?? options.settings ?? {};
  const opened = await openSource(db, options.file, {
    fileName: options.fileName,
    sheet: options.sheet ?? options.mapping?.sheet,
    delimiter: reading.delimiter,
    quote: options.mapping?.quote,
    header: reading.header,
    skipRows: reading.skipRows,
    encoding: reading.encoding,
    tmpDir: options.tmpDir,
  });
  try {
    const fast = await fastLoad(db, options, opened, hashing, startedAt);
    if (fast) return fast;
    const staged = await stageOpened(db, opened);
    return await loadStaged(db, options, staged, await hashing, startedAt);
  } finally {
    await opened.cleanup();
  }
}

/**
 * The first load of a file into empty tables, straight from DuckDB's typed read (fast-load.ts);
 * undefined when the file or the mapping needs the full path, which then loads it from scratch.
 */
async function fastLoad(
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
    });
  } catch (error) {
    if (already) return already;
    void error; // a declined or failed fast load: the full path loads the file from scratch
    await dropFastRejects(db, read);
    return undefined;
  }
  await dropFastRejects(db, read);
  if (report) loadPaths.set(report, 'fast');
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

async function loadStaged(
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

function resolveMapping(
  options: Resolved,
  staged: Pick<StagedSource, 'headers'>,
  samples?: Record<string, string[]>,
) {
  if (options.mapping)
    return { mapping: options.mapping, confidence: undefined, unmapped: undefined };
  return proposedMapping(options, staged, samples);
}

/** The wizard's proposal, judged on the file's values as well as its headers. */
function proposedMapping(
  options: Resolved,
  staged: Pick<StagedSource, 'headers'>,
  samples?: Record<string, string[]>,
) {
  const proposal = proposeMapping(staged.headers, { target: options.table, samples });
  if (proposal.unmappedRequired.length > 0) {
    throw new ExtractError(
      `${options.fileName}: no column was recognised for ${proposal.unmappedRequired.join(', ')} ` +
        `(as ${proposal.target}). Columns in the file: ${staged.headers.join(', ')}. ` +
        'Give a mapping file that names them.',
      'unmapped_required',
    );
  }
  const confidence = Object.fromEntries(
    proposal.proposals
      .filter((p) => proposal.columns[p.field] === p.source)
      .map((p) => [p.field, p.confidence]),
  );
  const settings = Object.fromEntries(
    Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined),
  );
  return {
    mapping: { table: proposal.target, columns: proposal.columns, ...settings } as Mapping,
    confidence,
    // Said in the report: a load without a mapping must not pass over what it could not find.
    unmapped: proposal.unmappedFields,
  };
}

function assertMappable(
  fileName: string,
  mapping: Mapping,
  plan: TransformPlan,
  headers: string[],
) {
  if (plan.missingHeaders.length > 0) {
    const list = plan.missingHeaders.map((m) => `"${m.header}" (for ${m.field})`).join(', ');
    throw new ExtractError(
      `${fileName} has no column ${list}. Columns in the file: ${headers.join(', ')}.`,
      'missing_column',
    );
  }
  const mapped = new Set(Object.keys(mapping.columns));
  const missing = requiredFieldsOfTarget(mapping.table).filter((f) => !mapped.has(f));
  if (missing.length > 0) {
    throw new ExtractError(
      `The mapping for ${fileName} does not map the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${mapping.table}.`,
      'unmapped_required',
    );
  }
}

/** A report with nothing counted yet; callers fill in what happened. */
function newReport(
  fields: Pick<LoadReport, 'fileName' | 'contentHash' | 'table' | 'mapping'> & Partial<LoadReport>,
): LoadReport {
  return {
    loadId: null,
    status: 'loaded',
    dryRun: false,
    message: '',
    rowsRead: 0,
    rowsInserted: 0,
    rowsUpdated: 0,
    rowsUnchanged: 0,
    rowsRejected: 0,
    tables: {},
    issues: [],
    ruleCounts: [],
    warnings: [],
    ...fields,
  };
}

function baseReport(
  options: Resolved,
  contentHash: string,
  staged: StagedSource,
  mapping: Mapping,
  confidence?: Record<string, number>,
  unmapped?: string[],
): LoadReport {
  const repeated = staged.repeatedHeaders ?? 0;
  const warnings = repeated
    ? [`${repeated} repeated header row${repeated > 1 ? 's were' : ' was'} skipped.`]
    : [];
  if (unmapped?.length)
    warnings.push(
      `The mapping was proposed from the file's columns, and none was recognised for ${unmapped.join(', ')} of ${mapping.table}: the KPIs that need them are unavailable or marked assumed. Give a mapping file that names them, if the file has them.`,
    );
  return newReport({
    warnings,
    fileName: options.fileName,
    contentHash,
    table: mapping.table,
    mapping,
    dryRun: options.dryRun ?? false,
    rowsRead: staged.rows + staged.structuralRejects.length,
    mappingConfidence: confidence,
    detected: {
      kind: staged.source.kind,
      encoding: staged.source.encoding,
      delimiter: staged.dialect?.delimiter,
      header: staged.dialect?.header,
      skipRows: staged.dialect?.skipRows,
      sheet: staged.sheet,
      renamedColumns: staged.dialect?.renamed,
    },
  });
}

function withValidation(
  report: LoadReport,
  staged: StagedSource,
  plan: TransformPlan,
  validation: Validation,
): LoadReport {
  const structural = staged.structuralRejects;
  const counts = [...validation.counts];
  if (structural.length)
    counts.unshift({ rule: 'malformed_row', column: null, count: structural.length });
  report.rowsRejected = validation.rejectedRows + structural.length;
  report.issues = [...structural, ...validation.sample]
    .sort((a, b) => a.row - b.row)
    .slice(0, 1000);
  report.ruleCounts = counts;
  report.detected!.thousandsSeparator = plan.thousandsSeparator;
  report.detected!.decimalSeparator = plan.decimalSeparator;
  report.detected!.dateFormats = Object.fromEntries(
    Object.entries(plan.dateFormats).map(([field, d]) => [
      field,
      { format: d.format, ambiguous: d.ambiguous },
    ]),
  );
  for (const [field, d] of Object.entries(plan.dateFormats)) {
    if (d.ambiguous) {
      report.warnings.push(
        `The dates of ${field} read as both day-first and month-first; ${d.format} was assumed. Set "formats" in the mapping to be sure.`,
      );
    }
  }
  return report;
}

function rejectionMessage(fileName: string, report: LoadReport, allowance: number): string {
  const first = report.issues[0];
  const rules = report.ruleCounts
    .map((c) => `${c.count} × ${c.rule}${c.column ? ` in "${c.column}"` : ''}`)
    .join(', ');
  const limit = allowance > 0 ? ` (at most ${allowance} may be left out)` : '';
  return `${fileName}: ${report.rowsRejected} of ${report.rowsRead} rows failed validation${limit}; nothing was loaded. ${rules}.${first ? ` First: ${first.message}` : ''}`;
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
  const target = report.table!;
  const work = `${validation.typedTable}_w`;
  const dryRun = new OrderlensError('dry run', 'dry_run');
  try {
    await db.inTransaction(async (tx) => {
      const loadId = await nextLoadId(tx);
      // Before the upsert: a real order numbered like a generated one is new, not an update.
      const demo = options.isDemo ? undefined : await setDemoAside(tx);
      for (const table of tablesOfTarget(target)) {
        const sql = incomingRowsSql(
          table,
          target,
          validation.typedTable,
          // Every row with an issue is rejected: with none, the filter would only cost a scan.
          validation.rejectedRows > 0 ? validation.issuesTable : undefined,
          available,
        );
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
    });
  } catch (error) {
    if (error !== dryRun) throw error;
  }
  return report;
}

function summarise(report: LoadReport, target: MappingTarget) {
  const primary =
    target === 'flat' ? (report.tables.order_lines ? 'order_lines' : 'orders') : target;
  const counts = report.tables[primary] ?? { inserted: 0, updated: 0, unchanged: 0 };
  report.rowsInserted = counts.inserted;
  report.rowsUpdated = counts.updated;
  report.rowsUnchanged = counts.unchanged;
  const changed = Object.values(report.tables).some((c) => c && c.inserted + c.updated > 0);
  report.status = changed ? 'loaded' : 'unchanged';
  const parts = Object.entries(report.tables).map(
    ([t, c]) => `${t}: ${c!.inserted} new, ${c!.updated} updated, ${c!.unchanged} unchanged`,
  );
  const rejected = report.rowsRejected
    ? ` ${report.rowsRejected} rows were left out (see the issues).`
    : '';
  report.message = `${report.fileName}: ${report.rowsRead} rows read. ${parts.join('; ')}.${rejected}`;
}

function ledgerRecord(report: LoadReport, startedAt: Date, isDemo?: boolean) {
  return {
    fileName: report.fileName,
    contentHash: report.contentHash,
    target: report.table ?? 'unknown',
    mapping: report.mapping,
    status: report.status,
    message: report.message,
    rowsRead: report.rowsRead,
    rowsInserted: report.rowsInserted,
    rowsUpdated: report.rowsUpdated,
    rowsUnchanged: report.rowsUnchanged,
    rowsRejected: report.rowsRejected,
    tableCounts: report.tables,
    isDemo,
    startedAt,
  };
}

async function recordOutcome(db: Database, report: LoadReport, startedAt: Date, isDemo?: boolean) {
  return db.inTransaction(async (tx) => {
    const loadId = await nextLoadId(tx);
    await recordLoad(tx, loadId, ledgerRecord(report, startedAt, isDemo));
    return loadId;
  });
}

function alreadyLoaded(
  options: Resolved,
  contentHash: string,
  loadId: number,
  at: string,
): LoadReport {
  const when = `${at.slice(0, 16).replace('T', ' ')} UTC`;
  return newReport({
    loadId,
    fileName: options.fileName,
    contentHash,
    table: options.mapping?.table ?? null,
    mapping: options.mapping ?? null,
    status: 'unchanged',
    message: `${options.fileName} was already loaded on ${when} (load ${loadId}); nothing changed.`,
  });
}
