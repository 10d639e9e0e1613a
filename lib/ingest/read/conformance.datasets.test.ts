/**
 * Reader conformance against public CSV suites nobody on this project wrote: csv-spectrum and
 * PapaParse's parser tests (values and row counts exact), and a sweep over DuckDB's own CSV test
 * files (every file ends in a load or a clear error within seconds). Reads the shared datasets
 * folder (never copied into the repo): ../shared/datasets beside the repo, or $ORDERLENS_DATASETS.
 *
 * How expected values map onto staged text: the staged table keeps NULL where DuckDB reads an
 * unquoted empty field (the transform turns '' into NULL later anyway), so every comparison reads
 * NULL as "" — the suites' expected JSON has no null for text.
 *
 * How PapaParse's expectations map onto Orderlens's reading (decided once, applied to every case):
 * - header:false (Papa's default) is read with header:false and compared as arrays of rows;
 * - no trailing line break is needed, and a final one ends the last record: Papa's extra [""]
 *   row after it is dropped;
 * - a blank line is no record in a file of several columns (DuckDB skips it; Papa keeps [""]);
 *   in a one-column file it is an empty value, as in Papa;
 * - input Papa gives no rows for (empty, header only) is refused with a clear empty_file/no_rows
 *   error: there is nothing to load;
 * - dynamicTyping: our text, typed the way Papa types it, must equal Papa's value; preview: the
 *   first N rows must match; newline, fastMode and skipEmptyLines:true must change nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { OrderlensError, toUserError } from '@/lib/errors';
import { quoteIdent } from '@/lib/db/sql';
import type { RowIssue } from '../issues';
import type { DialectOverrides } from './dialect';
import { scanLineBreaks } from './line-breaks';
import { stageSource } from './stage';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const datasets = process.env.ORDERLENS_DATASETS ?? path.resolve(repoRoot, '../shared/datasets');
const spectrumDir = path.join(datasets, 'csv-spectrum');
const papaFile = path.join(datasets, 'papaparse', 'papaparse_cases.json');
const duckdbDir = path.join(datasets, 'duckdb-csv', 'csv');

interface Read {
  headers: string[];
  /** Staged rows; their text only when asked for. */
  count: number;
  rows: string[][];
  rejects: RowIssue[];
}
type Outcome = { read: Read } | { error: OrderlensError };

/** Stage a file and return its text (NULL as "") in file order, or the user-facing error. */
async function readThrough(
  db: Database,
  file: string,
  overrides: DialectOverrides = {},
  withRows = true,
): Promise<Outcome> {
  const fileName = path.basename(file);
  try {
    const staged = await stageSource(db, file, { fileName, ...overrides });
    try {
      const rows = withRows ? await stagedText(db, staged.table, staged.columns) : [];
      const { headers, structuralRejects: rejects } = staged;
      return { read: { headers, count: staged.rows, rows, rejects } };
    } finally {
      await staged.cleanup();
    }
  } catch (error) {
    // The same wrapping loadExtract applies: raw driver errors must never reach a user.
    return { error: toUserError(error, `Reading ${fileName}`) };
  }
}

async function stagedText(db: Database, table: string, columns: string[]): Promise<string[][]> {
  const select = columns.map((c) => quoteIdent(c)).join(', ');
  const rows = await db.all(`SELECT ${select} FROM ${quoteIdent(table)} ORDER BY _row`);
  return rows.map((row) => columns.map((c) => (row[c] == null ? '' : String(row[c]))));
}

function describeOutcome(outcome: Outcome): string {
  if ('error' in outcome) return `${outcome.error.code}: ${outcome.error.message}`;
  const { headers, count, rejects } = outcome.read;
  const rejected = rejects.map((r) => r.row).join(' ') || 'none';
  return `${headers.length} columns, ${count} rows, rejected rows ${rejected}`;
}

/** Why an error is not fit to show (a stack, SQL, an absolute path), or undefined. */
function unclearError(error: unknown, file: string): string | undefined {
  if (!(error instanceof OrderlensError)) return `not an OrderlensError: ${String(error)}`;
  if (/\n\s+at |SELECT|read_csv\(|sniff_csv|LINE \d+:/.test(error.message)) {
    return `shows a stack or SQL: ${error.message}`;
  }
  if ([path.dirname(file), os.tmpdir()].some((dir) => error.message.includes(dir))) {
    return `shows a path: ${error.message}`;
  }
  return undefined;
}

function expectClearError(error: OrderlensError, file: string) {
  expect(unclearError(error, file)).toBeUndefined();
}

const available = (dir: string) => {
  if (!existsSync(dir)) console.warn(`[conformance] ${dir} not found: suite skipped`);
  return existsSync(dir);
};

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'orderlens-conformance-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/**
 * What the suites below revealed, as small inline files, so they stay covered where the datasets
 * folder is absent.
 */
describe('reader regressions found by the suites (no datasets needed)', () => {
  let db: Database;
  let n = 0;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  const inline = async (text: string) => {
    const file = path.join(tmp, `inline-${++n}.csv`);
    await writeFile(file, text);
    return file;
  };
  const read = async (text: string, overrides: DialectOverrides = {}) =>
    readThrough(db, await inline(text), overrides);
  const rowsOf = (outcome: Outcome) => {
    if ('error' in outcome) throw new Error(describeOutcome(outcome));
    return outcome.read;
  };

  it('reads a CRLF file whose header holds a quoted LF (DuckDB took the LF for the line end)', async () => {
    for (const bom of ['', '\uFEFF']) {
      const { headers, rows } = rowsOf(await read(`${bom}"Order\nID",Qty\r\n1,2\r\n"3\nx",4\r\n`));
      expect(headers).toEqual(['Order\nID', 'Qty']);
      expect(rows).toEqual([
        ['1', '2'],
        ['3\nx', '4'],
      ]);
    }
  });

  it('reads a LF file whose first quoted value holds a CRLF', async () => {
    const { rows } = rowsOf(await read('"x\r\ny",1\n2,3\n', { header: false }));
    expect(rows).toEqual([
      ['x\r\ny', '1'],
      ['2', '3'],
    ]);
  });

  it('refuses a header DuckDB cannot split, instead of silently reading no rows', async () => {
    const outcome = await read('id,"name"x\n1,2\n3,4\n');
    expect('error' in outcome && outcome.error.code).toBe('malformed_header');
  });

  it('keeps a header the sniffer would skip as a preamble, and rejects the ragged rows', async () => {
    const { headers, rejects } = rowsOf(await read('one,two,three\n' + '1,2,3,4\n'.repeat(5)));
    expect(headers).toEqual(['one', 'two', 'three']);
    expect(rejects.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('skips a real preamble and blank lines above the header', async () => {
    const text = 'Orders export\nGenerated 2024-01-01\n\nid,qty\n1,2\n';
    const { headers, rows } = rowsOf(await read(text));
    expect(headers).toEqual(['id', 'qty']);
    expect(rows).toEqual([['1', '2']]);
    expect(rowsOf(await read('\n\nid,qty\n1,2\n')).rows).toEqual([['1', '2']]);
  });

  it('reports a row with extra fields once, with its real field count, and numbers rows around it', async () => {
    const staged = await stageSource(db, await inline('a,b\n1,2\n3,4,5,6,7\n8,9\n'), {
      fileName: 'ragged.csv',
    });
    try {
      expect(staged.structuralRejects.map((r) => [r.row, r.message])).toEqual([
        [2, 'ragged.csv, row 2: wrong number of fields (expected: 2 found: 5)'],
      ]);
      expect(
        await db.all(`SELECT _row, c0 FROM ${quoteIdent(staged.table)} ORDER BY _row`),
      ).toEqual([
        { _row: 1, c0: '1' },
        { _row: 3, c0: '8' },
      ]);
    } finally {
      await staged.cleanup();
    }
  });

  it('refuses a quote that is never closed rather than reporting one giant rejected row', async () => {
    const text = 'id,name\n1,a\n2,"b\n' + '3,c\n'.repeat(50);
    const outcome = await read(text);
    expect('error' in outcome && outcome.error.message).toBe(
      'inline-' +
        n +
        '.csv, row 2: a quote is not closed, so the value runs on over 51 lines and ' +
        'the rows within it cannot be told apart. Close the quote (or double a quote inside a ' +
        'value), then load the file again.',
    );
  });

  it('says which line mixes line endings', async () => {
    const outcome = await read('a,b\n1,2\r3,4\n5,6\n');
    expect('error' in outcome && outcome.error.message).toMatch(/line 2 ends with another kind/);
  });

  it('fails fast and clearly when most rows do not fit the header', async () => {
    const outcome = await read('a,b\n' + '1,2,3\n'.repeat(30));
    expect('error' in outcome && outcome.error.code).toBe('inconsistent_fields');
  });
});

/**
 * Where the suite's expected JSON contradicts its own CSV, the CSV wins. location_coordinates.json
 * (csv-spectrum commit 9ed330c) expects phone 1234567890 for a CSV that says 2095257564; a later
 * upstream version expects 02095257564. Neither is in the file.
 */
const spectrumErrata: Record<string, Record<string, string>> = {
  'location_coordinates.csv': { 'Contact Phone Number': '2095257564' },
};

describe.skipIf(!available(spectrumDir))('csv-spectrum: every case reads exactly', () => {
  const names = existsSync(spectrumDir)
    ? readdirSync(path.join(spectrumDir, 'csvs')).filter((n) => n.endsWith('.csv'))
    : [];
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });

  it.each(names)('%s', async (name) => {
    const json: unknown = JSON.parse(
      readFileSync(path.join(spectrumDir, 'json', name.replace(/\.csv$/, '.json')), 'utf-8'),
    );
    // One case's JSON is a bare object, not an array of one.
    const expected = (Array.isArray(json) ? json : [json]) as Record<string, string>[];
    for (const row of expected) Object.assign(row, spectrumErrata[name]);
    const outcome = await readThrough(db, path.join(spectrumDir, 'csvs', name));
    if ('error' in outcome) throw new Error(describeOutcome(outcome));
    const { headers, rows, rejects } = outcome.read;
    expect(rejects).toEqual([]);
    expect(headers).toEqual(Object.keys(expected[0] ?? {}));
    expect(rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]])))).toEqual(
      expected,
    );
  });

  it('covers every case in the suite', () => {
    expect(names).toHaveLength(12);
    console.info(`[conformance] csv-spectrum: ${names.length} of 12 cases read exactly`);
  });
});

interface PapaConfig {
  header?: boolean;
  delimiter?: string;
  quoteChar?: string;
  escapeChar?: string;
  skipFirstNLines?: number;
  comments?: boolean | string | number;
  dynamicTyping?: boolean | Record<string, boolean>;
  preview?: number;
  fastMode?: boolean;
  skipEmptyLines?: boolean | 'greedy';
  newline?: string;
}

interface PapaCase {
  description: string;
  input: string;
  config: PapaConfig;
  config_had_functions?: boolean;
  expected: { data: unknown[]; errors: { code: string; row?: number | null }[] };
}

/** What a not-applicable case must still end in: rows refused, an error code, or a plain read. */
type Fallback = 'rejects' | 'read' | { error: string };

const ragged: [string, Fallback] = [
  'without a header Papa accepts rows of any length; Orderlens refuses a row whose field count ' +
    'differs from the first row, with its row number',
  'rejects',
];

/**
 * PapaParse cases that test something Orderlens deliberately does otherwise. Each is still read
 * and must end in the outcome given here; only Papa's values go unchecked. Cases whose config held
 * a function are not applicable too: the JSON export dropped the function.
 */
const papaNotApplicable: Record<string, [reason: string, outcome: Fallback]> = {
  'Quoted field with whitespace around quotes': [
    'DuckDB reads `, "B" ,` as the quoted value B (padding around quotes dropped); Papa keeps ' +
      '` "B" ` with its quotes. Neither is RFC 4180; Papa itself drops spaces after a closing quote',
    'read',
  ],
  'Input is just empty fields': [
    'DuckDB accepts empty fields beyond the header count (trailing delimiters carry no data), so ' +
      '`,,,` reads as three empty fields where Papa keeps four',
    'read',
  ],
  'Bad comments value specified': ragged,
  'Preview should count rows, not lines': ragged,
  'Blank line in middle with whitespace': ragged,
  'Skip empty lines, with first line only whitespace': ragged,
  'Mixed slash n and slash r should choose first as precident': [
    'Papa keeps a bare \\r inside a \\n file as data; DuckDB strict mode refuses line endings ' +
      'mixed outside quotes, and Orderlens says so, naming the line',
    { error: 'mixed_line_endings' },
  ],
  'Multi-character comment string': [
    "DuckDB's comment marker is one character; a longer one is refused as configured",
    { error: 'invalid_dialect' },
  ],
  'Fast mode with comments': [
    "DuckDB's comment marker is one character; a longer one is refused as configured",
    { error: 'invalid_dialect' },
  ],
  'Bad delimiter (\\n)': [
    'Papa ignores a line break as delimiter and guesses; Orderlens refuses the setting rather ' +
      'than silently overriding a mapping',
    { error: 'invalid_dialect' },
  ],
  'Custom escape character not used for escaping': [
    'with backslash as escape DuckDB drops it before an ordinary character (c\\d → cd); Papa ' +
      'keeps it. Orderlens uses a backslash escape only where the sniffer finds one',
    'read',
  ],
  "Parsing with skipEmptyLines set to 'greedy'": [
    'Orderlens keeps a row whose fields are all blank (validation then reports its missing ' +
      'fields); greedy skipping would drop it silently',
    'read',
  ],
  "Parsing with skipEmptyLines set to 'greedy' with quotes and delimiters as content": [
    'as above: rows of blank fields are kept, not silently dropped',
    'read',
  ],
};

/**
 * Duplicate headers are renamed by Orderlens's own deterministic rule (A, A_2, A_3 — the first
 * keeps its name, the next are numbered from 2, ignoring case); Papa numbers from _1. The values
 * must still match exactly.
 */
const ownHeaderNames: Record<string, string[]> = {
  'Simple duplicated header names': ['A', 'A_2', 'A_3', 'A_4'],
  'Duplicate header names with __proto__ field': ['__proto__', '__proto___2', '__proto___3'],
};

function notApplicable(c: PapaCase): [string, Fallback] | undefined {
  if (c.config_had_functions) {
    return [
      'its config held a function (transform, dynamicTyping, delimiter) lost in JSON',
      'read',
    ];
  }
  return papaNotApplicable[c.description];
}

/** Papa's config as our reader's overrides; Papa never skips lines it is not told to. */
function papaOverrides(config: PapaConfig): DialectOverrides {
  const quote = config.quoteChar ?? '"';
  const comment = config.comments === true ? '#' : config.comments;
  return {
    header: config.header === true,
    delimiter: config.delimiter,
    quote,
    escape: config.escapeChar ?? quote,
    skipRows: Math.max(0, config.skipFirstNLines ?? 0),
    comment: typeof comment === 'string' ? comment : undefined,
  };
}

/**
 * Options with no override of ours are supported where they change nothing Orderlens reads
 * differently; anything else must be listed as not applicable.
 */
function unsupportedOptions(c: PapaCase): string[] {
  const { newline, fastMode, skipEmptyLines, comments } = c.config;
  const unsupported: string[] = [];
  // Papa's newline option only confirms what it would guess: the first line break outside quotes.
  const guessed = scanLineBreaks(c.input, c.config.quoteChar ?? '"', '"').record;
  if (newline !== undefined && newline !== guessed) unsupported.push('newline');
  // Fast mode only turns quote handling off; it changes nothing for input without quotes.
  if (fastMode && c.input.includes(c.config.quoteChar ?? '"')) unsupported.push('fastMode');
  // Blank lines are skipped anyway (several columns); greedy skipping is not.
  if (skipEmptyLines === 'greedy') unsupported.push('skipEmptyLines');
  if (comments !== undefined && typeof comments !== 'boolean' && typeof comments !== 'string') {
    unsupported.push('comments');
  }
  return unsupported;
}

const papaCases: PapaCase[] = existsSync(papaFile)
  ? (() => {
      const all = JSON.parse(readFileSync(papaFile, 'utf-8')) as Record<string, PapaCase[]>;
      return [...(all.CORE_PARSER_TESTS ?? []), ...(all.PARSE_TESTS ?? [])];
    })()
  : [];

describe.skipIf(!available(papaFile))('PapaParse parse cases', () => {
  let db: Database;
  const tally = { matched: 0, errors: 0, notApplicable: 0 };
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(() => {
    console.info(
      `[conformance] PapaParse: ${tally.matched} matched, ${tally.errors} errors-reported, ` +
        `${tally.notApplicable} not applicable (of ${papaCases.length})`,
    );
  });

  it('names only existing cases in its tables', () => {
    const descriptions = new Set(papaCases.map((c) => c.description));
    const named = [...Object.keys(papaNotApplicable), ...Object.keys(ownHeaderNames)];
    expect(named.filter((d) => !descriptions.has(d))).toEqual([]);
  });

  it.each(papaCases.map((c, i) => [i, c.description, c] as const))('%i %s', async (i, _, c) => {
    const file = path.join(tmp, `papa-${i}.csv`);
    await writeFile(file, c.input);
    const outcome = await readThrough(db, file, papaOverrides(c.config));
    if (process.env.CONFORMANCE_DEBUG) {
      console.info(i, c.description, '→', describeOutcome(outcome));
    }
    if ('error' in outcome) expectClearError(outcome.error, file);
    const skip = notApplicable(c);
    if (skip) {
      expectFallback(skip[1], outcome);
      tally.notApplicable++;
    } else if (c.expected.errors.length > 0) {
      expectPapaErrorOutcome(c, outcome);
      tally.errors++;
    } else {
      expect(unsupportedOptions(c)).toEqual([]);
      expectPapaData(c, outcome);
      tally.matched++;
    }
  });
});

function expectFallback(fallback: Fallback, outcome: Outcome) {
  if (fallback === 'read' || fallback === 'rejects') {
    if ('error' in outcome) throw new Error(describeOutcome(outcome));
    if (fallback === 'rejects') expect(outcome.read.rejects.length).toBeGreaterThan(0);
  } else {
    expect('error' in outcome && outcome.error.code, describeOutcome(outcome)).toBe(fallback.error);
  }
}

/** Papa's expected rows in our shape: arrays in header order, blank lines as Orderlens reads them. */
function papaExpectedRows(c: PapaCase, headers: string[]): unknown[][] {
  const { data } = c.expected;
  let rows: unknown[][];
  if (c.config.header === true && Array.isArray(data[0])) {
    // The duplicate-header cases export [headers, ...rows] rather than objects.
    expect(headers).toEqual(ownHeaderNames[c.description] ?? data[0]);
    rows = data.slice(1) as unknown[][];
  } else if (c.config.header === true) {
    rows = (data as Record<string, unknown>[]).map((row) => {
      expect(Object.keys(row)).toEqual(headers);
      return headers.map((h) => row[h]);
    });
  } else {
    rows = data as unknown[][];
  }
  // A final line break ends the last record (RFC 4180); Papa reports a row with one empty field.
  if (/[\r\n]$/.test(c.input) && isBlankRow(rows.at(-1))) rows = rows.slice(0, -1);
  // With several columns a blank line is no record (DuckDB skips it); with one it is an empty value.
  if (headers.length !== 1) rows = rows.filter((row) => !isBlankRow(row));
  return preview(c, rows);
}

function preview<T>(c: PapaCase, rows: T[]): T[] {
  const n = c.config.preview ?? 0;
  return n > 0 ? rows.slice(0, n) : rows;
}

function isBlankRow(row: unknown[] | undefined): boolean {
  return row !== undefined && row.length === 1 && (row[0] === '' || row[0] === null);
}

/** Our text read the way Papa's dynamicTyping would type it, so the two can be compared. */
function typedLike(text: string, expected: unknown): unknown {
  if (typeof expected === 'number') return text.trim() === '' ? text : Number(text);
  if (typeof expected === 'boolean') {
    return /^(true|false)$/i.test(text) ? /^true$/i.test(text) : text;
  }
  if (expected === null) return text === '' ? null : text;
  return text;
}

function expectPapaData(c: PapaCase, outcome: Outcome) {
  if ('error' in outcome) {
    // Nothing to read is refused with a clear error rather than loaded as zero rows.
    expect(papaExpectedRows(c, []), describeOutcome(outcome)).toEqual([]);
    expect(['empty_file', 'no_rows']).toContain(outcome.error.code);
    return;
  }
  const { read } = outcome;
  expect(read.rejects, describeOutcome(outcome)).toEqual([]);
  const expected = papaExpectedRows(c, read.headers);
  const ours = preview(c, read.rows);
  const typed = c.config.dynamicTyping
    ? ours.map((row, r) => row.map((v, k) => typedLike(v, expected[r]?.[k])))
    : ours;
  expect(typed).toEqual(expected);
}

/**
 * Papa reported a problem: we must end clearly — the row refused with its number, or an error fit
 * to show. UndetectableDelimiter is only Papa's warning that it fell back to commas.
 */
function expectPapaErrorOutcome(c: PapaCase, outcome: Outcome) {
  if (c.expected.errors.every((e) => e.code === 'UndetectableDelimiter')) {
    expectPapaData(c, outcome);
    return;
  }
  if ('error' in outcome) return;
  const rejected = outcome.read.rejects.map((r) => r.row);
  expect(rejected.length, describeOutcome(outcome)).toBeGreaterThan(0);
  for (const error of c.expected.errors) {
    if (typeof error.row === 'number') expect(rejected).toContain(error.row + 1);
  }
}

/** Every regular file below dir (symbolic links are not followed: the suite has a loop). */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return entry.isFile() ? [full] : [];
    })
    .sort();
}

const PER_FILE_MS = 10_000;
const PER_DATABASE = 50;

type Timed = Outcome | { hang: true };

async function withinTime(work: Promise<Outcome>): Promise<Timed> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Timed>((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), PER_FILE_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const duckdbFiles = existsSync(duckdbDir) ? listFiles(duckdbDir) : [];
/** One in-memory database per batch keeps the sweep fast without letting state pile up. */
const batches = Array.from({ length: Math.ceil(duckdbFiles.length / PER_DATABASE) }, (_, i) => {
  const files = duckdbFiles.slice(i * PER_DATABASE, (i + 1) * PER_DATABASE);
  return { range: `${i * PER_DATABASE + 1}–${i * PER_DATABASE + files.length}`, files };
});

describe.skipIf(!available(duckdbDir))('DuckDB CSV test files: a load or a clear error', () => {
  const outcomes = new Map<string, number>();
  const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  afterAll(() => {
    const summary = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
    console.info(`[conformance] DuckDB CSV files (${duckdbFiles.length}): ${summary.join(', ')}`);
  });

  it.each(batches)(
    'files $range',
    async ({ files }) => {
      let db = await openMemoryDatabase();
      const problems: string[] = [];
      for (const file of files) {
        const name = path.relative(duckdbDir, file);
        const outcome = await withinTime(readThrough(db, file, {}, false));
        if (process.env.CONFORMANCE_DEBUG) {
          console.info(name, '→', 'hang' in outcome ? 'hang' : describeOutcome(outcome));
        }
        if ('hang' in outcome) {
          problems.push(`${name}: no outcome within ${PER_FILE_MS / 1000} s`);
          db = await openMemoryDatabase(); // the old one may still be busy
        } else if ('error' in outcome) {
          count(`error:${outcome.error.code}`);
          const unclear = unclearError(outcome.error, file);
          if (unclear) problems.push(`${name}: ${unclear}`);
        } else {
          count(outcome.read.rejects.length > 0 ? 'loaded with rejected rows' : 'loaded');
          if (outcome.read.rejects.some((r) => r.row < 1)) problems.push(`${name}: reject row < 1`);
        }
      }
      db.close();
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it('ends in a specific outcome: no generic "failed unexpectedly"', () => {
    expect(outcomes.get('error:internal') ?? 0).toBe(0);
  });
});
