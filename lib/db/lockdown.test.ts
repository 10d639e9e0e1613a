/**
 * The web server's DuckDB is locked down at start-up (lib/config.ts allowedDirectories,
 * lib/db/database.ts lockDown): files only in the uploads, work and exports folders, no external
 * access, no extension install or autoload, configuration locked. Proven through getServerDatabase
 * and every connection kind it hands out, while an upload and the demo still load.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshServerData } from '@/test/server-env';

const dataDir = freshServerData('orderlens-lockdown-');

const { getServerDatabase } = await import('@/runtime/database');
const { config } = await import('@/lib/config');
const { loadExtract } = await import('@/lib/ingest/load/load-extract');
const { loadDemoData } = await import('@/lib/demo');
const { parseMappingJson } = await import('@/lib/ingest/map/mapping');
const { OrderlensError } = await import('@/lib/errors');
type Database = Awaited<ReturnType<typeof getServerDatabase>>;

let db: Database;
beforeAll(async () => {
  db = await getServerDatabase();
});

const outside = path.join(path.dirname(dataDir), `orderlens-lockdown-out-${process.pid}.csv`);
const hostile = [
  "SELECT * FROM read_csv('/etc/passwd')",
  "SELECT * FROM read_text('/etc/passwd')",
  "SELECT * FROM read_blob('/etc/hostname')",
  "SELECT * FROM glob('/etc/*')",
  `SELECT * FROM read_csv('${dataDir}/uploads/../../../../etc/passwd')`,
  "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
  `COPY (SELECT 1 AS x) TO '${outside}'`,
  `COPY (SELECT 1 AS x) TO '${dataDir}/uploads-evil/x.csv'`,
  "ATTACH '/tmp/orderlens-lockdown-attach.duckdb' AS other",
  'INSTALL httpfs',
  'LOAD httpfs',
  'SET enable_external_access = true',
  "SET allowed_directories = ['/']",
  'SET lock_configuration = false',
  'RESET lock_configuration',
  "SET memory_limit = '100GB'",
];

describe('lockdown of the server database', () => {
  it('is configured in one place: uploads, work and exports folders of the data folder', () => {
    const settings = config();
    expect(settings.allowedDirectories).toEqual([
      path.join(dataDir, 'uploads'),
      path.join(dataDir, 'tmp'),
      path.join(dataDir, 'exports'),
    ]);
    expect(settings.tempDirectory).toBe(path.join(dataDir, 'api.duckdb.tmp'));
  });

  it.each(hostile)('refuses %s on the writer, a reader and a streaming connection', async (sql) => {
    await expect(db.run(sql)).rejects.toThrow(/Permission Error|disabled|locked/);
    await expect(db.read(sql)).rejects.toThrow(/Permission Error|disabled|locked/);
    const stream = async () => {
      for await (const rows of db.stream(sql)) void rows;
    };
    await expect(stream()).rejects.toThrow(/Permission Error|disabled|locked/);
    expect(existsSync(outside)).toBe(false);
  });

  it('reports the settings it locked', async () => {
    const row = await db.one(
      `SELECT current_setting('enable_external_access') AS external,
              current_setting('autoload_known_extensions') AS autoload,
              current_setting('autoinstall_known_extensions') AS autoinstall,
              current_setting('lock_configuration') AS locked,
              current_setting('temp_directory') AS temp`,
    );
    expect(row).toEqual({
      external: false,
      autoload: false,
      autoinstall: false,
      locked: true,
      temp: config().tempDirectory,
    });
  });

  it('a load of a file outside the allowed folders fails with a message that names no path', async () => {
    const error = await loadExtract(db, { file: '/etc/passwd', table: 'orders' }).catch((e) => e);
    expect(error).toBeInstanceOf(OrderlensError);
    expect(error.code).toBe('access_denied');
    expect(error.message).not.toContain('/etc');
    expect((await db.one('SELECT count(*) AS n FROM loads'))!.n).toBe(0);
  });

  it('still loads the demo and an upload (CSV) from inside the data folder', async () => {
    const { uploadsDir, workDir } = config();
    // The demo first: over real data it is refused, and the upload then removes it.
    const demo = await loadDemoData(db, { orders: 50, workDir });
    expect(demo.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    const file = path.join(uploadsDir, 'flat-small.bin');
    copyFileSync(path.join(__dirname, '..', 'ingest', 'fixtures', 'flat-small.csv'), file);
    const mapping = parseMappingJson(
      readFileSync(
        path.join(__dirname, '..', 'ingest', 'fixtures', 'flat-small.mapping.json'),
        'utf-8',
      ),
    );
    const report = await loadExtract(db, {
      file,
      fileName: 'flat-small.csv',
      mapping,
      tmpDir: workDir,
    });
    expect(report.status).toBe('loaded');
    expect(report.demoRemoved).toMatchObject({ loads: [1, 2, 3, 4], orders: 50 });
  });
});

describe('a second open of the locked instance in the same process', () => {
  it('shares the one Database; opened afresh (another bundle of the server), it keeps the locked settings instead of failing', async () => {
    const { openDatabase } = await import('./database');
    const file = config().databaseFile;
    expect(await openDatabase(file)).toBe(db);
    const shared = (globalThis as { orderlensDatabases?: Map<string, unknown> })
      .orderlensDatabases!;
    shared.delete(path.resolve(file));
    const again = await openDatabase(file);
    expect(again).not.toBe(db);
    expect(await again.one("SELECT current_setting('TimeZone') AS tz")).toEqual({ tz: 'UTC' });
    await expect(again.read("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow();
  });
});
