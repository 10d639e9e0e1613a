import 'server-only';
/**
 * Staging: every source lands first in a temporary table of text columns c0, c1, … (names are
 * ours, never the file's), with its 1-based data row number in _row. CSV goes through DuckDB's
 * reader in strict mode with rejected rows kept; XLSX is converted to CSV by streaming; Parquet is
 * read by DuckDB and cast to text so every source is validated by the same rules. This module
 * opens a source; stage-csv.ts and stage-parquet.ts read it into its table.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { RowIssue } from '../issues';
import { detectDialect, type CsvDialect, type DialectOverrides } from './dialect';
import { inspectSource, transcodeToUtf8, type SourceInfo } from './source';
import { stageCsv } from './stage-csv';
import { stageParquet } from './stage-parquet';
import { convertXlsxToCsv } from './xlsx';

export interface StagedSource {
  table: string;
  source: SourceInfo;
  headers: string[];
  /** Staged column (c0…) of each header, in order. */
  columns: string[];
  rows: number;
  /** Rows the reader could not split into fields (wrong field count, unterminated quote). */
  structuralRejects: RowIssue[];
  dialect?: CsvDialect;
  /** Header rows repeated inside the data, dropped before validation. */
  repeatedHeaders?: number;
  sheet?: string;
  cleanup: () => Promise<void>;
}

export interface StageOptions extends DialectOverrides {
  fileName: string;
  /** Overrides the detected text encoding. */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'latin1';
  sheet?: string;
  /** Folder for temporary files (transcoded text, converted sheets). */
  tmpDir?: string;
}

let counter = 0;

/**
 * A source opened but not yet read: its kind, the UTF-8 CSV DuckDB will read (transcoded or
 * converted where needed) with its dialect, or the Parquet file. Reading it is stageOpened's job;
 * a fast load may read it itself (fast-load.ts).
 */
export interface OpenedSource {
  file: string;
  fileName: string;
  table: string;
  source: SourceInfo;
  /** CSV only (also a converted sheet): the file DuckDB reads, its dialect and lines to skip. */
  csv?: { file: string; dialect: CsvDialect; skip: number };
  sheet?: string;
  cleanup: () => Promise<void>;
}

/** Read any supported file into a staging table. */
export async function stageSource(
  db: Database,
  file: string,
  options: StageOptions,
): Promise<StagedSource> {
  const opened = await openSource(db, file, options);
  return stageOpened(db, opened);
}

/** Inspect, transcode or convert, and detect the dialect of a file, without reading its rows. */
export async function openSource(
  db: Database,
  file: string,
  options: StageOptions,
): Promise<OpenedSource> {
  const detected = await inspectSource(file, options.fileName);
  const forced = options.encoding === 'latin1' ? 'windows-1252' : options.encoding;
  const source = forced && detected.kind === 'csv' ? { ...detected, encoding: forced } : detected;
  const table = `stage_${process.pid}_${++counter}`;
  const work = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'orderlens-'));
  const cleanup = async () => {
    await db.run(`DROP VIEW IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    for (const suffix of ['', '_raw', '_shifts', '_rejects', '_rejects_scan']) {
      await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table + suffix)}`).catch(() => undefined);
    }
    await rm(work, { recursive: true, force: true });
  };
  const opened = { file, fileName: options.fileName, table, source, cleanup };
  try {
    if (source.kind === 'parquet') return opened;
    let csvFile = file;
    let overrides: DialectOverrides = options;
    let sheet: string | undefined;
    if (source.kind === 'xlsx') {
      csvFile = path.join(work, 'sheet.csv');
      const converted = await convertXlsxToCsv(file, csvFile, { sheet: options.sheet });
      sheet = converted.sheet;
      overrides = { delimiter: ',', quote: '"', header: true, skipRows: 0 };
    } else if (source.encoding !== 'utf-8') {
      csvFile = path.join(work, 'utf8.csv');
      await transcodeToUtf8(file, source.encoding, csvFile);
    }
    const dialect = await detectDialect(db, csvFile, options.fileName, overrides);
    const aligned = await alignLineBreaks(csvFile, dialect, work);
    const skip = dialect.skipRows + aligned.extraLines;
    return { ...opened, sheet, csv: { file: aligned.file, dialect, skip } };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Read an opened source into its staging table (cleaning up when that fails). */
export async function stageOpened(db: Database, opened: OpenedSource): Promise<StagedSource> {
  const { table, source, sheet, cleanup } = opened;
  try {
    if (!opened.csv) return { ...(await stageParquet(db, opened.file, table)), source, cleanup };
    const staged = await stageCsv(db, opened.csv, table, opened.fileName);
    return { ...staged, source, sheet, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * DuckDB's strict reader takes the file's first line break for the record separator, even inside
 * a quoted header cell. Then it reads a copy that starts with one blank line of the right kind:
 * the blank line is no record, and it is counted in skip and in reject line numbers.
 */
async function alignLineBreaks(file: string, dialect: CsvDialect, work: string) {
  if (!dialect.lineBreaks.misleading) return { file, extraLines: 0 };
  const copy = path.join(work, 'aligned.csv');
  await writeFile(copy, dialect.lineBreaks.record);
  // A BOM is only one at the start of a file; behind the blank line it would become text.
  const start = (await startsWithBom(file)) ? 3 : 0;
  await pipeline(createReadStream(file, { start }), createWriteStream(copy, { flags: 'a' }));
  return { file: copy, extraLines: 1 };
}

async function startsWithBom(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return bytesRead === 3 && buffer.equals(Buffer.from([0xef, 0xbb, 0xbf]));
  } finally {
    await handle.close();
  }
}
