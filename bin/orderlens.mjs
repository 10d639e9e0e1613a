#!/usr/bin/env node
// The orderlens command: the JavaScript built from runtime/cli.ts (scripts/build-cli.mjs, run by
// npm install), so a start compiles nothing. In a checkout being edited, a source newer than the
// build rebuilds it first (about half a second); should that fail (esbuild missing), the
// TypeScript runs through tsx as before. Every path is the package's own, so the command runs
// from any folder (npx --prefix, npm link, cron).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliDir, newestSource } from '../scripts/cli-sources.mjs';

/** The entry of the build current.json names, when that build is as new as every source. */
function freshBuild() {
  const pointer = path.join(cliDir, 'current.json');
  if (!existsSync(pointer)) return null;
  const { build, newest } = JSON.parse(readFileSync(pointer, 'utf8'));
  const entry = path.join(cliDir, 'builds', build, 'orderlens.mjs');
  return existsSync(entry) && newest >= newestSource() ? entry : null;
}

async function builtCommand() {
  let entry = freshBuild();
  if (!entry) {
    try {
      const { buildCli } = await import('../scripts/build-cli.mjs');
      await buildCli();
      entry = freshBuild();
    } catch {
      return null;
    }
  }
  return entry ? import(pathToFileURL(entry).href) : null;
}

/** The TypeScript through tsx, with 'server-only' resolved to nothing and the project's tsconfig. */
async function compiledCommand() {
  const { register } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  const { tsImport } = await import('tsx/esm/api');
  register('./server-only-hook.mjs', import.meta.url);
  return tsImport('../runtime/cli.ts', {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
}

// ORDERLENS_CLI_FROM_SOURCE=1 runs the TypeScript as it is (a debugger, the start-up benchmark).
const fromSource = process.env.ORDERLENS_CLI_FROM_SOURCE === '1';
const { main } = (fromSource ? null : await builtCommand()) ?? (await compiledCommand());
process.exitCode = await main(process.argv.slice(2));
