/**
 * Every file of DuckDB's own CSV test suite (../shared/datasets/duckdb-csv/csv, never copied here)
 * through the whole load, not only the reader (conformance.datasets.test.ts sweeps the reader):
 * each file is staged once to learn its headers, then loaded as orders with its first column as
 * order_id and its second as order_ts, into a database holding an earlier load. Every file must end
 * in a load or a clear refusal within PER_FILE_MS; every refusal must leave the data unchanged.
 * Prints the tally: files tried, loaded, refused, crashes (anything but an OrderlensError), hangs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { OrderlensError, toUserError } from '@/lib/errors';
import { fingerprint } from '@/lib/db/fingerprint';
import { dataset } from '@/test/datasets';
import { parseMapping, parseMappingJson } from '../map/mapping';
import { stageSource } from '../read/stage';
import { loadExtract } from './load-extract';
import type { LoadReport } from './load-report';

const suite = dataset('duckdb-csv', 'csv');
const PER_FILE_MS = 10_000;
const PER_DATABASE = 60;
const earlier = path.join(__dirname, '..', 'fixtures', 'flat-small.csv');
const earlierMapping = parseMappingJson(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'flat-small.mapping.json'), 'utf-8'),
);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return entry.isFile() ? [full] : [];
    })
    .sort();
}

const files = existsSync(suite) ? listFiles(suite) : [];
const batches = Array.from({ length: Math.ceil(files.length / PER_DATABASE) }, (_, i) =>
  files.slice(i * PER_DATABASE, (i + 1) * PER_DATABASE),
);

type Outcome =
  | { kind: 'loaded'; report: LoadReport }
  | { kind: 'rejected'; report: LoadReport }
  | { kind: 'refused'; error: OrderlensError }
  | { kind: 'crash'; error: unknown }
  | { kind: 'hang' };

let tmp: string;
const tally = { tried: 0, loaded: 0, rejected: 0, refused: 0, crash: 0, hang: 0, changed: 0 };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'orderlens-reliability-ds-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  if (tally.tried > 0) {
    console.info(
      `[reliability] DuckDB CSV suite through the whole load: ${tally.tried} files, ` +
        `${tally.loaded} loaded, ${tally.rejected} rejected by validation, ${tally.refused} refused ` +
        `with a clear error, ${tally.crash} crashes, ${tally.hang} hangs, ` +
        `${tally.changed} failed loads that changed data`,
    );
  }
});

/** The headers of a file, or the refusal its reading ends in. */
async function headersOf(db: Database, file: string, fileName: string) {
  const staged = await stageSource(db, file, { fileName, tmpDir: tmp });
  await staged.cleanup();
  return staged.headers;
}

async function loadOne(db: Database, file: string): Promise<Outcome> {
  const fileName = path.basename(file);
  try {
    const headers = await headersOf(db, file, fileName);
    const [first = '', second = first] = headers;
    const mapping = parseMapping({
      table: 'orders',
      columns: { order_id: first, order_ts: second },
      maxRejectedRows: '50%',
    });
    const report = await loadExtract(db, { file, fileName, mapping, tmpDir: tmp });
    return { kind: report.status === 'rejected' ? 'rejected' : 'loaded', report };
  } catch (error) {
    const safe =
      error instanceof OrderlensError ? error : toUserError(error, `Reading ${fileName}`);
    if (error instanceof OrderlensError || safe.code !== 'internal') {
      return { kind: 'refused', error: safe };
    }
    return { kind: 'crash', error };
  }
}

async function withinTime(work: Promise<Outcome>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), PER_FILE_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(files.length === 0)('DuckDB CSV test files through loadExtract', () => {
  it.each(batches.map((b, i) => [i * PER_DATABASE + 1, i * PER_DATABASE + b.length, b] as const))(
    'files %i–%i: a load or a clear refusal, and a refusal changes nothing',
    async (_, __, batch) => {
      let db = await openMemoryDatabase();
      await loadExtract(db, { file: earlier, mapping: earlierMapping });
      const problems: string[] = [];
      for (const file of batch) {
        const name = path.relative(suite, file);
        const before = await fingerprint(db);
        const outcome = await withinTime(loadOne(db, file));
        tally.tried++;
        tally[outcome.kind === 'hang' ? 'hang' : outcome.kind]++;
        if (outcome.kind === 'hang') {
          problems.push(`${name}: no outcome within ${PER_FILE_MS / 1000} s`);
          db = await openMemoryDatabase(); // the old one may still be busy
          await loadExtract(db, { file: earlier, mapping: earlierMapping });
          continue;
        }
        if (outcome.kind === 'crash') problems.push(`${name}: ${String(outcome.error)}`);
        if (outcome.kind !== 'loaded' && outcome.kind !== 'crash') {
          if (JSON.stringify(await fingerprint(db)) !== JSON.stringify(before)) {
            tally.changed++;
            problems.push(`${name}: a failed load changed the data`);
          }
        }
      }
      db.close();
      expect(problems).toEqual([]);
    },
    180_000,
  );
});
