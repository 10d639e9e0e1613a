#!/usr/bin/env node
// npm start: build the app if the sources changed since the last build, then serve it on
// HOST:PORT (default 127.0.0.1:3000) over the embedded DuckDB file.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const stampFile = path.join(root, '.next', 'orderlens-source-stamp');
const SOURCES = [
  'app',
  'lib',
  'metrics',
  'public',
  'data/benchmarks',
  'package-lock.json',
  'next.config.ts',
  'instrumentation.ts',
  'scripts/server.mjs',
  'tsconfig.json',
];

function sourceStamp() {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!existsSync(p)) return;
    const info = statSync(p);
    if (info.isDirectory()) {
      for (const name of readdirSync(p).sort())
        if (name !== 'node_modules') visit(path.join(p, name));
    } else if (!p.endsWith('.test.ts')) {
      hash.update(`${path.relative(root, p)}:${info.size}:${info.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return hash.digest('hex');
}

const stamp = sourceStamp();
const isBuilt = () =>
  existsSync(path.join(root, '.next', 'BUILD_ID')) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf-8') === stamp;

// Two starts at once (browser tests in parallel) must not build into one .next together: the
// first builds under a lock file, the others wait for it and then find the build done.
const lockFile = path.join(root, '.next-build.lock');
function withBuildLock(work) {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = 0;
      try {
        holder = Number(readFileSync(lockFile, 'utf-8') || 0);
      } catch {
        continue; // released meanwhile
      }
      if (holder && !isAlive(holder)) {
        rmSync(lockFile, { force: true }); // left by a build that was killed
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`another build (process ${holder}) is still running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

if (!isBuilt())
  withBuildLock(() => {
    if (isBuilt()) return;
    console.log('[orderlens] building the app (first start or changed sources)…');
    const result = spawnSync(process.execPath, [next, 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    writeFileSync(stampFile, stamp);
  });
if (process.argv.includes('--build-only')) process.exit(0);

const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
console.log(`[orderlens] serving on http://${host.includes(':') ? `[${host}]` : host}:${port}`);
// The front server checks Host, forwarded headers and the script nonce before Next (server.mjs).
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HOST: host, PORT: port, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
