/**
 * Results identical across the fast paths of issue 17 ("Results are identical before and after
 * every change: EXCEPT ALL both ways on the facts and tables, at 1M lines"). Two fresh database
 * files get the same four extracts, then the same replacing load of the order lines (one line in
 * ten changed):
 * - A as the app runs: the fast load allowed, the KPI engine attached from the start, so every load
 *   (the replacing one included) rebuilds the facts of the orders it touched only;
 * - B the slow way: every load on the full path (`fastLoad: false`), without the engine, and the
 *   facts built for every order once the loads are done.
 * Then every canonical table, its history, the ledger, the provenance and the fact tables of A and
 * B are compared with EXCEPT ALL both ways. Exit code 1 on any difference, or when A's loads did not
 * take the fast path or its facts were not rebuilt for the touched orders.
 *   npx tsx --conditions=react-server bench/identity.ts [--quick] [--sizes 1M]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { closeDatabase, openDatabase, type Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { loadPathOf } from '@/lib/ingest/load/load-report';
import { lastFactsBuild } from '@/lib/kpi/facts';
import { canonicalTables } from '@/lib/model/canonical';
import { engine } from '@/runtime/engine';
import { openServedDatabase } from '@/runtime/open';
import {
  cacheDir,
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  round,
  scratchDatabaseFile,
  sizeLabel,
  time,
  writeResult,
} from './helpers';
import { ensureChangedLines, ensureExtracts, extractTables, type ExtractTable } from './inputs';

/**
 * Columns left out of the comparison, by table: they record when something happened, so two loads
 * of the same file a minute apart differ there whatever path they took. Every other column is
 * compared, the ledger's mapping, message, counts and content hash included (the paths must
 * record the same load), and its audit_head (no audit event is written here: NULL on both sides).
 */
const WALL_CLOCK: Partial<Record<string, string[]>> = {
  loads: ['started_at', 'finished_at', 'undone_at'],
};

/** The tables compared: the data, its history, the ledger and provenance, the KPI facts. */
const comparedTables = () => [
  ...canonicalTables,
  ...canonicalTables.map((t) => `${t}_history`),
  'loads',
  'load_fields',
  ...engine.catalogue.facts.map((f) => f.name),
];

interface LoadStep {
  db: 'A' | 'B';
  file: string;
  table: ExtractTable;
  path: 'fast' | 'full';
  inserted: number;
  updated: number;
  unchanged: number;
  facts: string;
  seconds: number;
}

/** Load one extract, recording the path it took and how the facts followed (if served). */
async function load(
  db: Database,
  name: 'A' | 'B',
  file: string,
  table: ExtractTable,
  fastLoad: boolean,
): Promise<LoadStep> {
  const { value: report, ms } = await time(() =>
    loadExtract(db, { file, table, tmpDir: cacheDir, ...(fastLoad ? {} : { fastLoad: false }) }),
  );
  if (report.status !== 'loaded') throw new Error(`${name} ${table}: ${report.message}`);
  return {
    db: name,
    file: file.slice(file.lastIndexOf('/') + 1),
    table,
    path: loadPathOf(report),
    inserted: report.rowsInserted,
    updated: report.rowsUpdated,
    unchanged: report.rowsUnchanged,
    facts: lastFactsBuild(db) ?? 'none',
    seconds: round(ms / 1000),
  };
}

/** The four extracts, then the replacing load of the order lines, into a fresh database file. */
async function build(name: 'A' | 'B', dbFile: string, lines: number, seed: number) {
  const { file } = ensureExtracts(lines, seed);
  const changed = await ensureChangedLines(lines, seed, 'csv');
  const fast = name === 'A';
  const options = { memoryLimit: '4GB' };
  const db = fast ? await openServedDatabase(dbFile, options) : await openDatabase(dbFile, options);
  const steps: LoadStep[] = [];
  for (const table of extractTables) steps.push(await load(db, name, file(table), table, fast));
  steps.push(await load(db, name, changed, 'order_lines', fast));
  if (!fast) {
    // Every order's facts, built once over the final data (the writer's build at start-up).
    const { ms } = await time(() => engine.attach(db));
    steps.at(-1)!.facts = `${lastFactsBuild(db)} after the loads (${round(ms / 1000)} s)`;
  }
  await db.run('CHECKPOINT');
  await closeDatabase(db);
  return steps;
}

interface Compared {
  table: string;
  rowsA: number;
  rowsB: number;
  aMinusB: number;
  bMinusA: number;
  excluded: string[];
  /** A few rows of each direction, when there is a difference. */
  examples?: { aMinusB: unknown[]; bMinusA: unknown[] };
  columnsDiffer?: { a: string[]; b: string[] };
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

async function rows(connection: Connection, sql: string, params: string[] = []) {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
}

async function columnsOf(connection: Connection, catalog: 'a' | 'b', table: string) {
  const found = await rows(
    connection,
    `SELECT column_name FROM duckdb_columns()
      WHERE database_name = $1 AND schema_name = 'main' AND table_name = $2 ORDER BY column_index`,
    [catalog, table],
  );
  return found.map((r) => String(r.column_name));
}

/** One table of A against B: EXCEPT ALL both ways over every column but the wall-clock ones. */
async function compareTable(connection: Connection, table: string): Promise<Compared> {
  const excluded = WALL_CLOCK[table] ?? [];
  const [inA, inB] = [
    await columnsOf(connection, 'a', table),
    await columnsOf(connection, 'b', table),
  ];
  const columns = inA.filter((c) => !excluded.includes(c));
  const list = columns.map(quoteIdent).join(', ');
  const from = (catalog: 'a' | 'b') => `${catalog}.main.${quoteIdent(table)}`;
  const minus = (x: 'a' | 'b', y: 'a' | 'b') =>
    `SELECT ${list} FROM ${from(x)} EXCEPT ALL SELECT ${list} FROM ${from(y)}`;
  const [counts] = await rows(
    connection,
    `SELECT (SELECT count(*) FROM ${from('a')}) AS "rowsA",
            (SELECT count(*) FROM ${from('b')}) AS "rowsB",
            (SELECT count(*) FROM (${minus('a', 'b')})) AS "aMinusB",
            (SELECT count(*) FROM (${minus('b', 'a')})) AS "bMinusA"`,
  );
  const result: Compared = {
    table,
    rowsA: Number(counts!.rowsA),
    rowsB: Number(counts!.rowsB),
    aMinusB: Number(counts!.aMinusB),
    bMinusA: Number(counts!.bMinusA),
    excluded,
  };
  if (inA.join() !== inB.join()) result.columnsDiffer = { a: inA, b: inB };
  if (result.aMinusB + result.bMinusA > 0) {
    // Sorted by every column, so the examples of both directions line up by key.
    const sample = (x: 'a' | 'b', y: 'a' | 'b') =>
      rows(connection, `SELECT * FROM (${minus(x, y)}) ORDER BY ALL LIMIT 5`);
    result.examples = { aMinusB: await sample('a', 'b'), bMinusA: await sample('b', 'a') };
  }
  return result;
}

/** Both files attached read-only to a fresh in-memory instance: nothing can change either. */
async function compare(fileA: string, fileB: string): Promise<Compared[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH ${quoteLiteral(fileA)} AS a (READ_ONLY)`);
    await connection.run(`ATTACH ${quoteLiteral(fileB)} AS b (READ_ONLY)`);
    const compared: Compared[] = [];
    for (const table of comparedTables()) compared.push(await compareTable(connection, table));
    return compared;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Why the run fails: differences, or A not having taken the paths it is meant to check. */
function failures(steps: LoadStep[], compared: Compared[]): string[] {
  const out: string[] = [];
  for (const c of compared) {
    if (c.aMinusB + c.bMinusA > 0)
      out.push(`${c.table}: ${c.aMinusB} rows only in A, ${c.bMinusA} only in B`);
    if (c.columnsDiffer) out.push(`${c.table}: the columns differ`);
  }
  const a = steps.filter((s) => s.db === 'A');
  const replacing = a.at(-1)!;
  if (replacing.path !== 'fast') out.push('A: the replacing load did not take the fast path');
  if (replacing.facts !== 'orders')
    out.push(`A: the replacing load rebuilt the facts as '${replacing.facts}', not for its orders`);
  const firstFull = a.slice(0, -1).filter((s) => s.path !== 'fast');
  if (firstFull.length)
    out.push(`A: first loads on the full path: ${firstFull.map((s) => s.table).join(', ')}`);
  if (steps.some((s) => s.db === 'B' && s.path !== 'full'))
    out.push('B: a load took the fast path');
  return out;
}

const args = parseBenchArgs();
const results = [];
let failed = false;
for (const lines of args.sizes) {
  const fileA = scratchDatabaseFile('identity-a');
  const fileB = scratchDatabaseFile('identity-b');
  try {
    const steps = [
      ...(await build('A', fileA, lines, args.seed)),
      ...(await build('B', fileB, lines, args.seed)),
    ];
    const { value: compared, ms } = await time(() => compare(fileA, fileB));
    console.log(`\n[bench] identity ${sizeLabel(lines)}: loads`);
    printTable(steps as unknown as Record<string, unknown>[]);
    console.log(`\n[bench] identity ${sizeLabel(lines)}: A (fast, incremental) against B (full)`);
    printTable(
      compared.map((c) => ({
        table: c.table,
        'rows A': c.rowsA,
        'rows B': c.rowsB,
        'A−B': c.aMinusB,
        'B−A': c.bMinusA,
        excluded: c.excluded.join(', '),
      })),
    );
    for (const c of compared.filter((c) => c.examples || c.columnsDiffer))
      console.log(`\n${c.table}:`, JSON.stringify(c.columnsDiffer ?? c.examples, null, 2));
    const why = failures(steps, compared);
    for (const reason of why) console.log(`[bench] identity: FAILED: ${reason}`);
    if (why.length === 0) console.log(`[bench] identity ${sizeLabel(lines)}: identical`);
    failed ||= why.length > 0;
    results.push({
      size: sizeLabel(lines),
      identical: why.length === 0,
      failures: why,
      excludedColumns: WALL_CLOCK,
      compareSeconds: round(ms / 1000),
      loads: steps,
      tables: compared,
    });
  } finally {
    removeDatabaseFile(fileA);
    removeDatabaseFile(fileB);
  }
}
writeResult('identity', args, results);
process.exitCode = failed ? 1 : 0;
