/**
 * npm run bench [-- --quick] [-- --sizes 1M,10M] [-- --scale] [-- --only ingest,catalogue]
 * Runs each benchmark in its own process (a clean heap and a cold DuckDB), in order; each prints
 * its figures with a ratio against a baseline measured in the same run and writes
 * bench/results/<name>.json. --quick: 100k lines, short load test, a 10 MB upload (a smoke check).
 * --scale adds the 50M-line run under a 4 GB memory limit (tens of minutes).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { benchDir, printTable, round } from './helpers';

const argv = process.argv.slice(2);
const value = (flag: string) => {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
};
const quick = argv.includes('--quick');
const seed = value('--seed') ?? '1';
const sizes = value('--sizes') ?? (quick ? '100k' : '1M,10M');
const benches: { name: string; args: string[] }[] = [
  { name: 'ingest', args: ['--sizes', sizes] },
  { name: 'catalogue', args: ['--sizes', sizes] },
  { name: 'upload-http', args: [] },
  { name: 'dashboard', args: ['--sizes', quick ? '100k' : '1M'] },
  { name: 'inbox', args: ['--sizes', quick ? '100k' : '1M'] },
  { name: 'explorer', args: ['--sizes', quick ? '100k' : '1M'] },
  { name: 'identity', args: ['--sizes', quick ? '100k' : '1M'] },
  { name: 'cli', args: [] },
  { name: 'clickhouse', args: ['--sizes', quick ? '100k' : '1M'] },
];
if (argv.includes('--scale'))
  benches.push({ name: 'scale', args: ['--sizes', value('--scale-size') ?? '50M'] });
const only = value('--only')?.split(',');

const summary = [];
for (const bench of benches.filter((b) => !only || only.includes(b.name))) {
  console.log(`\n== ${bench.name}`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      path.join(benchDir, `${bench.name}.ts`),
      ...bench.args,
      '--seed',
      seed,
      ...(quick ? ['--quick'] : []),
    ],
    { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1' } },
  );
  summary.push({
    benchmark: bench.name,
    status: run.status === 0 ? 'ok' : `failed (${run.status ?? run.signal})`,
    seconds: round((performance.now() - started) / 1000, 1),
  });
}
console.log('');
printTable(summary);
process.exitCode = summary.every((s) => s.status === 'ok') ? 0 : 1;
