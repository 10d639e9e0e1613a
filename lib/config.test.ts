import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** A fresh lib/config (it caches the environment it first reads) over these settings. */
async function configWith(env: Record<string, string | undefined>) {
  for (const name of ['ORDERLENS_DB', 'ORDERLENS_DATA_DIR', 'ORDERLENS_SESSION_SECRET'])
    delete process.env[name];
  Object.assign(process.env, env);
  vi.resetModules();
  return import('./config');
}

const folder = () => mkdtempSync(path.join(os.tmpdir(), 'orderlens-config-'));

describe("the database's files", () => {
  it('live in the folder of ORDERLENS_DB, secrets included', async () => {
    const x = folder();
    const { config, sessionSecret, auditSecret } = await configWith({
      ORDERLENS_DB: path.join(x, 'a.duckdb'),
    });
    expect(config()).toMatchObject({
      databaseFile: path.join(x, 'a.duckdb'),
      dataDir: x,
      uploadsDir: path.join(x, 'uploads'),
      workDir: path.join(x, 'tmp'),
      exportsDir: path.join(x, 'exports'),
    });
    expect(config().allowedDirectories).toEqual([
      path.join(x, 'uploads'),
      path.join(x, 'tmp'),
      path.join(x, 'exports'),
    ]);
    expect(sessionSecret()).toMatch(/^[0-9a-f]{96}$/);
    expect(existsSync(path.join(x, 'session-secret'))).toBe(true);
    expect(auditSecret(path.join(x, 'a.duckdb'), true)).toMatch(/^[0-9a-f]{96}$/);
    expect(existsSync(path.join(x, 'audit-secret'))).toBe(true);
  });

  it('are never shared by two databases in two folders', async () => {
    const [one, two] = [folder(), folder()];
    const first = (await configWith({ ORDERLENS_DB: path.join(one, 'a.duckdb') })).config();
    const second = (await configWith({ ORDERLENS_DB: path.join(two, 'b.duckdb') })).config();
    const places = (c: typeof first) => [c.dataDir, c.uploadsDir, c.workDir, c.exportsDir];
    for (const place of places(first))
      for (const other of places(second)) expect(place.startsWith(other)).toBe(false);
    expect(first.uploadsDir).toBe(path.join(one, 'uploads'));
    expect(second.uploadsDir).toBe(path.join(two, 'uploads'));
  });

  it('default to data/ beside the default database; ORDERLENS_DATA_DIR moves them', async () => {
    const { config } = await configWith({});
    expect(config().databaseFile).toBe(path.resolve('data', 'orderlens.duckdb'));
    expect(config().uploadsDir).toBe(path.resolve('data', 'uploads'));
    const elsewhere = folder();
    const moved = await configWith({
      ORDERLENS_DB: path.join(folder(), 'a.duckdb'),
      ORDERLENS_DATA_DIR: elsewhere,
    });
    expect(moved.config()).toMatchObject({
      dataDir: elsewhere,
      workDir: path.join(elsewhere, 'tmp'),
    });
    expect(moved.filesFolderOf('/srv/other.duckdb')).toBe(elsewhere);
    const only = await configWith({ ORDERLENS_DATA_DIR: elsewhere });
    expect(only.config().databaseFile).toBe(path.join(elsewhere, 'orderlens.duckdb'));
    expect(only.filesFolderOf('/srv/x/other.duckdb')).toBe(elsewhere);
    delete process.env.ORDERLENS_DATA_DIR;
    expect(only.filesFolderOf('/srv/x/other.duckdb')).toBe('/srv/x');
  });
});
