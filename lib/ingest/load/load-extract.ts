import 'server-only';
/**
 * loadExtract: the whole ingestion of one file. Stage → map → type → validate → upsert, where the
 * upsert and the ledger entry commit in one transaction: a load lands whole or not at all.
 * A file DuckDB's reader can type as it reads takes the fast path (load-fast-path.ts); every
 * other load, and any the fast path declines, takes the full one (load-full-path.ts). Both fill in a report (load-report.ts).
 */
import path from 'node:path';
import { clusterOf } from '@/lib/clickhouse/cluster';
import type { Database } from '@/lib/db/database';
import { toUserError } from '@/lib/errors';
import { hashFile } from '../read/source';
import { openSource, stageOpened } from '../read/stage';
import { findSameContent } from './ledger';
import { fastLoad } from './load-fast-path';
import { loadStaged } from './load-full-path';
import {
  withSettings,
  type LoadOptions,
  type ReadingSettings,
  type Resolved,
} from './load-options';
import { alreadyLoaded, type LoadReport } from './load-report';

/** Load one extract into the canonical model. */
export async function loadExtract(db: Database, options: LoadOptions): Promise<LoadReport> {
  const fileName = options.fileName ?? path.basename(options.file);
  const startedAt = new Date();
  try {
    // The hash is computed while DuckDB reads (its threads; the hash runs on this one).
    const hashing = hashFile(options.file);
    hashing.catch(() => undefined);
    const resolved = withSettings({ ...options, fileName });
    return await db.exclusive(() => runLoad(db, resolved, hashing, startedAt));
  } catch (error) {
    throw toUserError(error, `Loading ${fileName}`);
  }
}

async function runLoad(
  db: Database,
  options: Resolved,
  hashing: Promise<string>,
  startedAt: Date,
): Promise<LoadReport> {
  if (options.mapping && !options.dryRun) {
    const contentHash = await hashing;
    const same = await findSameContent(db, contentHash, options.mapping.table, options.mapping);
    if (same) return alreadyLoaded(options, contentHash, same.loadId, same.startedAt);
  }
  // Reading settings: the mapping's (already merged with any given), or those given alone.
  const reading: ReadingSettings = options.mapping ?? options.settings ?? {};
  const opened = await openSource(db, options.file, {
    fileName: options.fileName,
    sheet: options.sheet ?? options.mapping?.sheet,
    delimiter: reading.delimiter,
    quote: options.mapping?.quote,
    header: reading.header,
    skipRows: reading.skipRows,
    encoding: reading.encoding,
    tmpDir: options.tmpDir,
  });
  try {
    // The fast path writes DuckDB's tables itself: a load into a cluster takes the full path.
    const fast = clusterOf(db)
      ? undefined
      : await fastLoad(db, options, opened, hashing, startedAt);
    if (fast) return fast;
    const staged = await stageOpened(db, opened);
    return await loadStaged(db, options, staged, await hashing, startedAt);
  } finally {
    await opened.cleanup();
  }
}
