#!/usr/bin/env node
// Build the orderlens command as JavaScript (dist/cli/), so that it starts without compiling
// TypeScript: runtime/cli.ts bundled by esbuild with the project's code only (packages stay
// imports, resolved from node_modules at run time), one chunk per command loaded when it runs.
// Run by `npm ci`/`npm install` (prepare) and by bin/orderlens.mjs when the sources are newer.
import { build } from 'esbuild';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliDir, newestSource, root } from './cli-sources.mjs';

const buildsDir = path.join(cliDir, 'builds');

/** 'server-only' guards React Server Components; the command line is server-side by nature. */
const serverOnlyIsEmpty = {
  name: 'server-only-is-empty',
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * CommonJS packages taken with require() rather than import: Node's ESM import of a CommonJS
 * package first lexes it and every module it re-exports for their names, the largest single cost
 * of `orderlens loads` for DuckDB's client. The names are read here, once, at build time.
 */
const REQUIRED = ['@duckdb/node-api', '@node-rs/argon2'];
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const requireCommonJs = {
  name: 'require-commonjs',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      REQUIRED.includes(args.path) && args.namespace !== 'required'
        ? { path: args.path, namespace: 'required' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => {
      const names = Object.keys(requireFromRoot(args.path)).filter(
        (n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n),
      );
      return {
        contents: `import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)(${JSON.stringify(args.path)});
export default required;
export const { ${names.join(', ')} } = required;`,
        loader: 'js',
      };
    });
  },
};

/**
 * Each build goes to a folder of its own, and current.json names the one to run (written whole,
 * then renamed over the old). A command started on an older build keeps loading its chunks from
 * it; builds retired more than ten minutes ago are removed.
 */
export async function buildCli() {
  const newest = newestSource();
  const name = `${Date.now()}-${process.pid}`;
  const outdir = path.join(buildsDir, name);
  await build({
    absWorkingDir: root,
    entryPoints: { orderlens: 'runtime/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [serverOnlyIsEmpty, requireCommonJs],
    logLevel: 'warning',
  });
  const pointer = path.join(cliDir, `current.${process.pid}.json`);
  writeFileSync(pointer, JSON.stringify({ build: name, newest }));
  renameSync(pointer, path.join(cliDir, 'current.json'));
  removeRetiredBuilds(name);
}

function removeRetiredBuilds(current) {
  const cutoff = Date.now() - 10 * 60_000;
  for (const old of existsSync(buildsDir) ? readdirSync(buildsDir) : []) {
    const dir = path.join(buildsDir, old);
    if (old !== current && statSync(dir).mtimeMs < cutoff)
      rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
