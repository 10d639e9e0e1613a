import 'server-only';
/**
 * What a file is, by its content (never by its name or Content-Type), its text encoding, and its
 * content hash. Non-UTF-8 text is transcoded to UTF-8 by streaming, so DuckDB always reads UTF-8.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ExtractError } from '../errors';
import { isEncryptedOle } from './xlsx-container';

export type SourceKind = 'csv' | 'xlsx' | 'parquet';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SourceInfo {
  kind: SourceKind;
  encoding: TextEncoding;
  hasBom: boolean;
  size: number;
}

const SNIFF_BYTES = 64 * 1024;

/** Inspect the first bytes of a file: its kind and, for text, its encoding. */
export async function inspectSource(file: string, fileName: string): Promise<SourceInfo> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(buffer, 0, buffer.length, 0);
    // An OLE container is a legacy .xls or a password-protected .xlsx; the advice differs.
    if (isOle(buffer) && (await isEncryptedOle(handle))) {
      throw new ExtractError(
        `${fileName} is a password-protected workbook. Remove the password in Excel (File > Info > ` +
          'Protect Workbook > Encrypt with Password, then clear it), save it and load it again.',
        'encrypted',
      );
    }
    return classify(buffer, size, fileName);
  } finally {
    await handle.close();
  }
}

function classify(head: Buffer, size: number, fileName: string): SourceInfo {
  const text = (encoding: TextEncoding, hasBom = false): SourceInfo => ({
    kind: 'csv',
    encoding,
    hasBom,
    size,
  });
  if (size === 0) throw new ExtractError(`${fileName} is empty.`, 'empty_file');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return { kind: 'xlsx', encoding: 'utf-8', hasBom: false, size };
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31]))
    return { kind: 'parquet', encoding: 'utf-8', hasBom: false, size };
  if (isOle(head)) {
    throw new ExtractError(
      `${fileName} is a legacy Excel 97-2003 workbook (.xls). ` +
        'Open it in Excel or LibreOffice and save it as .xlsx, then load that file.',
      'legacy_xls',
    );
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return text('utf-8', true);
  if (startsWith(head, [0xff, 0xfe])) return text('utf-16le', true);
  if (startsWith(head, [0xfe, 0xff])) return text('utf-16be', true);
  rejectBinary(head, fileName);
  if (looksLikeUtf16(head)) return text(head[0] === 0 ? 'utf-16be' : 'utf-16le');
  return text(isValidUtf8(head, size > head.length) ? 'utf-8' : 'windows-1252');
}

const isOle = (head: Buffer) => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function rejectBinary(head: Buffer, fileName: string) {
  const start = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  const kinds: [string, string][] = [
    ['%pdf', 'a PDF document'],
    ['<!doctype html', 'an HTML page'],
    ['<html', 'an HTML page'],
    ['\x1f\x8b', 'a gzip archive'],
    ['{\\rtf', 'an RTF document'],
  ];
  for (const [magic, what] of kinds) {
    if (start.startsWith(magic)) {
      throw new ExtractError(
        `${fileName} is ${what}, not a CSV, TSV, XLSX or Parquet file.`,
        'unsupported_type',
      );
    }
  }
  const zeros = head.subarray(0, 4096).filter((byte) => byte === 0).length;
  if (zeros > 0 && !looksLikeUtf16(head)) {
    throw new ExtractError(
      `${fileName} is a binary file, not a CSV, TSV, XLSX or Parquet file.`,
      'unsupported_type',
    );
  }
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return bytes.every((byte, i) => buffer[i] === byte);
}

/** UTF-16 without BOM: every other byte of ASCII text is zero. */
function looksLikeUtf16(head: Buffer): boolean {
  const sample = head.subarray(0, 1024);
  if (sample.length < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const half = sample.length / 2;
  return evenZeros > half * 0.7 || oddZeros > half * 0.7;
}

function isValidUtf8(head: Buffer, truncated: boolean): boolean {
  // A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes.
  const end = truncated ? Math.max(0, head.length - 3) : head.length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Stream a non-UTF-8 text file into a UTF-8 copy (without BOM). */
export async function transcodeToUtf8(file: string, encoding: TextEncoding, out: string) {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const transcode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf-8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf-8'));
    },
  });
  await pipeline(createReadStream(file), transcode, createWriteStream(out));
}

/** SHA-256 of the file's bytes, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}
