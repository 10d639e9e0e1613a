/**
 * The one cache of values read from the database and kept while a version stands (the KPI facts'
 * version: they change only with a load or an undo). Database.memo serves values that any write
 * invalidates; this serves those that only a new version does. Concurrent askers share one read;
 * a failed read is forgotten, not kept.
 */
import type { Database, Params } from './database';

export function perVersion<T>(
  name: string,
  read: (db: Database) => Promise<T>,
): (db: Database, version: string) => Promise<T> {
  return (db, version) => {
    // Kept with the database under a name (Database.shared): one value per process, not per bundle.
    const held = db.shared(`per-version:${name}`, () => ({
      entry: undefined as { version: string; value: Promise<T> } | undefined,
    }));
    if (held.entry?.version === version) return held.entry.value;
    const value = read(db);
    const entry = { version, value };
    held.entry = entry;
    value.catch(() => {
      if (held.entry === entry) held.entry = undefined;
    });
    return value;
  };
}

/** Distinct queries kept per database; the oldest goes first. */
const READ_ENTRIES = 500;
/** Rows kept per database across those queries (pages of up to 500 orders add up). */
const READ_ROWS = 100_000;

interface VersionReads {
  version: string;
  entries: Map<string, { rows: Promise<unknown[]>; size: number }>;
  rows: number;
}
const readsOf = (db: Database) =>
  db.shared('per-version-reads', () => ({ current: undefined as VersionReads | undefined }));

/**
 * The rows of a read, kept while the version stands: for the panels a page computes on every view
 * (histograms, stages, drill-through pages), which otherwise cost a scan of the facts per visitor.
 * At most READ_ENTRIES reads and READ_ROWS rows are kept, the oldest dropped first. The rows are
 * shared between callers: read them, never change them.
 */
export function readPerVersion<T extends Record<string, unknown>>(
  db: Database,
  version: string,
  sql: string,
  params?: Params,
): Promise<T[]> {
  const held = readsOf(db);
  let cache = held.current;
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map(), rows: 0 };
    held.current = cache;
  }
  const key = JSON.stringify([sql, params ?? null], (_, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
  const hit = cache.entries.get(key);
  if (hit) return hit.rows as Promise<T[]>;
  const kept = cache;
  const entry = { rows: db.read<T>(sql, params) as Promise<unknown[]>, size: 0 };
  kept.entries.set(key, entry);
  entry.rows.then(
    (rows) => {
      if (kept.entries.get(key) !== entry) return;
      entry.size = rows.length;
      kept.rows += rows.length;
      evict(kept);
    },
    () => forget(kept, key, entry),
  );
  evict(kept);
  return entry.rows as Promise<T[]>;
}

/** Drop the oldest reads while more than the budget is kept (never the newest). */
function evict(cache: VersionReads) {
  while (cache.entries.size > READ_ENTRIES || (cache.rows > READ_ROWS && cache.entries.size > 1)) {
    const [key, entry] = cache.entries.entries().next().value!;
    forget(cache, key, entry);
  }
}

function forget(cache: VersionReads, key: string, entry: { size: number }) {
  if (cache.entries.get(key) !== entry) return;
  cache.entries.delete(key);
  cache.rows -= entry.size;
}
