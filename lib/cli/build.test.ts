/**
 * The command as shipped: JavaScript built by scripts/build-cli.mjs. It prints what the TypeScript
 * prints, imports only packages the project depends on at run time (a devDependency would be
 * missing after `npm install` in another project), and takes DuckDB's client with require().
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'orderlens.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

let buildDir: string;
beforeAll(async () => {
  // @ts-expect-error: a plain ES module of the build scripts, without types.
  const { buildCli } = await import('../../scripts/build-cli.mjs');
  await buildCli();
  const { build } = JSON.parse(readFileSync(path.join(root, 'dist/cli/current.json'), 'utf8'));
  buildDir = path.join(root, 'dist/cli/builds', build);
}, 120_000);

/** Every file of the build, with the package names its import statements name. */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(buildDir, { recursive: true, withFileTypes: true }).filter((e) =>
    e.name.endsWith('.mjs'),
  );
  for (const file of files) {
    const text = readFileSync(path.join(file.parentPath ?? file.path, file.name), 'utf8');
    // esbuild writes each import statement on a line of its own (the chunks' are relative).
    for (const m of text.matchAll(/^import\s(?:[^;'"]*?from\s*)?["']([^"'.][^"']*)["'];?$/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

describe('the built command', () => {
  it('prints the same help as the TypeScript', () => {
    const built = run(['--help']);
    const fromSource = run(['--help'], { ORDERLENS_CLI_FROM_SOURCE: '1' });
    expect(built.status).toBe(0);
    expect(built.stdout).toContain('Usage: orderlens <command> [options]');
    expect(built.stdout).toBe(fromSource.stdout);
  }, 120_000);

  it('imports only run-time dependencies, and takes DuckDB with require()', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const runtime = new Set(Object.keys(pkg.dependencies));
    const imported = importedPackages();
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !runtime.has(name))).toEqual([]);
    // DuckDB's client is required, never imported (Node would lex all its modules first).
    expect(imported.has('@duckdb/node-api')).toBe(false);
    const entry = readFileSync(path.join(buildDir, 'orderlens.mjs'), 'utf8');
    // The entry holds the help; each command is a chunk of its own, loaded when it runs.
    expect(entry).toContain('Usage: orderlens <command> [options]');
    expect(readdirSync(path.join(buildDir, 'chunks')).some((f) => /^kpis-.*\.mjs$/.test(f))).toBe(
      true,
    );
  });
});
