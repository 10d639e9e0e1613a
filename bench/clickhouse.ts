/**
 * Loads into the two-shard ClickHouse cluster (issue 18) against the embedded engine, in the same
 * run, as a user runs them: whole processes of `orderlens ingest` of the four generated extracts
 * (orders, lines, shipments, returns) into a fresh embedded database, then the same four with
 * `--engine` into a fresh ClickHouse database on the local cluster (scripts/clickhouse-cluster.sh,
 * both shards on this machine). The raw baseline: ClickHouse's own insert of the same CSV files
 * (`INSERT INTO <table>_local … FORMAT CSVWithNames` over HTTP, into a plain MergeTree on one
 * server, no validation, no natural key, no staging).
 *   npx tsx --conditions=react-server bench/clickhouse.ts [--quick] [--sizes 1M,10M]
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseEngineUrl, type ClickHouseEngine } from '@/lib/clickhouse/engine-url';
import {
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  rootDir,
  round,
  scratchDatabaseFile,
  sizeLabel,
  wholeProcess,
  writeResult,
} from './helpers';
import { ensureExtracts, extractTables } from './inputs';

const args = parseBenchArgs();
const bin = path.join(rootDir, 'bin', 'orderlens.mjs');
const script = path.join(rootDir, 'scripts', 'clickhouse-cluster.sh');

function cluster(command: 'start' | 'stop', stateDir: string): string {
  const run = spawnSync('bash', [script, command], {
    env: { ...process.env, ORDERLENS_CLICKHOUSE_DIR: stateDir },
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`cluster ${command}: ${run.stderr.toString()}`);
  return run.stdout.toString().trimEnd().split('\n').at(-1) ?? '';
}

/** The engine URL with another database: each measured engine run starts from an empty one. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function chRequest(engine: ClickHouseEngine, query: string, body?: Readable | string) {
  const url = new URL('/', engine.httpUrl);
  url.searchParams.set('query', query);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-ClickHouse-User': engine.user, 'X-ClickHouse-Key': engine.password },
    body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : (body ?? ''),
    // Node's fetch streams a request body only in half-duplex mode.
    ...(body instanceof Readable ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${text.slice(0, 3000)}`);
  return text;
}

/** ClickHouse's own insert of the CSV files, the four tables, into MergeTree tables of one server. */
async function rawInsert(engine: ClickHouseEngine, files: Record<string, string>) {
  const db = 'bench_raw';
  await chRequest(engine, `DROP DATABASE IF EXISTS ${db}`);
  await chRequest(engine, `CREATE DATABASE ${db}`);
  let ms = 0;
  for (const table of extractTables) {
    // The columns as the schema types them, copied from Orderlens' own tables on this server.
    // The file's columns (the generator writes the canonical fields in the schema's order), typed as
    // Orderlens' own tables on this server type them; 18.16 maps CSV columns by position only.
    const header = (await readFirstLine(files[table]!)).split(',').join(', ');
    const source = `${engine.database}.${table}_local`;
    await chRequest(
      engine,
      `CREATE TABLE ${db}.${table} ENGINE = MergeTree ORDER BY tuple() AS SELECT ${header} FROM ${source} LIMIT 0`,
    );
    const tsv = await ensureTsv(files[table]!);
    const started = performance.now();
    await chRequest(
      engine,
      `INSERT INTO ${db}.${table} FORMAT TabSeparated`,
      createReadStream(tsv),
    );
    ms += performance.now() - started;
  }
  await chRequest(engine, `DROP DATABASE ${db}`);
  return ms;
}

/**
 * The CSV as ClickHouse 18.16 reads it (not timed): tab-separated, without the header, an empty
 * field as \N (18.16 reads an empty CSV field of a Nullable DateTime as the start of a value),
 * true/false as 1/0.
 * The generated extracts hold no quotes, commas or tabs inside a field (checked).
 */
async function ensureTsv(csv: string): Promise<string> {
  const tsv = `${csv}.ch.tsv`;
  if (existsSync(tsv)) return tsv;
  const out = createWriteStream(`${tsv}.partial`);
  let first = true;
  for await (const line of createInterface({ input: createReadStream(csv) })) {
    if (first) {
      first = false;
      continue;
    }
    if (line.includes('"') || line.includes('\t')) throw new Error(`${csv}: a quoted field`);
    if (
      !out.write(
        `${line
          .split(',')
          .map((f) => (f === '' ? '\\N' : f === 'true' ? '1' : f === 'false' ? '0' : f))
          .join('\t')}\n`,
      )
    )
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve());
  });
  renameSync(`${tsv}.partial`, tsv);
  return tsv;
}

async function readFirstLine(file: string): Promise<string> {
  const stream = createReadStream(file, { end: 64 * 1024 });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  stream.destroy();
  return text.split('\n')[0]!.trim();
}

/** The four extracts, in order, by `orderlens ingest` as whole processes; the total and each. */
function ingestAll(files: Record<string, string>, db: string, engineUrl?: string) {
  const each: Record<string, number> = {};
  let rows = 0;
  for (const table of extractTables) {
    const argv = [bin, 'ingest', files[table]!, '--table', table, '--db', db, '--json'];
    if (engineUrl) argv.push('--engine', engineUrl);
    const { ms, stdout } = wholeProcess(argv);
    const report = JSON.parse(stdout) as { status: string; rowsRead: number; message: string };
    if (report.status !== 'loaded') throw new Error(`${table}: ${report.message}`);
    each[table] = round(ms / 1000);
    rows += report.rowsRead;
  }
  const seconds = Object.values(each).reduce((a, b) => a + b, 0);
  return { seconds: round(seconds), rows, each };
}

async function measure(lines: number, url: string) {
  const extracts = ensureExtracts(lines, args.seed, 'csv');
  const files = Object.fromEntries(extractTables.map((t) => [t, extracts.file(t)]));
  const bytes = extractTables.reduce((n, t) => n + statSync(files[t]!).size, 0);
  const embeddedDb = scratchDatabaseFile('ch-embedded');
  const embedded = ingestAll(files, embeddedDb);
  removeDatabaseFile(embeddedDb);
  const database = `bench_${sizeLabel(lines).toLowerCase()}_${Date.now()}`;
  const clusterUrl = withDatabase(url, database);
  const ledgerDb = scratchDatabaseFile('ch-ledger');
  const onCluster = ingestAll(files, ledgerDb, clusterUrl);
  removeDatabaseFile(ledgerDb);
  const engine = parseEngineUrl(clusterUrl) as ClickHouseEngine;
  const rawMs = await rawInsert(engine, files);
  for (const shard of engine.shards ?? [])
    await chRequest(
      { ...engine, httpUrl: shard, password: engine.password },
      `DROP DATABASE IF EXISTS ${database}`,
    );
  return {
    lines: sizeLabel(lines),
    rows: onCluster.rows,
    megabytes: round(bytes / 1e6, 1),
    embeddedSeconds: embedded.seconds,
    clusterSeconds: onCluster.seconds,
    clusterVsEmbedded: round(embedded.seconds / onCluster.seconds),
    rawClickhouseSeconds: round(rawMs / 1000),
    clusterVsRaw: round(rawMs / 1000 / onCluster.seconds),
    clusterRowsPerSecond: Math.round(onCluster.rows / onCluster.seconds),
    embeddedEach: embedded.each,
    clusterEach: onCluster.each,
  };
}

async function main() {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-bench-clickhouse-'));
  const results = [];
  try {
    const url = cluster('start', stateDir);
    for (const lines of args.sizes) results.push(await measure(lines, url));
  } finally {
    cluster('stop', stateDir);
    rmSync(stateDir, { recursive: true, force: true });
  }
  printTable(results, [
    'lines',
    'rows',
    'megabytes',
    'embeddedSeconds',
    'clusterSeconds',
    'clusterVsEmbedded',
    'rawClickhouseSeconds',
    'clusterVsRaw',
    'clusterRowsPerSecond',
  ]);
  for (const r of results)
    console.log(
      `${r.lines}: per file, embedded ${JSON.stringify(r.embeddedEach)}, cluster ${JSON.stringify(r.clusterEach)}`,
    );
  writeResult('clickhouse', args, {
    results,
    notes: [
      'Both shards and the embedded engine share one 2-core machine: the cluster gains no CPU from its second shard here.',
      'Ratios above 1 favour the cluster; below 1 the embedded engine (or the raw insert) is faster.',
    ],
  });
}

await main();
