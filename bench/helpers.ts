/**
 * Shared helpers of the benchmarks (run with tsx, outside Next): timing, resident memory read from
 * /proc, machine facts, and the JSON result files under bench/results/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const rootDir = path.resolve(benchDir, '..');
export const cacheDir = path.join(benchDir, '.cache');
export const resultsDir = path.join(benchDir, 'results');

let scratchFiles = 0;
/** A database file name of its own under the cache, for one run (none is created here). */
export const scratchDatabaseFile = (prefix: string) =>
  path.join(cacheDir, `${prefix}-${process.pid}-${scratchFiles++}.duckdb`);

/** Remove a database file, its write-ahead log and the copy of its audit chain's head. */
export function removeDatabaseFile(file: string): void {
  for (const f of [file, `${file}.wal`, `${file}.audit-head`]) rmSync(f, { force: true });
}

/** Options every benchmark takes from the runner (argv of the child process). */
export interface BenchArgs {
  quick: boolean;
  /** Order-line counts to measure, e.g. [1_000_000, 10_000_000]. */
  sizes: number[];
  seed: number;
}

/** --quick, --sizes 1M,10M, --seed N. */
export function parseBenchArgs(argv = process.argv.slice(2)): BenchArgs {
  const quick = argv.includes('--quick');
  const sizesAt = argv.indexOf('--sizes');
  const seedAt = argv.indexOf('--seed');
  const sizes =
    sizesAt >= 0 ? parseSizes(argv[sizesAt + 1] ?? '') : quick ? [100_000] : [1_000_000];
  return { quick, sizes, seed: seedAt >= 0 ? Number(argv[seedAt + 1]) : 1 };
}

/** '100k,1M,10M' → [100000, 1000000, 10000000]. */
export function parseSizes(text: string): number[] {
  return text.split(',').map((part) => {
    const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(part.trim());
    if (!match) throw new Error(`not a size: ${part}`);
    const unit = { k: 1e3, m: 1e6, '': 1 }[match[2]!.toLowerCase()] ?? 1;
    return Math.round(Number(match[1]) * unit);
  });
}

/** 1000000 → '1M'. */
export function sizeLabel(lines: number): string {
  if (lines >= 1e6 && lines % 1e5 === 0) return `${lines / 1e6}M`;
  if (lines >= 1e3 && lines % 1e3 === 0) return `${lines / 1e3}k`;
  return String(lines);
}

/** Wall time (ms) of a whole node process, run from the repository root, and its stdout. */
export function wholeProcess(argv: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const child = spawnSync(process.execPath, argv, { cwd: rootDir, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`${argv.join(' ')}: ${child.stderr.toString()}${child.stdout.toString()}`);
  return { ms, stdout: child.stdout.toString() };
}

/** Run fn once and return its value and wall time in milliseconds. */
export async function time<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Resident memory of a process and all its descendants, in bytes, from /proc. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf-8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const visit = (p: number) => {
    total += processRss(p);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return total;
}

function processRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf-8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sample the resident memory of a process tree every intervalMs; stop() returns the peak. */
export function sampleRss(pid: number, intervalMs = 100) {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      return peak;
    },
  };
}

/** The machine a result came from. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    duckdb: duckdbVersion(),
    gitCommit: startCommit,
    date: new Date().toISOString(),
  };
}

function duckdbVersion(): string {
  try {
    const pkg = path.join(rootDir, 'node_modules', '@duckdb', 'node-api', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf-8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The commit when this process started (the code it runs), not when it wrote its result. */
const startCommit = gitCommit();

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Write bench/results/<name>.json with the machine facts, and print it. */
export function writeResult(name: string, args: BenchArgs, results: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}${args.quick ? '.quick' : ''}.json`);
  const body = { benchmark: name, quick: args.quick, machine: machineInfo(), results };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`[bench] ${name}: wrote ${path.relative(rootDir, file)}`);
  return file;
}

/** Print rows as an aligned table of the given columns (default: all of the first row's). */
export function printTable(rows: Record<string, unknown>[], columns?: string[]): void {
  if (rows.length === 0) return;
  const keys = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => keys.map((k) => String(r[k] ?? '')));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => c[i]!.length)));
  console.log(keys.map((k, i) => k.padEnd(widths[i]!)).join('  '));
  for (const c of cells) console.log(c.map((v, i) => v.padEnd(widths[i]!)).join('  '));
}
