import 'server-only';
/**
 * CSV dialect detection: DuckDB's sniffer where it succeeds, a line-count heuristic where it
 * cannot (ragged or broken files), then the header parsed by us so column names never reach SQL.
 */
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Database } from '@/lib/db/database';
import { quoteLiteral } from '@/lib/db/sql';
import { ExtractError } from '../errors';
import {
  checkFieldCounts,
  plausiblePreamble,
  preferredQuote,
  type Quoting,
} from './dialect-checks';
import { scanLineBreaks, type LineBreaks } from './line-breaks';

export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  /** Lines starting with this character are skipped ('' for none). */
  comment: string;
  header: boolean;
  skipRows: number;
  /** Source column names as shown to the user, after deterministic renaming. */
  headers: string[];
  /** Names changed because they were blank or clashed. */
  renamed: { column: number; from: string; to: string }[];
  /** Line endings as seen in the first megabyte. */
  lineBreaks: LineBreaks;
  detectedBy: 'duckdb' | 'heuristic' | 'given';
}

export interface DialectOverrides {
  delimiter?: string;
  quote?: string;
  /** Escape character inside quotes (default: the quote itself, i.e. doubled quotes). */
  escape?: string;
  /** One character that marks a whole line as a comment (default: none). */
  comment?: string;
  header?: boolean;
  skipRows?: number;
}

const HEAD_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'];

/** Detect the dialect of a UTF-8 CSV or TSV file. */
export async function detectDialect(
  db: Database,
  file: string,
  fileName: string,
  overrides: DialectOverrides = {},
): Promise<CsvDialect> {
  checkOverrides(overrides, fileName);
  const { head, truncated } = await readHead(file);
  if (head.trim().length === 0) throw new ExtractError(`${fileName} is empty.`, 'empty_file');
  const sniffed = await sniff(db, file, overrides)
    .then((result) => (plausible(result, head) ? result : undefined))
    .catch(() => undefined);
  const quoting = chooseQuoting(head, overrides, sniffed);
  const skipRows = chooseSkipRows(head, overrides, sniffed, quoting);
  const header = overrides.header ?? true;
  const firstRecord = parseFirstRecord(head, quoting, skipRows);
  if (!firstRecord) throw new ExtractError(`${fileName} has no rows.`, 'empty_file');
  checkFieldCounts(afterLines(head, skipRows)!, quoting, header, truncated, fileName);
  const { headers, renamed } = header
    ? nameColumns(firstRecord)
    : { headers: firstRecord.map((_, i) => `column_${i + 1}`), renamed: [] };
  const given = overrides.delimiter !== undefined;
  return {
    ...quoting,
    header,
    skipRows,
    headers,
    renamed,
    lineBreaks: scanLineBreaks(head, quoting.quote, quoting.escape),
    detectedBy: given ? 'given' : sniffed ? 'duckdb' : 'heuristic',
  };
}

function chooseQuoting(head: string, overrides: DialectOverrides, sniffed?: Sniffed): Quoting {
  const quote =
    overrides.quote ?? preferredQuote(head, sniffed?.quote ?? '', sniffed?.delimiter ?? ',');
  // The sniffer's escape belongs to its quote.
  const sniffedEscape = sniffed?.quote === quote && sniffed.escape === '\\' ? '\\' : undefined;
  const escape = overrides.escape ?? sniffedEscape ?? quote;
  // DuckDB refuses a delimiter that contains the quote; the sniffer can propose one.
  const sniffedDelimiter =
    quote && sniffed?.delimiter.includes(quote) ? undefined : sniffed?.delimiter;
  const delimiter = overrides.delimiter ?? sniffedDelimiter ?? guessDelimiter(head, quote);
  return { delimiter, quote, escape, comment: overrides.comment ?? '' };
}

function chooseSkipRows(
  head: string,
  overrides: DialectOverrides,
  sniffed: Sniffed | undefined,
  quoting: Quoting,
) {
  const sniffedSkip = sniffed?.skipRows ?? 0;
  const skipped = head.split(/\r\n|\n|\r/, sniffedSkip);
  const rest = afterLines(head, sniffedSkip) ?? '';
  const preamble =
    overrides.skipRows ?? (plausiblePreamble(skipped, rest, quoting) ? sniffedSkip : 0);
  // Blank lines above the first record are no record: DuckDB would take one for the header.
  return preamble + countBlankLines(afterLines(head, preamble) ?? '');
}

async function readHead(file: string): Promise<{ head: string; truncated: boolean }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf-8')
      .replace(/^\uFEFF/, '');
    return { head, truncated: bytesRead === HEAD_BYTES };
  } finally {
    await handle.close();
  }
}

interface Sniffed {
  delimiter: string;
  quote: string;
  escape: string;
  skipRows: number;
}

/**
 * Mapping overrides reach DuckDB as options; one it would refuse (or silently misread, like a
 * line break as delimiter) is refused here, naming the option rather than quoting SQL.
 */
function checkOverrides(overrides: DialectOverrides, fileName: string) {
  const fail = (what: string) => {
    throw new ExtractError(`${fileName} cannot be read as configured: ${what}.`, 'invalid_dialect');
  };
  const { delimiter, quote, escape, comment } = overrides;
  if (delimiter !== undefined && (delimiter === '' || /[\r\n]/.test(delimiter))) {
    fail('the delimiter must be a character other than a line break');
  }
  if (delimiter && quote && delimiter.includes(quote)) fail('the delimiter contains the quote');
  for (const [name, value] of Object.entries({ quote, escape, comment })) {
    if (value !== undefined && (Buffer.byteLength(value) > 1 || /[\r\n]/.test(value))) {
      fail(`the ${name} character must be one ASCII character other than a line break`);
    }
  }
}

/** The sniffer is told what the mapping fixes, so it detects the rest consistently with it. */
async function sniff(db: Database, file: string, overrides: DialectOverrides): Promise<Sniffed> {
  const given = {
    delim: overrides.delimiter,
    quote: overrides.quote,
    escape: overrides.escape,
    comment: overrides.comment,
  };
  const options = Object.entries(given)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `, ${name}=${quoteLiteral(value!)}`)
    .join('');
  const row = await db.one<{ d: string; q: string; e: string; s: number }>(
    `SELECT Delimiter AS d, Quote AS q, Escape AS e, SkipRows AS s
       FROM sniff_csv(${quoteLiteral(file)}, sample_size=20480, buffer_size=4194304${options})`,
  );
  if (!row) throw new Error('no dialect');
  const clean = (value: string) => (value === '(empty)' || value === '\\0' ? '' : value);
  return { delimiter: clean(row.d), quote: clean(row.q), escape: clean(row.e), skipRows: row.s };
}

/** The sniffer can settle on a delimiter absent from the header of a ragged file: distrust it then. */
function plausible(sniffed: Sniffed, head: string): boolean {
  if (!sniffed.delimiter) return false;
  const lines = head.split(/\r\n|\n|\r/);
  const header = lines[sniffed.skipRows] ?? '';
  return header.includes(sniffed.delimiter) || !DELIMITERS.some((d) => header.includes(d));
}

/** The delimiter that splits the first lines into the most consistent number of fields. */
export function guessDelimiter(head: string, quote = '"'): string {
  const lines = head
    .split(/\r\n|\n|\r/)
    .filter((line) => line.length > 0)
    .slice(0, 50);
  let best = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS.filter((d) => d !== quote)) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((count) => count === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function parseFirstRecord(head: string, quoting: Quoting, skip: number) {
  const text = afterLines(head, skip);
  if (text === undefined) return undefined;
  const { delimiter, quote, escape, comment } = quoting;
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: quote || '\u0000',
    escapeChar: escape || quote || '\u0000',
    comments: comment || false,
    preview: 1,
    skipEmptyLines: true,
  });
  return parsed.data[0];
}

/** The text after its first n lines, or undefined when it has fewer. */
function afterLines(text: string, n: number): string | undefined {
  let rest = text;
  for (let i = 0; i < n; i++) {
    const next = rest.search(/\r\n|\n|\r/);
    if (next < 0) return undefined;
    rest = rest.slice(next + (rest.startsWith('\r\n', next) ? 2 : 1));
  }
  return rest;
}

function countBlankLines(text: string): number {
  return /^(?:\r\n|\n|\r)*/.exec(text)![0].replace(/\r\n/g, '\n').length;
}

/** Blank names become column_N; clashing names (ignoring case) get _2, _3… in order. */
export function nameColumns(raw: string[]) {
  const seen = new Set<string>();
  const renamed: CsvDialect['renamed'] = [];
  const headers = raw.map((name, i) => {
    const trimmed = name.trim();
    let candidate = trimmed === '' ? `column_${i + 1}` : trimmed;
    for (let k = 2; seen.has(candidate.toLowerCase()); k++) {
      candidate = `${trimmed || `column_${i + 1}`}_${k}`;
    }
    seen.add(candidate.toLowerCase());
    if (candidate !== name) renamed.push({ column: i + 1, from: name, to: candidate });
    return candidate;
  });
  return { headers, renamed: renamed.filter((r) => r.from.trim() !== r.to) };
}
