import 'server-only';
/**
 * A workbook opened for reading: the zip directory (checked against limits), the sheet list, and an
 * exceljs streaming WorkbookReader primed with date system, styles and shared strings.
 *
 * We hand exceljs the parts ourselves, in the order it needs them, rather than letting it walk the
 * zip: its walk depends on entry order (Excel stores shared strings and styles after the sheets,
 * which makes exceljs spool every sheet to a temp file; a late workbook.xml crashes it), finds no
 * sheet not named sheetN.xml, and would inflate a lying zip by its local headers.
 */
import type ExcelJS from 'exceljs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import {
  checkSignature,
  damagedMessage,
  defaultXlsxLimits,
  megabytes,
  notWorkbookMessage,
  readDirectory,
  tooLarge,
  toXlsxError,
  XlsxError,
  type XlsxLimits,
} from './xlsx-container';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

export interface SheetRef {
  name: string;
  part: string;
  hidden: boolean;
}

/** The exceljs WorkbookReader internals we drive; checked at runtime in newReader(). */
interface ReaderInternals {
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Type: string; Target: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncIterable<unknown>;
  _parseWorksheet(
    input: Readable,
    sheetNo: string,
  ): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

export interface Workbook {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  reader: ReaderInternals;
  limits: XlsxLimits;
  sheets: SheetRef[];
  date1904: boolean;
}

export async function openWorkbook(file: string, limits: XlsxLimits): Promise<Workbook> {
  await checkSignature(file);
  const zip = await yauzl
    .openPromise(file, { autoClose: false, validateEntrySizes: true })
    .catch((error: unknown) => {
      throw toXlsxError(error);
    });
  try {
    const entries = await readDirectory(zip, limits);
    if (!entries.has(WORKBOOK) || !entries.has(WORKBOOK_RELS)) {
      throw new XlsxError(notWorkbookMessage, 'not_xlsx');
    }
    const wb: Workbook = {
      zip,
      entries,
      limits,
      reader: await newReader(),
      sheets: [],
      date1904: false,
    };
    const xml = await readText(await memoryPart(wb, WORKBOOK));
    wb.date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(xml);
    await wb.reader._parseWorkbook(Readable.from([xml]));
    await wb.reader._parseRels(await memoryPart(wb, WORKBOOK_RELS));
    // exceljs only knows date1904="1"; the schema also allows "true".
    wb.reader.properties = { model: { date1904: wb.date1904 } };
    wb.sheets = listSheets(wb.reader);
    if (wb.sheets.length === 0)
      throw new XlsxError('This workbook has no worksheets.', 'no_sheets');
    return wb;
  } catch (error) {
    zip.close();
    throw toXlsxError(error);
  }
}

/** exceljs is loaded here, when a workbook is read: it takes ~0.4 s to import, which every CLI
 * command reading a CSV or Parquet file would otherwise pay at start. */
async function newReader(): Promise<ReaderInternals> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader('', {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderInternals & Record<string, unknown>;
  const used = [
    '_parseRels',
    '_parseWorkbook',
    '_parseStyles',
    '_parseSharedStrings',
    '_parseWorksheet',
  ];
  if (used.some((name) => typeof reader[name] !== 'function')) {
    throw new Error(
      'exceljs WorkbookReader internals changed; lib/ingest/read/xlsx-workbook.ts needs updating',
    );
  }
  return reader;
}

function listSheets(reader: ReaderInternals): SheetRef[] {
  const rels = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, rel]));
  return (reader.model?.sheets ?? []).flatMap((sheet) => {
    const rel = rels.get(sheet.rId);
    if (!rel || !rel.Type.endsWith('/worksheet')) return []; // chart and dialog sheets hold no table
    const hidden = sheet.state !== undefined && sheet.state !== 'visible';
    return [{ name: sheet.name, part: resolveTarget(rel.Target), hidden }];
  });
}

/** Relationship targets are relative to xl/ unless absolute within the package. */
function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
}

export function pickSheet(sheets: SheetRef[], wanted?: string): SheetRef {
  if (wanted === undefined) return (sheets.find((s) => !s.hidden) ?? sheets[0]) as SheetRef;
  const key = wanted.trim().toLowerCase();
  const loose = sheets.filter((s) => s.name.trim().toLowerCase() === key);
  const found =
    sheets.find((s) => s.name === wanted) ?? (loose.length === 1 ? loose[0] : undefined);
  if (found) return found;
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  throw new XlsxError(
    `There is no sheet named "${wanted}" in this workbook. Available sheets: ${names}.`,
    'sheet_not_found',
  );
}

export async function loadSharedParts(wb: Workbook): Promise<void> {
  const rels = wb.reader.workbookRels ?? [];
  const partOf = (type: string, fallback: string) => {
    const rel = rels.find((r) => r.Type.endsWith(`/${type}`));
    return rel ? resolveTarget(rel.Target) : fallback;
  };
  const styles = partOf('styles', 'xl/styles.xml');
  if (wb.entries.has(styles)) await wb.reader._parseStyles(await memoryPart(wb, styles));
  const strings = partOf('sharedStrings', 'xl/sharedStrings.xml');
  if (!wb.entries.has(strings)) return;
  // In 'cache' mode this generator fills reader.sharedStrings and yields nothing.
  for await (const _ of wb.reader._parseSharedStrings(await memoryPart(wb, strings))) void _;
}

export async function partStream(wb: Workbook, name: string): Promise<Readable> {
  const entry = wb.entries.get(name);
  if (!entry) throw new XlsxError(damagedMessage(), 'damaged');
  const stream = await wb.zip.openReadStreamPromise(entry);
  // exceljs decodes each chunk on its own, which would split characters across chunk boundaries.
  stream.setEncoding('utf8');
  return stream;
}

async function memoryPart(wb: Workbook, name: string): Promise<Readable> {
  const max = wb.limits.maxInMemoryPartBytes ?? defaultXlsxLimits.maxInMemoryPartBytes ?? 0;
  if ((wb.entries.get(name)?.uncompressedSize ?? 0) > max) {
    tooLarge(`its ${path.posix.basename(name)} part is over ${megabytes(max)}`);
  }
  return partStream(wb, name);
}

async function readText(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text;
}
