// What the orderlens command is built from, and the newest modification among it: a checkout's
// edit makes the built command stale. Kept apart from the build so that a check needs no esbuild.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the built command lives: builds/<name>/ and current.json naming the one to run. */
export const cliDir = path.join(root, 'dist', 'cli');
const SOURCES = ['runtime', 'lib', 'metrics', 'data/benchmarks', 'tsconfig.json', 'package.json'];

/** The newest mtime (ms) of a file the command is built from; tests are not part of it. */
export function newestSource() {
  let newest = 0;
  for (const source of SOURCES) {
    const p = path.join(root, source);
    if (!existsSync(p)) continue;
    const files = statSync(p).isDirectory()
      ? readdirSync(p, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
          .map((e) => `${e.parentPath ?? e.path}/${e.name}`)
      : [p];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}
