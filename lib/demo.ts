import 'server-only';
/**
 * Demo data: generated extracts loaded through the same path as any upload, marked as demo in the
 * ledger so the app can label it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { generateExtracts } from '@/lib/generate';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { canonicalFields, canonicalTables, type CanonicalTable } from '@/lib/model/canonical';

export const DEMO_ORDERS = 20_000;
export const DEMO_SEED = 42;

/** The identity mapping of a generated file (headers are canonical field names). */
export function canonicalMapping(table: CanonicalTable): Mapping {
  const columns = Object.fromEntries(canonicalFields[table].map((f) => [f.name, f.name]));
  return { table, columns } as Mapping;
}

export interface DemoOptions {
  orders?: number;
  /** Folder for the generated files and the loads' temporary files (default: the OS's). */
  workDir?: string;
}

/** Generate and load the demo extracts; returns one report per file. */
export async function loadDemoData(db: Database, options: DemoOptions = {}): Promise<LoadReport[]> {
  const { orders = DEMO_ORDERS, workDir = os.tmpdir() } = options;
  // The first real load removes the demo (lib/ingest/load/demo-removal.ts); loading it afterwards
  // would mix generated orders into real numbers again.
  const real = await db.one<{ n: number }>(
    "SELECT count(*) AS n FROM loads WHERE NOT is_demo AND status IN ('loaded', 'unchanged')",
  );
  if ((real?.n ?? 0) > 0)
    throw new OrderlensError(
      'This database holds your own data, so demo data is not loaded into it: it would mix with your numbers. Use a new database (--db) for the demo.',
      'demo_over_real_data',
    );
  await mkdir(workDir, { recursive: true });
  const dir = await mkdtemp(path.join(workDir, 'orderlens-demo-'));
  try {
    const generated = await generateExtracts({ outDir: dir, orders, seed: DEMO_SEED });
    const reports: LoadReport[] = [];
    for (const table of canonicalTables) {
      const file = generated.files.find((f) => f.table === table);
      if (!file) continue;
      reports.push(
        await loadExtract(db, {
          file: file.path,
          fileName: `demo-${path.basename(file.path)}`,
          mapping: canonicalMapping(table),
          isDemo: true,
          tmpDir: dir,
        }),
      );
    }
    return reports;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** True when nothing has ever been loaded (the first start). */
export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM loads');
  return (row?.n ?? 0) === 0;
}
