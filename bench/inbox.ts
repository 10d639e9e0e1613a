/**
 * The inbox: one pass that takes a dropped order-lines extract (copy, hash, header match, dry run,
 * load, move to done/) against loadExtract of the same file with the same mapping (what
 * `orderlens ingest --mapping` runs), each into a fresh database file; and the pass that
 * recognises the same file dropped again, against the same baseline.
 *   npx tsx --conditions=react-server bench/inbox.ts [--quick] [--sizes 1M]
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, openMemoryDatabase, type Database } from '@/lib/db/database';
import { canonicalMapping } from '@/lib/demo';
import { runInboxPass } from '@/lib/inbox/inbox';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { saveProfile } from '@/lib/ingest/load/profiles';
import type { Mapping } from '@/lib/ingest/map/mapping';
import {
  cacheDir,
  parseBenchArgs,
  printTable,
  removeDatabaseFile,
  round,
  scratchDatabaseFile,
  sizeLabel,
  time,
  writeResult,
} from './helpers';
import { ensureExtracts } from './inputs';
import '@/runtime/engine';

const args = parseBenchArgs();
const scratchDb = () => scratchDatabaseFile('inbox');

/** The canonical mapping of the lines, reduced to the headers the generated file has. */
function mappingOf(file: string): { mapping: Mapping; headers: string[] } {
  const headers = readFileSync(file, 'utf-8').slice(0, 4096).split('\n')[0]!.trim().split(',');
  const full = canonicalMapping('order_lines');
  const columns = Object.fromEntries(
    Object.entries(full.columns).filter(([, header]) => headers.includes(header as string)),
  );
  return { mapping: { table: 'order_lines', columns } as Mapping, headers };
}

async function withDb<T>(run: (db: Database) => Promise<T>): Promise<T> {
  const file = scratchDb();
  const db = await openDatabase(file, { memoryLimit: '4GB' });
  try {
    return await run(db);
  } finally {
    db.close();
    removeDatabaseFile(file);
  }
}

async function measure(lines: number) {
  const csv = ensureExtracts(lines, args.seed, 'csv').file('order_lines');
  const { mapping, headers } = mappingOf(csv);
  const baseline = await withDb(async (db) => {
    const { value, ms } = await time(() =>
      loadExtract(db, { file: csv, mapping, tmpDir: cacheDir }),
    );
    if (value.status !== 'loaded') throw new Error(value.message);
    return { ms, rows: value.rowsInserted };
  });
  const inbox = path.join(cacheDir, `inbox-${process.pid}`);
  const previewDb = await openMemoryDatabase();
  const passes = await withDb(async (db) => {
    await saveProfile(db, { name: 'Lines', headers, mapping });
    const context = {
      folder: inbox,
      workDir: path.join(cacheDir, `inbox-work-${process.pid}`),
      previewDb,
      now: () => new Date(),
      audit: async () => undefined,
    };
    const drop = (name: string) => {
      mkdirSync(inbox, { recursive: true });
      copyFileSync(csv, path.join(inbox, name));
      const past = new Date(Date.now() - 60_000);
      utimesSync(path.join(inbox, name), past, past);
    };
    drop('lines.csv');
    const first = await time(() => runInboxPass(db, context));
    if (first.value.files[0]?.outcome !== 'loaded') throw new Error(first.value.files[0]?.message);
    drop('lines-again.csv');
    const again = await time(() => runInboxPass(db, context));
    if (again.value.files[0]?.outcome !== 'duplicate') throw new Error('not seen as a repeat');
    return { first: first.ms, again: again.ms };
  });
  rmSync(inbox, { recursive: true, force: true });
  return {
    input: `CSV ${sizeLabel(lines)}`,
    lines: baseline.rows,
    ingestSeconds: round(baseline.ms / 1000),
    inboxPassSeconds: round(passes.first / 1000),
    ratio: round(baseline.ms / passes.first),
    repeatPassSeconds: round(passes.again / 1000),
    repeatRatio: round(baseline.ms / passes.again),
  };
}

const rows = [];
for (const lines of args.sizes) rows.push(await measure(lines));
printTable(rows);
console.log(
  'ratio: loadExtract time ÷ inbox pass time (the pass adds a copy, a hash, a header read and a dry run); repeatRatio: the same for a repeat, which loads nothing.',
);
writeResult('inbox', args, rows);
