import 'server-only';
/** orderlens ingest: load one extract, print the report. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZodError } from 'zod';
import { closeDatabase, type Database } from '@/lib/db/database';
import { linesOfZod, OrderlensError } from '@/lib/errors';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { ReadingSettings } from '@/lib/ingest/load/load-options';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import { MappingError, mappingSchema, parseMappingJson } from '@/lib/ingest/map/mapping';
import { mappingTargets, type MappingTarget } from '@/lib/model/canonical';
import { loadAuditEvent, reasonOf } from '@/lib/auth/audit';
import { auditCli, openCliDatabase } from './db';
import { parse, UsageError, type Io } from './args';

export async function ingestCommand(args: string[], io: Io): Promise<number> {
  const json = args.includes('--json');
  try {
    return await ingest(args, io);
  } catch (error) {
    // --json promises exactly one object on stdout, a file refused as a whole included; the
    // error still goes to main for its exit code and its line on stderr.
    if (json) io.out(JSON.stringify(refusal(error), null, 2));
    throw error;
  }
}

/** The --json object of a file refused as a whole (or of a usage error, exit 2). */
export function refusal(error: unknown) {
  if (error instanceof UsageError)
    return { status: 'usage' as const, message: error.message, issues: [] };
  if (error instanceof MappingError) {
    const issues = error.issues.length > 0 ? error.issues : [error.message];
    return {
      status: 'rejected' as const,
      message: error.message,
      issues: issues.map((message) => ({
        row: null,
        column: message.split(':')[0] ?? null,
        rule: 'mapping',
        message,
      })),
    };
  }
  const message =
    error instanceof OrderlensError
      ? error.message
      : error instanceof ZodError
        ? linesOfZod(error).join('; ')
        : 'The file could not be loaded (unexpected error).';
  const rule = error instanceof OrderlensError ? error.code : 'error';
  return {
    status: 'rejected' as const,
    message,
    issues: [{ row: null, column: null, rule, message }],
  };
}

async function ingest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    table: { type: 'string' },
    mapping: { type: 'string' },
    sheet: { type: 'string' },
    db: { type: 'string' },
    'dry-run': { type: 'boolean' },
    rejects: { type: 'string' },
    'max-rejects': { type: 'string' },
    delimiter: { type: 'string' },
    encoding: { type: 'string' },
    decimal: { type: 'string' },
    thousands: { type: 'string' },
    'date-format': { type: 'string' },
    'skip-rows': { type: 'string' },
    json: { type: 'boolean' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('ingest takes exactly one FILE.');
  const table = values.table as string | undefined;
  if (table && !mappingTargets.includes(table as MappingTarget)) {
    throw new UsageError(`--table must be one of ${mappingTargets.join(', ')}.`);
  }
  const maxRejects = parseMaxRejects(values['max-rejects'] as string | undefined);
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    throw new UsageError(`${file} is not a file.`);
  }
  const mapping = values.mapping
    ? parseMappingJson(await readFile(values.mapping as string, 'utf-8'), values.mapping as string)
    : undefined;
  if (mapping && table && mapping.table !== table) {
    throw new UsageError(`--table ${table} contradicts the mapping's table ${mapping.table}.`);
  }
  const settings = readingSettings(values);
  const dryRun = values['dry-run'] === true;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-work-'));
  let db: Database | undefined;
  try {
    // DuckDB may read this extract and nothing else the user owns (see cliLockdown).
    db = await openCliDatabase(
      values.db as string | undefined,
      'upload',
      { paths: [file], workDir },
      { cluster: true },
    );
    const opened = db;
    const report = await loadExtract(db, {
      file: path.resolve(file),
      fileName: path.basename(file),
      mapping,
      table: table as MappingTarget | undefined,
      sheet: values.sheet as string | undefined,
      dryRun,
      rejectsPath: values.rejects as string | undefined,
      maxRejectedRows: maxRejects,
      settings,
      tmpDir: workDir,
    }).catch(async (error: unknown) => {
      await auditCli(opened, {
        action: dryRun ? 'load.dry_run' : 'load',
        outcome: 'failed',
        target: file,
        detail: reasonOf(error),
      });
      throw error;
    });
    await auditCli(opened, loadAuditEvent(report, file));
    if (values.json) io.out(JSON.stringify(toJson(report), null, 2));
    else io.out(formatReport(report));
    return report.status === 'rejected' ? 1 : 0;
  } finally {
    // The instance is locked down to this file: the next command opens its own.
    if (db) await closeDatabase(db);
    await rm(workDir, { recursive: true, force: true });
  }
}

function parseMaxRejects(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d+(\.\d+)?%$/.test(value)) return value;
  throw new UsageError('--max-rejects takes a count (10) or a percentage (0.5%).');
}

/** The --json contract: loadId, table, status, row counts and issues, plus what was detected. */
export function toJson(report: LoadReport) {
  return {
    loadId: report.loadId,
    file: report.fileName,
    table: report.table,
    status: report.status,
    dryRun: report.dryRun,
    message: report.message,
    rowsRead: report.rowsRead,
    rowsInserted: report.rowsInserted,
    rowsUpdated: report.rowsUpdated,
    rowsUnchanged: report.rowsUnchanged,
    rowsRejected: report.rowsRejected,
    tables: report.tables,
    issues: report.issues.map(({ row, column, rule, message }) => ({ row, column, rule, message })),
    ruleCounts: report.ruleCounts,
    detected: report.detected,
    mapping: report.mapping,
    warnings: report.warnings,
    contentHash: report.contentHash,
  };
}

/** What a dry run says in place of the outcome: it loaded nothing, so it says what a load would do. */
const dryRunOutcome: Record<LoadReport['status'], string> = {
  loaded: 'WOULD LOAD',
  unchanged: 'WOULD CHANGE NOTHING',
  rejected: 'WOULD BE REJECTED',
};

function formatReport(report: LoadReport): string {
  const lines = [
    report.dryRun
      ? `${dryRunOutcome[report.status]} (dry run, nothing was changed): ${report.message}`
      : `${report.status.toUpperCase()}: ${report.message}`,
  ];
  if (report.loadId !== null) lines.push(`Load id: ${report.loadId}`);
  const d = report.detected;
  if (d) {
    const dates = Object.entries(d.dateFormats ?? {})
      .map(([f, x]) => `${f}=${x.format}`)
      .join(', ');
    lines.push(
      `Read as ${d.kind}${d.sheet ? ` (sheet ${d.sheet})` : ''}, ${d.encoding}` +
        (d.delimiter ? `, delimiter ${JSON.stringify(d.delimiter)}` : '') +
        (d.decimalSeparator ? `, decimal ${JSON.stringify(d.decimalSeparator)}` : '') +
        (dates ? `, dates ${dates}` : ''),
    );
  }
  for (const count of report.ruleCounts) {
    lines.push(
      `  ${String(count.count).padStart(7)}  ${count.rule}${count.column ? ` in "${count.column}"` : ''}`,
    );
  }
  for (const issue of report.issues.slice(0, 20)) lines.push(`  - ${issue.message}`);
  if (report.issues.length > 20)
    lines.push(`  … ${report.rowsRejected - 20} more (use --rejects FILE)`);
  for (const warning of report.warnings) lines.push(`Warning: ${warning}`);
  if (report.rejectsWritten) lines.push(`Rejected rows written: ${report.rejectsWritten}`);
  return lines.join('\n');
}

/** --delimiter, --encoding, --decimal, --thousands, --date-format, --skip-rows: validated like a mapping. */
function readingSettings(values: Record<string, string | boolean | undefined>): ReadingSettings {
  const raw = {
    delimiter: values.delimiter === 'tab' ? '\t' : values.delimiter,
    encoding: values.encoding,
    decimalSeparator: values.decimal,
    thousandsSeparator: values.thousands === 'none' ? '' : values.thousands,
    dateFormat: values['date-format'],
    skipRows: values['skip-rows'] === undefined ? undefined : Number(values['skip-rows']),
  };
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const parsed = mappingSchema.safeParse({ table: 'orders', columns: {}, ...given });
  if (!parsed.success) {
    throw new UsageError(
      linesOfZod(parsed.error)
        .map((line) => `--${line}`)
        .join('; '),
    );
  }
  return given as ReadingSettings;
}
