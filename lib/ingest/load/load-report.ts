import 'server-only';
/**
 * The load report: what a load read, left out and changed, as the CLI, the API and the ledger
 * tell it. Built up in steps: a base from the staged file, its validation, then the table counts.
 */
import type { MappingTarget } from '@/lib/model/canonical';
import type { RowIssue, RuleCount } from '../issues';
import type { Mapping } from '../map/mapping';
import type { StagedSource } from '../read/stage';
import type { LoadStatus } from './ledger';
import type { Resolved } from './load-options';
import type { TransformPlan } from './transform';
import type { TableCounts } from './upsert';
import type { Validation } from './validate';

export interface LoadReport {
  loadId: number | null;
  fileName: string;
  contentHash: string;
  table: MappingTarget | null;
  status: Exclude<LoadStatus, 'undone' | 'failed' | 'attaching' | 'undoing'>;
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

const loadPaths = new WeakMap<LoadReport, 'fast' | 'full'>();

/** Which path produced a report: the fast load or the full one (for tests and benchmarks). */
export const loadPathOf = (report: LoadReport) => loadPaths.get(report) ?? 'full';

/** Note that the fast load produced this report. */
export const markFastLoad = (report: LoadReport) => void loadPaths.set(report, 'fast');

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

export function baseReport(
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

export function withValidation(
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

export function rejectionMessage(fileName: string, report: LoadReport, allowance: number): string {
  const first = report.issues[0];
  const rules = report.ruleCounts
    .map((c) => `${c.count} × ${c.rule}${c.column ? ` in "${c.column}"` : ''}`)
    .join(', ');
  const limit = allowance > 0 ? ` (at most ${allowance} may be left out)` : '';
  return `${fileName}: ${report.rowsRejected} of ${report.rowsRead} rows failed validation${limit}; nothing was loaded. ${rules}.${first ? ` First: ${first.message}` : ''}`;
}

export function summarise(report: LoadReport, target: MappingTarget) {
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

/** The ledger's record of a load, from its report. */
export function ledgerRecord(report: LoadReport, startedAt: Date, isDemo?: boolean) {
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

export function alreadyLoaded(
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
