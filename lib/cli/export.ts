import 'server-only';
/**
 * orderlens export --parquet DIR: the canonical tables and the KPI facts as Parquet partitioned by
 * the order's month, with manifest.json (lib/export/parquet.ts). DuckDB is locked down to the
 * export's staging folder (beside DIR, renamed to DIR once complete) and the database's own.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { reasonOf } from '@/lib/auth/audit';
import { closeDatabase, type Database } from '@/lib/db/database';
import {
  checkExportTarget,
  discardExportFolder,
  MANIFEST_FILE,
  publishExportFolder,
  stageExportFolder,
  UNKNOWN_PARTITION,
  writeParquetExport,
  type ExportManifest,
} from '@/lib/export/parquet';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    parquet: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError('export takes flags only: export --parquet DIR [--db PATH] [--json].');
  const dir = values.parquet as string | undefined;
  if (!dir) throw new UsageError('export needs --parquet DIR (Parquet is the one format so far).');
  const started = performance.now();
  const folder = await stageExportFolder(dir);
  let db: Database | undefined;
  let published = false;
  try {
    // DuckDB may write in the staging folder and nothing else the user owns (see cliLockdown).
    db = await openCliDatabase(values.db as string | undefined, 'export', {
      paths: [],
      workDir: folder.staging,
    });
    const opened = db;
    const manifest = await (async () => {
      // Checked once the user is known to be allowed: a denial says so whatever DIR holds.
      await checkExportTarget(folder);
      const written = await writeParquetExport(opened, folder.staging);
      await publishExportFolder(folder);
      return written;
    })().catch(async (error: unknown) => {
      await auditCli(opened, {
        action: 'export',
        outcome: 'failed',
        target: dir,
        detail: reasonOf(error),
      });
      throw error;
    });
    published = true;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    await auditCli(db, {
      action: 'export',
      outcome: 'ok',
      target: dir,
      detail: `parquet: ${manifest.tables.length} tables, ${rows} rows${manifest.demo.present ? ', demo data' : ''}`,
    });
    const manifestPath = path.join(dir, MANIFEST_FILE);
    if (values.json) io.out(JSON.stringify(summaryOf(manifest, manifestPath, seconds), null, 2));
    else io.out(textOf(manifest, manifestPath, seconds));
    return 0;
  } finally {
    // A failed export leaves nothing: the staging folder (and parents it made) go.
    if (!published) await discardExportFolder(folder);
    // The instance is locked down to this export's folder: the next command opens its own.
    if (db) await closeDatabase(db);
  }
}

/** What --json prints: the manifest in brief (the whole of it is in manifest.json). */
export function summaryOf(manifest: ExportManifest, manifestPath: string, seconds: number) {
  return {
    status: 'exported',
    manifest: manifestPath,
    formatVersion: manifest.formatVersion,
    exportedAt: manifest.exportedAt,
    seconds,
    tables: manifest.tables.map((t) => ({
      name: t.name,
      kind: t.kind,
      rows: t.rows,
      partitions: t.partitions.length,
      files: t.partitions.reduce((n, p) => n + p.files.length, 0),
      rowsWithoutOrderMonth: t.rowsWithoutOrderMonth,
      ...(t.demoRows !== undefined ? { demoRows: t.demoRows } : {}),
    })),
    loads: {
      total: manifest.ledger.loads.length,
      active: manifest.ledger.loads.filter((l) => l.active).length,
    },
    facts: { version: manifest.facts.version },
    demo: { present: manifest.demo.present, loads: manifest.demo.loads },
  };
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function textOf(manifest: ExportManifest, manifestPath: string, seconds: number): string {
  const width = Math.max(...manifest.tables.map((t) => t.name.length));
  const lines = manifest.tables.map((t) => {
    const unknown = t.rowsWithoutOrderMonth
      ? `; ${count(t.rowsWithoutOrderMonth, 'row')} without their order in order_month=${UNKNOWN_PARTITION}`
      : '';
    return `${t.name.padEnd(width)}  ${count(t.rows, 'row').padStart(14)}  ${count(t.partitions.length, 'partition')}${unknown}`;
  });
  const loads = manifest.ledger.loads;
  lines.push(
    `Wrote ${manifestPath}: ${count(manifest.tables.length, 'table')}, ${count(loads.length, 'load')} in the ledger (${loads.filter((l) => l.active).length} active), in ${seconds} s.`,
  );
  if (manifest.demo.present)
    lines.push(
      `The database holds demo data (loads ${manifest.demo.loads.join(', ')}): the export includes it, and manifest.json says so.`,
    );
  return lines.join('\n');
}
