/** Load the hand-made KPI fixture (lib/kpi/fixtures) into an in-memory database, for KPI tests. */
import path from 'node:path';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { canonicalMapping } from '@/lib/demo';
import { loadExtract } from '@/lib/ingest/load-extract';
import { canonicalTables } from '@/lib/model/canonical';

export async function loadKpiFixture(dir = path.join(__dirname, 'fixtures')): Promise<Database> {
  const db = await openMemoryDatabase();
  for (const table of canonicalTables) {
    const report = await loadExtract(db, {
      file: path.join(dir, `${table}.csv`),
      mapping: canonicalMapping(table),
    });
    if (report.status !== 'loaded') throw new Error(`fixture ${table}: ${report.message}`);
  }
  return db;
}
