/**
 * Tests of route handlers that use the web server's database (runtime/database.ts): a fresh data
 * folder per test file, and the KPI fixtures loaded from inside it, because the server's DuckDB is
 * locked down to the data folder's uploads, work and exports folders.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Point the configuration at a fresh data folder; call before importing anything from lib/. */
export function freshServerData(prefix: string): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.ORDERLENS_DATA_DIR = dataDir;
  process.env.ORDERLENS_DB = path.join(dataDir, 'api.duckdb');
  process.env.ORDERLENS_NO_DEMO = '1';
  return dataDir;
}

/** Load lib/kpi/fixtures into the server's database, copied first into its uploads folder. */
export async function loadKpiFixtures(): Promise<void> {
  const { getServerDatabase } = await import('@/runtime/database');
  const { config } = await import('@/lib/config');
  const { fixtureMapping } = await import('@/test/fixture-mapping');
  const { loadExtract } = await import('@/lib/ingest/load/load-extract');
  const db = await getServerDatabase();
  const { uploadsDir, workDir } = config();
  mkdirSync(uploadsDir, { recursive: true });
  for (const table of ['orders', 'order_lines', 'shipments', 'returns'] as const) {
    const file = path.join(uploadsDir, `${table}.csv`);
    copyFileSync(path.join(__dirname, '..', 'lib', 'kpi', 'fixtures', `${table}.csv`), file);
    await loadExtract(db, { file, mapping: await fixtureMapping(file, table), tmpDir: workDir });
  }
}

/** POST /api/uploads of `bytes` as `fileName` (sent as given, so hostile names arrive as is). */
export async function postUpload(fileName: string, bytes: Buffer): Promise<Response> {
  const { NextRequest } = await import('next/server');
  const { POST } = await import('@/app/api/uploads/route');
  const origin = 'http://127.0.0.1';
  return POST(
    new NextRequest(new URL('/api/uploads', origin), {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: {
        origin,
        host: '127.0.0.1',
        'x-file-name': fileName,
        'content-length': String(bytes.length),
      },
    }),
  );
}
