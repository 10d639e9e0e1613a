import 'server-only';
/**
 * The open export (issue 18): the canonical tables and the KPI fact tables as Parquet files that
 * Trino, Spark, DuckDB or a cloud warehouse read as they are, with a manifest.json saying what is
 * in them and where every row came from.
 *
 * Layout, Hive-style: DIR/<table>/order_month=YYYY-MM/data_0.parquet. The month is that of the
 * order's order_ts; a line, shipment, return or fact row takes the month of its order (joined by
 * order_id). A row whose order is not in the orders table (an extract of lines loaded without its
 * orders) goes to order_month=__HIVE_DEFAULT_PARTITION__: the name every Hive-style reader (Spark,
 * Trino, Hive, Athena, DuckDB) reads back as a NULL order_month, so "no month" stays a NULL rather
 * than a string posing as a month. The partition column is in the folder names only, as Hive
 * readers expect; the files hold the table's columns with DuckDB's types (TIMESTAMP, BOOLEAN,
 * DOUBLE, INTEGER, BIGINT, VARCHAR). A table without rows gets its folder and no file.
 *
 * Everything is read in one transaction, so the files, the counts and the ledger in the manifest
 * are one state of the database; the KPI facts are brought up to date in it first. Nothing is
 * written to DIR until the end: the files go to a hidden sibling folder, which is renamed to DIR
 * once complete, and removed if anything fails, so a failed export leaves nothing half-written.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import packageJson from '@/package.json';
import type { Database } from '@/lib/db/database';
import { schemaVersion } from '@/lib/db/migrations';
import { quoteIdent } from '@/lib/db/sql';
import { OrderlensError, toUserError } from '@/lib/errors';
import { buildFactsIn } from '@/lib/kpi/facts';
import { engineCatalogue } from '@/lib/kpi/engine';
import { canonicalFields, canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import type { Catalogue } from '@/lib/semantic/catalogue';
import { factsShapeOf } from '@/lib/semantic/facts';

export const EXPORT_FORMAT = 'orderlens-parquet-export';
export const EXPORT_FORMAT_VERSION = 1;
export const PARTITION_COLUMN = 'order_month';
/** The folder name of a NULL partition value, which Hive-style readers read back as NULL. */
export const UNKNOWN_PARTITION = '__HIVE_DEFAULT_PARTITION__';
export const MANIFEST_FILE = 'manifest.json';
const ACTIVE_STATUSES = ['loaded', 'unchanged'] as const;
/** The temporary table of each order's month, on the exporting connection. */
const MONTHS_TABLE = 'orderlens_export_order_months';

const TABLE_DESCRIPTIONS: Record<CanonicalTable, string> = {
  orders: 'One row per order.',
  order_lines: 'One row per order line.',
  shipments: 'One row per shipment line (or shipment, when the extract has no lines).',
  returns: 'One row per return line.',
};

const EXTRA_COLUMNS: Record<string, string> = {
  nk: "The row's natural key, as the loads match rows by it",
  load_id: 'The load that wrote the row: see ledger.loads in this manifest',
};

export interface ManifestColumn {
  name: string;
  type: string;
  nullable: boolean;
  description?: string;
}

export interface ManifestFile {
  /** Relative to the export folder, with / separators. */
  path: string;
  rows: number;
  bytes: number;
}

export interface ManifestPartition {
  /** The month (YYYY-MM), or null for rows whose order is absent (the unknown partition). */
  value: string | null;
  /** The partition's folder, relative to the export folder. */
  path: string;
  rows: number;
  files: ManifestFile[];
}

export interface ManifestTable {
  name: string;
  kind: 'canonical' | 'facts';
  description: string;
  /** The table's folder, relative to the export folder. */
  path: string;
  rows: number;
  /** Rows in the unknown partition: their order is not in the orders table. */
  rowsWithoutOrderMonth: number;
  columns: ManifestColumn[];
  partitionColumn: string;
  partitions: ManifestPartition[];
  /** Canonical tables: the rows each load wrote that are in the export (their load_id). */
  rowsByLoad?: { loadId: number; rows: number }[];
  /** Canonical tables: rows written by demo loads. */
  demoRows?: number;
}

export interface ManifestLoad {
  loadId: number;
  fileName: string;
  /** The table the load was mapped to (or flat: orders, lines and shipments at once). */
  table: string;
  status: string;
  /** Loaded or unchanged: its rows are in the database's tables (not undone, rejected or failed). */
  active: boolean;
  /** Where its rows went: null for this database, else a cluster whose rows are not in this export. */
  engine: string | null;
  /** Active and in this database: its rows are in the export. */
  inExport: boolean;
  contentHash: string;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  isDemo: boolean;
  startedAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  message: string | null;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  orderlensVersion: string;
  schemaVersion: number;
  exportedAt: string;
  writer: string;
  compression: string;
  partitioning: {
    column: string;
    type: 'VARCHAR';
    style: 'hive';
    format: 'YYYY-MM';
    source: string;
    unknownPartition: string;
    unknownMeans: string;
    read: string;
  };
  facts: {
    version: string;
    shape: string;
    description: string;
    tables: { name: string; rowPer: string; description: string }[];
  };
  tables: ManifestTable[];
  ledger: {
    activeStatuses: readonly string[];
    note: string;
    loads: ManifestLoad[];
  };
  demo: {
    present: boolean;
    /** The active demo loads whose rows are in the export. */
    loads: number[];
    rows: Partial<Record<CanonicalTable, number>>;
    note: string;
  };
}

/** Where an export goes: the folder asked for, and the hidden sibling it is written in first. */
export interface ExportFolder {
  /** The folder as the user named it (for messages). */
  given: string;
  /** The folder, resolved. */
  dir: string;
  /** The sibling folder the export is written in, renamed to dir once complete. */
  staging: string;
  /** The first missing parent this export created, removed again if the export fails. */
  createdParent?: string;
}

const fsCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

/** Why a folder could not be made or read, in words (the code alone for the rare others). */
function fsReason(error: unknown): string {
  const code = fsCode(error);
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a part of its path is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  return code;
}

/**
 * Make the hidden staging folder beside `given` (creating missing parents), where the export is
 * written before it becomes `given`. It is made before anything else because the database is
 * locked down to it when opened; checkExportTarget then refuses a folder that is not new or empty.
 */
export async function stageExportFolder(given: string): Promise<ExportFolder> {
  const dir = path.resolve(given);
  const parent = path.dirname(dir);
  const staging = path.join(
    parent,
    `.${path.basename(dir)}.orderlens-export-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    const createdParent = await mkdir(parent, { recursive: true });
    await mkdir(staging);
    return { given, dir, staging, ...(createdParent ? { createdParent } : {}) };
  } catch (error) {
    throw new OrderlensError(
      `Could not create the export folder ${given}: ${fsReason(error)}.`,
      'no_file',
    );
  }
}

/**
 * Refuse a target that is a file or a link, or a folder holding anything: an export never mixes
 * with other files.
 */
export async function checkExportTarget(folder: ExportFolder): Promise<void> {
  const { given, dir } = folder;
  const info = await lstat(dir).catch((error: unknown) => {
    if (fsCode(error) === 'ENOENT') return undefined;
    throw new OrderlensError(`Could not read ${given}: ${fsReason(error)}.`, 'no_file');
  });
  if (info && !info.isDirectory())
    throw new OrderlensError(
      `${given} is ${info.isSymbolicLink() ? 'a link' : 'a file'}, not a folder: the export needs a new or empty folder.`,
      'bad_options',
    );
  const entries = info
    ? await readdir(dir).catch((error: unknown) => {
        throw new OrderlensError(`Could not read ${given}: ${fsReason(error)}.`, 'no_file');
      })
    : [];
  if (entries.length > 0)
    throw new OrderlensError(
      `The folder ${given} is not empty: the export writes only into a new or empty folder, so that it never mixes with other files. Name a new folder, or empty this one.`,
      'folder_not_empty',
    );
}

/** Move the complete export into place. DIR, if it exists, is still empty (else: refused). */
export async function publishExportFolder(folder: ExportFolder): Promise<void> {
  try {
    await rename(folder.staging, folder.dir);
  } catch (error) {
    const code = fsCode(error);
    if (code === 'ENOTEMPTY' || code === 'EEXIST')
      throw new OrderlensError(
        `The folder ${folder.given} was written to while the export ran: nothing was exported there.`,
        'folder_not_empty',
      );
    throw new OrderlensError(
      `Could not move the export into ${folder.given}: ${fsReason(error)}. Nothing was exported there.`,
      'no_file',
    );
  }
}

/** Remove what a failed export wrote: its staging folder, and the parents it created. */
export async function discardExportFolder(folder: ExportFolder): Promise<void> {
  await rm(folder.staging, { recursive: true, force: true });
  if (folder.createdParent) await rm(folder.createdParent, { recursive: true, force: true });
}

export interface WriteOptions {
  /** The catalogue whose fact tables are exported (default: the engine's). */
  catalogue?: Catalogue;
  /** Called after each table is written (its files are in the staging folder, not yet in DIR). */
  onTable?: (table: ManifestTable) => void | Promise<void>;
}

/**
 * Write the tables and manifest.json into `folder` (a staging folder the database may write to),
 * in one transaction. Returns the manifest.
 */
export async function writeParquetExport(
  db: Database,
  folder: string,
  options: WriteOptions = {},
): Promise<ExportManifest> {
  const catalogue = options.catalogue ?? engineCatalogue();
  try {
    const manifest = await db.transaction((tx) => exportIn(tx, folder, catalogue, options));
    await writeFile(
      path.join(folder, MANIFEST_FILE),
      `${JSON.stringify(manifest, null, 2)}\n`,
      'utf8',
    );
    return manifest;
  } catch (error) {
    throw toUserError(error, 'The export');
  }
}

/** Prepare, write and publish an export to `dir`; on any failure nothing is left behind. */
export async function exportParquet(
  db: Database,
  dir: string,
  options: WriteOptions = {},
): Promise<{ manifest: ExportManifest; folder: ExportFolder }> {
  const folder = await stageExportFolder(dir);
  try {
    await checkExportTarget(folder);
    const manifest = await writeParquetExport(db, folder.staging, options);
    await publishExportFolder(folder);
    return { manifest, folder };
  } catch (error) {
    await discardExportFolder(folder);
    throw error;
  }
}

interface LoadRow {
  load_id: number;
  file_name: string;
  target: string;
  status: string;
  content_hash: string;
  rows_read: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  is_demo: boolean;
  engine: string | null;
  started_at: string;
  finished_at: string | null;
  undone_at: string | null;
  message: string | null;
}

async function exportIn(
  tx: Database,
  folder: string,
  catalogue: Catalogue,
  options: WriteOptions,
): Promise<ExportManifest> {
  // The facts as the data stands in this transaction: built if missing or stale (a no-op when the
  // engine has kept them current, as it does after every load).
  const factsVersion = await buildFactsIn(tx, catalogue);
  // The engine a load went to (issue 18's cluster) is recorded from schema version 12 on.
  const hasEngine = (await columnsOf(tx, 'loads')).some((c) => c.name === 'engine');
  const loads = (
    await tx.all<LoadRow & Record<string, unknown>>(
      `SELECT load_id, file_name, target, status, content_hash, rows_read, rows_inserted,
              rows_updated, rows_unchanged, rows_rejected, is_demo, started_at, finished_at,
              undone_at, message, ${hasEngine ? 'engine' : 'NULL::VARCHAR AS engine'}
         FROM loads ORDER BY load_id`,
    )
  ).map(toLoad);
  const demoLoads = new Set(loads.filter((l) => l.isDemo).map((l) => l.loadId));

  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(MONTHS_TABLE)} AS
       SELECT order_id, strftime(min(order_ts), '%Y-%m') AS ${quoteIdent(PARTITION_COLUMN)}
         FROM orders GROUP BY order_id`,
  );
  const tables: ManifestTable[] = [];
  try {
    for (const name of canonicalTables) {
      const described = new Map<string, string>([
        ...canonicalFields[name].map((f) => [f.name, f.description] as const),
        ...Object.entries(EXTRA_COLUMNS),
      ]);
      const table = await exportTable(tx, folder, {
        name,
        kind: 'canonical',
        description: TABLE_DESCRIPTIONS[name],
        described,
      });
      const byLoad = await tx.all<{ load_id: number; n: number }>(
        `SELECT load_id, count(*) AS n FROM ${quoteIdent(name)} GROUP BY load_id ORDER BY load_id`,
      );
      table.rowsByLoad = byLoad.map((r) => ({ loadId: r.load_id, rows: r.n }));
      table.demoRows = byLoad
        .filter((r) => demoLoads.has(r.load_id))
        .reduce((sum, r) => sum + r.n, 0);
      tables.push(table);
      await options.onTable?.(table);
    }
    for (const fact of catalogue.facts) {
      const described = new Map(fact.columns.map((c) => [c.name, c.description] as const));
      const table = await exportTable(tx, folder, {
        name: fact.name,
        kind: 'facts',
        description: fact.description,
        described,
      });
      tables.push(table);
      await options.onTable?.(table);
    }
  } finally {
    await tx.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(MONTHS_TABLE)}`);
  }

  const canonical = tables.filter((t) => t.kind === 'canonical');
  const demoRows = Object.fromEntries(
    canonical.filter((t) => t.demoRows).map((t) => [t.name, t.demoRows]),
  ) as ExportManifest['demo']['rows'];
  const activeDemo = [
    ...new Set(
      canonical.flatMap((t) =>
        (t.rowsByLoad ?? []).filter((r) => demoLoads.has(r.loadId)).map((r) => r.loadId),
      ),
    ),
  ].sort((a, b) => a - b);
  const present = activeDemo.length > 0;
  const writer = (await tx.one<{ v: string }>('SELECT version() AS v'))?.v ?? 'unknown';
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    orderlensVersion: packageJson.version,
    schemaVersion: await schemaVersion(tx),
    exportedAt: new Date().toISOString(),
    writer: `DuckDB ${writer}`,
    compression: 'snappy',
    partitioning: {
      column: PARTITION_COLUMN,
      type: 'VARCHAR',
      style: 'hive',
      format: 'YYYY-MM',
      source:
        "The month of the order's order_ts (a TIMESTAMP without time zone, as loaded). Order lines, shipments, returns and fact rows take the month of their order, joined by order_id.",
      unknownPartition: `${PARTITION_COLUMN}=${UNKNOWN_PARTITION}`,
      unknownMeans:
        'Rows whose order is not in the orders table (so it has no month). Hive-style readers (Spark, Trino, Hive, DuckDB) read this folder as a NULL order_month.',
      read: "DuckDB: SELECT * FROM read_parquet('<table>/**/*.parquet', hive_partitioning = true). The partition column is in the folder names, not in the files.",
    },
    facts: {
      version: factsVersion,
      shape: factsShapeOf(catalogue.facts),
      description:
        'The KPI fact tables, derived from the canonical tables of this export by the KPI engine and current at the export; version names the data, declarations and working calendar they were built from, shape the declarations alone.',
      tables: catalogue.facts.map((t) => ({
        name: t.name,
        rowPer: t.rowPer,
        description: t.description,
      })),
    },
    tables,
    ledger: {
      activeStatuses: ACTIVE_STATUSES,
      note: "Every load the database has recorded. Only the rows of active loads (status loaded or unchanged) are in the export: an undone load's rows were taken out when it was undone (the rows it had replaced restored), and rejected or failed loads wrote none. Each canonical row's load_id names the load that wrote it. A load with an engine went to that cluster, not to these tables (inExport false).",
      loads,
    },
    demo: {
      present,
      loads: activeDemo,
      rows: demoRows,
      note: present
        ? `The export includes generated demo data (loads ${activeDemo.join(', ')}, marked isDemo in the ledger): those rows, and the facts derived from them, are not real orders. Remove the demo (orderlens demo remove) and export again for real data only.`
        : 'No demo data: every row comes from a load of real data.',
    },
  };
}

function toLoad(row: LoadRow): ManifestLoad {
  const active = (ACTIVE_STATUSES as readonly string[]).includes(row.status);
  return {
    loadId: row.load_id,
    fileName: row.file_name,
    table: row.target,
    status: row.status,
    active,
    engine: row.engine ?? null,
    inExport: active && !row.engine,
    contentHash: row.content_hash,
    rowsRead: row.rows_read,
    rowsInserted: row.rows_inserted,
    rowsUpdated: row.rows_updated,
    rowsUnchanged: row.rows_unchanged,
    rowsRejected: row.rows_rejected,
    isDemo: row.is_demo,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    undoneAt: row.undone_at,
    message: row.message,
  };
}

/** The rows of a table with the month of their order: its own for orders, else by order_id. */
function monthlyRowsSql(table: string): string {
  if (table === 'orders')
    return `SELECT t.*, strftime(t.order_ts, '%Y-%m') AS ${quoteIdent(PARTITION_COLUMN)}
              FROM ${quoteIdent(table)} AS t`;
  return `SELECT t.*, m.${quoteIdent(PARTITION_COLUMN)}
            FROM ${quoteIdent(table)} AS t
            LEFT JOIN ${quoteIdent(MONTHS_TABLE)} AS m ON m.order_id = t.order_id`;
}

/** A table's columns and their DuckDB types, in order. */
function columnsOf(tx: Database, table: string) {
  return tx.all<{ name: string; type: string; nullable: boolean }>(
    `SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable
       FROM information_schema.columns
      WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = $1
      ORDER BY ordinal_position`,
    [table],
  );
}

interface CopyStat {
  filename: string;
  count: number;
  file_size_bytes: number;
}

async function exportTable(
  tx: Database,
  folder: string,
  {
    name,
    kind,
    description,
    described,
  }: {
    name: string;
    kind: ManifestTable['kind'];
    description: string;
    /** Column descriptions by name, from the model or the fact declarations. */
    described: Map<string, string>;
  },
): Promise<ManifestTable> {
  const columns = (await columnsOf(tx, name)).map((c) => ({
    ...c,
    ...(described.has(c.name) ? { description: described.get(c.name) } : {}),
  }));
  if (columns.length === 0 || !columns.some((c) => c.name === 'order_id'))
    throw new Error(`export: table ${name} is missing or has no order_id`);

  const target = path.join(folder, name);
  await mkdir(target, { recursive: true });
  const stats = await tx.all<CopyStat & Record<string, unknown>>(
    `COPY (${monthlyRowsSql(name)}) TO $1
       (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (${quoteIdent(PARTITION_COLUMN)}), RETURN_STATS)`,
    [target],
  );
  const source = await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
  const partitions = new Map<string, ManifestPartition>();
  for (const stat of stats) {
    const relative = path.relative(folder, stat.filename).split(path.sep).join('/');
    const [, partition] = relative.split('/');
    const prefix = `${PARTITION_COLUMN}=`;
    if (!partition?.startsWith(prefix)) throw new Error(`export: unexpected file ${relative}`);
    const raw = partition.slice(prefix.length);
    const entry = partitions.get(partition) ?? {
      value: raw === UNKNOWN_PARTITION ? null : raw,
      path: `${name}/${partition}`,
      rows: 0,
      files: [],
    };
    entry.rows += stat.count;
    entry.files.push({ path: relative, rows: stat.count, bytes: stat.file_size_bytes });
    partitions.set(partition, entry);
  }
  const sorted = [...partitions.values()].sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      (a.value ?? '').localeCompare(b.value ?? ''),
  );
  for (const p of sorted) p.files.sort((a, b) => a.path.localeCompare(b.path));
  const rows = sorted.reduce((sum, p) => sum + p.rows, 0);
  // What was written is what the table holds: a mismatch fails the export, nothing is published.
  if (rows !== (source?.n ?? 0))
    throw new Error(`export: ${name} holds ${source?.n} rows but ${rows} were written`);
  return {
    name,
    kind,
    description,
    path: name,
    rows,
    rowsWithoutOrderMonth: sorted.find((p) => p.value === null)?.rows ?? 0,
    columns,
    partitionColumn: PARTITION_COLUMN,
    partitions: sorted,
  };
}
