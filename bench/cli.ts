/**
 * CLI start: whole processes of `orderlens --help` and `orderlens loads` on an empty database (the
 * command as shipped: JavaScript built by scripts/build-cli.mjs), against `node -e 0` in the same
 * run, and the same two commands compiled from TypeScript at start (tsx, as before the build).
 * Each figure is the median of RUNS starts.
 *   npx tsx --conditions=react-server bench/cli.ts [--quick]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  rootDir,
  round,
  scratchDatabaseFile,
  writeResult,
} from './helpers';

const args = parseBenchArgs();
const RUNS = args.quick ? 5 : 15;
const bin = path.join(rootDir, 'bin', 'orderlens.mjs');

/** Median wall time (ms) of RUNS whole processes; the first, which may build, is not counted. */
function medianStart(argv: string[], env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, argv, {
      cwd: rootDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (child.status !== 0) throw new Error(`${argv.join(' ')}: ${child.stderr.toString()}`);
    if (run > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const db = scratchDatabaseFile('cli');
const baseline = medianStart(['-e', '0']);
const rows = [
  { command: '--help', argv: [bin, '--help'] },
  { command: 'loads (empty database)', argv: [bin, 'loads', '--db', db] },
].map(({ command, argv }) => {
  const built = medianStart(argv);
  const fromSource = medianStart(argv, { ORDERLENS_CLI_FROM_SOURCE: '1' });
  return {
    command,
    nodeMs: round(baseline, 0),
    builtMs: round(built, 0),
    ratio: round(built / baseline),
    fromSourceMs: round(fromSource, 0),
    speedup: round(fromSource / built),
  };
});
removeDatabaseFile(db);

printTable(rows);
console.log(
  'ratio: the built command ÷ `node -e 0` (goal ≤ 5); speedup: compiled from TypeScript at start ÷ built.',
);
writeResult('cli', args, rows);
