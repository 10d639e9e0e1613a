import 'server-only';
/**
 * The .xlsx container, checked before any XML is parsed: magic bytes (legacy .xls, encrypted
 * workbooks, non-zip files) and the zip's central directory against size limits (zip bombs).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type yauzl from 'yauzl';
import { OrderlensError } from '@/lib/errors';

export interface XlsxLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Uncompressed/compressed, checked on entries over 1 MB (small parts compress oddly). */
  maxRatio: number;
  /** Cap on each part exceljs must hold in memory (shared strings, styles, workbook.xml). */
  maxInMemoryPartBytes?: number;
}

export const defaultXlsxLimits: XlsxLimits = Object.freeze({
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxEntries: 10_000,
  maxRatio: 200,
  maxInMemoryPartBytes: 256 * 1024 ** 2,
});

export const legacyXlsMessage =
  'This is a legacy Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice and save it as .xlsx, then upload that file.';
const encryptedMessage =
  'This workbook is password-protected. Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and upload it again.';
export const notWorkbookMessage =
  'This file is not an Excel workbook (.xlsx). Upload an .xlsx or a CSV file.';

/** Errors safe to show to users: no path or stack in the message. */
export class XlsxError extends OrderlensError {}

const RATIO_MIN_BYTES = 1024 * 1024;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_HEADER = 0x04034b50;

/** OLE2 compound file: a legacy .xls, or an encrypted .xlsx (inspectXlsx tells them apart). */
export function isLegacyXls(firstBytes: Uint8Array): boolean {
  return firstBytes.length >= 8 && OLE2_MAGIC.every((byte, i) => firstBytes[i] === byte);
}

/** Reject what is not a zip before yauzl sees it, with a message that says what it is. */
export async function checkSignature(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (isLegacyXls(head)) {
      if (await isEncryptedOle(handle)) throw new XlsxError(encryptedMessage, 'encrypted');
      throw new XlsxError(legacyXlsMessage, 'legacy_xls');
    }
    if (bytesRead < 4 || head.readUInt32LE(0) !== ZIP_LOCAL_HEADER) {
      throw new XlsxError(notWorkbookMessage, 'not_xlsx');
    }
  } finally {
    await handle.close();
  }
}

/**
 * Excel saves a password-protected workbook as an OLE2 file holding EncryptionInfo and
 * EncryptedPackage streams; a real .xls has neither. Walks the directory sector chain.
 */
export async function isEncryptedOle(handle: FileHandle): Promise<boolean> {
  const header = Buffer.alloc(512);
  await handle.read(header, 0, 512, 0);
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return false;
  const size = 1 << shift;
  const perFatSector = size / 4;
  const sector = Buffer.alloc(size);
  let sect = header.readUInt32LE(0x30);
  for (let hops = 0; hops < 256 && sect < 0xfffffffa; hops++) {
    const { bytesRead } = await handle.read(sector, 0, size, (sect + 1) * size);
    for (let off = 0; off + 128 <= bytesRead; off += 128) {
      const nameBytes = Math.min(64, Math.max(0, sector.readUInt16LE(off + 0x40) - 2));
      const name = sector.toString('utf16le', off, off + nameBytes);
      if (name === 'EncryptionInfo' || name === 'EncryptedPackage') return true;
    }
    const fatIndex = Math.floor(sect / perFatSector);
    if (fatIndex >= 109) return false; // FAT sectors past the header's list: give up, call it .xls
    const fatSector = header.readUInt32LE(0x4c + 4 * fatIndex);
    const next = Buffer.alloc(4);
    await handle.read(next, 0, 4, (fatSector + 1) * size + (sect % perFatSector) * 4);
    sect = next.readUInt32LE(0);
  }
  return false;
}

/**
 * Check every entry's declared sizes before inflating anything. yauzl (validateEntrySizes) then
 * fails any entry that inflates past its declared size, so these totals bound the real ones.
 */
export async function readDirectory(zip: yauzl.ZipFile, limits: XlsxLimits) {
  if (zip.entryCount > limits.maxEntries) tooLarge(`it has more than ${limits.maxEntries} parts`);
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (entry.isEncrypted()) throw new XlsxError(encryptedMessage, 'encrypted');
    const size = entry.uncompressedSize;
    total += size;
    if (total > limits.maxUncompressedBytes) {
      tooLarge(`it expands to more than ${megabytes(limits.maxUncompressedBytes)}`);
    }
    if (size > RATIO_MIN_BYTES && size > limits.maxRatio * entry.compressedSize) {
      tooLarge(`a part is compressed more than ${limits.maxRatio} to 1`);
    }
    // One name twice is a way to show a checker one part and a parser another.
    if (entries.has(entry.fileName)) throw new XlsxError(damagedMessage(), 'damaged');
    entries.set(entry.fileName, entry);
  }
  return entries;
}

export function tooLarge(detail: string): never {
  throw new XlsxError(
    `This workbook is too large or too highly compressed to import safely (${detail}). It was not opened.`,
    'too_large',
  );
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

export function damagedMessage(sheet?: string): string {
  const what = sheet === undefined ? 'This workbook' : `The sheet "${sheet}"`;
  return `${what} could not be read: the file is damaged or is not a valid .xlsx workbook.`;
}

/** Keep user-safe and system (disk, permission) errors; anything else means an unreadable file. */
export function toXlsxError(error: unknown, sheet?: string): unknown {
  if (error instanceof XlsxError || (error instanceof Error && 'syscall' in error)) return error;
  const message = error instanceof Error ? error.message : '';
  if (/end of central directory|signature not found/i.test(message)) {
    return new XlsxError(notWorkbookMessage, 'not_xlsx');
  }
  const wrapped = new XlsxError(damagedMessage(sheet), 'damaged');
  wrapped.cause = error; // for the server log, never shown
  return wrapped;
}
