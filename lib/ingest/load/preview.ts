import 'server-only';
/**
 * The preview of an uploaded file for the upload wizard: its columns, first rows, what was
 * detected (dialect, encoding, decimal separator, date formats, sheets) and a proposed mapping.
 * Only the head of a large file is read: the first 2 MB of a CSV (cut at a record boundary), the
 * first rows of a Parquet file. Give it a database of its own (openMemoryDatabase) so previews
 * never wait on, or write to, the main database.
 */
import { createReadStream } from 'node:fs';
import { open, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { toUserError } from '@/lib/errors';
import { quoteLiteral } from '@/lib/db/sql';
import type { MappingTarget } from '@/lib/model/canonical';
import { proposeMapping, type MappingProposal } from '../map/automap';
import type { Mapping } from '../map/mapping';
import { inspectSource, type SourceKind, type TextEncoding } from '../read/source';
import { stageSource, type StagedSource } from '../read/stage';
import { sampleValues } from '../read/staged-rows';
import { convertXlsxToCsv, inspectXlsx } from '../read/xlsx';
import type { ReadingSettings } from './load-options';
import { planTransform, type SeparatorDecision } from './transform';

/** Rows shown in the preview table. */
export const PREVIEW_ROWS = 20;
/** CSV bytes read for a preview: above the dialect detector's 1 MB head, so both agree. */
const PREVIEW_BYTES = 2 * 1024 * 1024;
const PARQUET_ROWS = 1000;
/** A CSV's rows past its head are counted up to this size (a scan of ~1 s); larger, when checked. */
const COUNT_ROWS_UP_TO_BYTES = 512 * 1024 * 1024;

export interface PreviewOptions {
  sheet?: string;
  table?: MappingTarget;
  settings?: ReadingSettings;
  /** Folder for temporary files (default: the system's). */
  tmpDir?: string;
  /** The saved profile for these headers: its recorded separators settle doubtful numbers. */
  findProfile?: (headers: string[]) => Promise<{ name: string; mapping: Mapping } | undefined>;
}

export interface UploadPreview {
  fileName: string;
  kind: SourceKind;
  headers: string[];
  /** The first rows, every value as text ('' for empty). */
  rows: string[][];
  /**
   * Rows in the file: read whole (a CSV under 2 MB, XLSX, Parquet) or, past a CSV's head, counted;
   * null for a UTF-16 or very large CSV.
   */
  totalRows: number | null;
  /** Rows in the previewed part that could not be split into the header's fields. */
  malformedRows: number;
  /** Up to 100 values per header from the first rows: the automatic mapping's samples. */
  samples: Record<string, string[]>;
  detected: {
    encoding: TextEncoding;
    delimiter?: string;
    header?: boolean;
    skipRows?: number;
    decimalSeparator?: '.' | ',';
    thousandsSeparator?: string;
    /** What decided the separators; the load decides the same way (transform.ts). */
    separators?: Pick<SeparatorDecision, 'source' | 'profile' | 'undecided' | 'doubtful'>;
    dateFormats: Record<string, { format: string; ambiguous: boolean }>;
    renamedColumns: { column: number; from: string; to: string }[];
  };
  /** The workbook's sheets (XLSX), and the one previewed. */
  sheets?: string[];
  sheet?: string;
  proposal: MappingProposal;
}

let shared: Promise<Database> | undefined;

/** The server's preview database: in memory, apart from the main database and its writer queue. */
export function previewDatabase(): Promise<Database> {
  shared ??= openMemoryDatabase({ memoryLimit: '1GB', threads: 2 }).catch((error) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** Preview an uploaded file; throws ExtractError (safe to show) when it cannot be read. */
export async function previewUpload(
  db: Database,
  file: string,
  fileName: string,
  options: PreviewOptions = {},
): Promise<UploadPreview> {
  try {
    return await db.exclusive(() => runPreview(db, file, fileName, options));
  } catch (error) {
    throw toUserError(error, `Previewing ${fileName}`);
  }
}

async function runPreview(
  db: Database,
  file: string,
  fileName: string,
  options: PreviewOptions,
): Promise<UploadPreview> {
  const source = await inspectSource(file, fileName);
  const work = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'orderlens-preview-'));
  const settings = options.settings ?? {};
  try {
    const head = await headOf(db, file, source, work, options.sheet);
    const staged = await stageSource(db, head.file, {
      fileName,
      ...(head.kind === 'xlsx'
        ? { delimiter: ',', quote: '"', header: true, skipRows: 0 }
        : {
            delimiter: settings.delimiter,
            header: settings.header,
            skipRows: settings.skipRows,
            encoding: head.kind === 'csv' ? (settings.encoding ?? source.encoding) : undefined,
          }),
      tmpDir: work,
    });
    try {
      return await describe(db, staged, fileName, source.kind, head, options);
    } finally {
      await staged.cleanup();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Head {
  /** The file to stage: the upload itself, or its first part. */
  file: string;
  /** Whether `file` holds only the first part of the data. */
  cut: boolean;
  kind: SourceKind;
  /** Data rows of the whole file, when known. */
  totalRows: number | null;
  /** A cut CSV: the records after the head, counted without parsing them (countRecords). */
  recordsAfterHead?: number | null;
  sheets?: string[];
  sheet?: string;
}

async function headOf(
  db: Database,
  file: string,
  source: { kind: SourceKind; encoding: TextEncoding; size: number },
  work: string,
  sheet?: string,
): Promise<Head> {
  if (source.kind === 'parquet') {
    const out = path.join(work, 'head.parquet');
    await db.run(
      `COPY (SELECT * FROM read_parquet(${quoteLiteral(file)}) LIMIT ${PARQUET_ROWS}) TO ${quoteLiteral(out)} (FORMAT parquet)`,
    );
    const meta = await db.one<{ n: number }>(
      `SELECT sum(num_rows) AS n FROM parquet_file_metadata(${quoteLiteral(file)})`,
    );
    return { file: out, cut: true, kind: 'parquet', totalRows: meta?.n ?? null };
  }
  if (source.kind === 'xlsx') {
    const { sheets } = await inspectXlsx(file);
    const csv = path.join(work, 'sheet.csv');
    const converted = await convertXlsxToCsv(file, csv, { sheet });
    const cut = await cutHead(csv, work, 'utf-8');
    return {
      file: cut.file,
      cut: cut.cut,
      kind: 'xlsx',
      totalRows: converted.rows,
      sheets,
      sheet: converted.sheet,
    };
  }
  const cut = await cutHead(file, work, source.encoding);
  // Past the head the rows are only counted: a line break outside quotes ends one. UTF-16 text is
  // not scanned byte by byte; its rows are counted when checked.
  const recordsAfterHead =
    cut.cut && !source.encoding.startsWith('utf-16') && source.size <= COUNT_ROWS_UP_TO_BYTES
      ? await countRecords(file, cut.end)
      : null;
  return { file: cut.file, cut: cut.cut, kind: 'csv', totalRows: null, recordsAfterHead };
}

/**
 * The records of a CSV file from a byte offset that starts a record: line breaks outside quotes
 * (an even number of double quotes before them), a last record without one, no empty lines. The
 * same reading of quotes as recordEnd, streamed over the file.
 */
export async function countRecords(file: string, from = 0): Promise<number> {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  let inQuotes = false;
  let records = 0;
  let empty = true; // nothing but line breaks since the last record ended
  let afterCr = false;
  for await (const chunk of createReadStream(file, { start: from })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      const crlf = afterCr && byte === LF;
      afterCr = byte === CR;
      if (byte === QUOTE) inQuotes = !inQuotes;
      if (inQuotes || (byte !== LF && byte !== CR)) {
        empty = false;
      } else if (!crlf) {
        if (!empty) records++;
        empty = true;
      }
    }
  }
  return empty ? records : records + 1;
}

/**
 * The first PREVIEW_BYTES of a text file, cut after the last line break outside quotes (an even
 * number of double quotes before it), so the last record is whole. Small files are used as they are.
 */
async function cutHead(file: string, work: string, encoding: TextEncoding) {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= PREVIEW_BYTES) return { file, cut: false, end: size };
    const buffer = Buffer.alloc(PREVIEW_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PREVIEW_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const end = encoding.startsWith('utf-16')
      ? utf16RecordEnd(head, encoding === 'utf-16le')
      : recordEnd(head);
    if (end <= 0) return { file, cut: false, end: size };
    const out = path.join(work, 'head.csv');
    const target = await open(out, 'w');
    try {
      await target.write(head, 0, end);
    } finally {
      await target.close();
    }
    return { file: out, cut: true, end };
  } finally {
    await handle.close();
  }
}

/** Byte offset just after the last line break outside quotes; the last line break if none is. */
export function recordEnd(bytes: Uint8Array): number {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  let inQuotes = false;
  let lastOutside = -1;
  let lastAny = -1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (byte === LF || (byte === CR && bytes[i + 1] !== LF)) {
      lastAny = i + 1;
      if (!inQuotes) lastOutside = i + 1;
    }
  }
  return lastOutside > 0 ? lastOutside : lastAny;
}

function utf16RecordEnd(bytes: Uint8Array, littleEndian: boolean): number {
  for (let i = bytes.length - 2 - (bytes.length % 2); i >= 0; i -= 2) {
    const unit = littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit === 0x0a) return i + 2;
  }
  return -1;
}

async function describe(
  db: Database,
  staged: StagedSource,
  fileName: string,
  kind: SourceKind,
  head: Head,
  options: PreviewOptions,
): Promise<UploadPreview> {
  const { rows, samples } = await sampleValues(db, staged);
  const proposal = proposeMapping(staged.headers, { target: options.table, samples });
  const headRows = staged.rows + staged.structuralRejects.length;
  const totalRows =
    head.totalRows ??
    (!head.cut
      ? headRows
      : head.recordsAfterHead != null
        ? headRows + head.recordsAfterHead
        : null);
  const text = kind === 'csv';
  return {
    fileName,
    kind,
    headers: staged.headers,
    rows: rows.slice(0, PREVIEW_ROWS),
    totalRows,
    malformedRows: staged.structuralRejects.length,
    samples,
    detected: {
      encoding: text ? staged.source.encoding : 'utf-8',
      ...(text
        ? {
            delimiter: staged.dialect?.delimiter,
            header: staged.dialect?.header,
            skipRows: staged.dialect?.skipRows,
          }
        : {}),
      renamedColumns: staged.dialect?.renamed ?? [],
      ...(await detectFormats(db, staged, proposal, options, fileName)),
    },
    ...(head.sheets ? { sheets: head.sheets, sheet: head.sheet } : {}),
    proposal,
  };
}

/** Decimal separator and date formats as a load would detect them under the proposed mapping. */
async function detectFormats(
  db: Database,
  staged: StagedSource,
  proposal: MappingProposal,
  options: PreviewOptions,
  fileName: string,
) {
  const settings: ReadingSettings = options.settings ?? {};
  const profile = await options.findProfile?.(staged.headers);
  const mapping: Mapping = {
    table: proposal.target,
    columns: proposal.columns,
    ...(settings.decimalSeparator ? { decimalSeparator: settings.decimalSeparator } : {}),
    ...(settings.thousandsSeparator !== undefined
      ? { thousandsSeparator: settings.thousandsSeparator }
      : {}),
    ...(settings.dateFormat ? { dateFormat: settings.dateFormat } : {}),
  };
  try {
    const plan = await planTransform(db, staged, mapping, undefined, {
      undecided: 'report',
      fileName,
      ...(profile
        ? {
            profile: {
              name: profile.name,
              decimalSeparator: profile.mapping.decimalSeparator,
              thousandsSeparator: profile.mapping.thousandsSeparator,
            },
          }
        : {}),
    });
    const numbers = plan.fields.some((f) => f.type === 'number' || f.type === 'integer');
    const { source, profile: by, undecided, doubtful } = plan.separators;
    return {
      ...(numbers && !undecided
        ? { decimalSeparator: plan.decimalSeparator, thousandsSeparator: plan.thousandsSeparator }
        : {}),
      ...(numbers
        ? {
            separators: {
              source,
              ...(by ? { profile: by } : {}),
              ...(undecided ? { undecided } : {}),
              ...(doubtful ? { doubtful } : {}),
            },
          }
        : {}),
      dateFormats: Object.fromEntries(
        Object.entries(plan.dateFormats).map(([field, d]) => [
          field,
          { format: d.format, ambiguous: d.ambiguous },
        ]),
      ),
    };
  } catch {
    // Detection is a courtesy of the preview; the load detects again and reports plainly.
    return { dateFormats: {} };
  }
}
