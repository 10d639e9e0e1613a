/**
 * The one cache of values read from the database and kept while a version stands (the KPI facts'
 * version: they change only with a load or an undo). Database.memo serves values that any write
 * invalidates; this serves those that only a new version does. Concurrent askers share one read;
 * a failed read is forgotten, not kept.
 */
import type { Database, Params } from './database';

export function perVersion<T>(
  read: (db: Database) => Promise<T>,
): (db: Database, version: string) => Promise<T> {
  const entries = new WeakMap<Database, { version: string; value: Promise<T> }>();
  return (db, version) => {
    const hit = entries.get(db);
    if (hit?.version === version) return hit.value;
    const value = read(db);
    entries.set(db, { version, value });
    value.catch(() => {
      if (entries.get(db)?.value === value) entries.delete(db);
    });
    return value;
  };
}

/** Distinct queries kept per database; the oldest goes first. */
const READ_ENTRIES = 500;
const reads = new WeakMap<
  Database,
  { version: string; entries: Map<string, Promise<unknown[]>> }
>();

/**
 * The rows of a read, kept while the version stands: for the panels a page computes on every view
 * (histograms, stages, drill-through pages), which otherwise cost a scan of the facts per visitor.
 * The rows are shared between callers: read them, never change them.
 */
export function readPerVersion<T extends Record<string, unknown>>(
  db: Database,
  version: string,
  sql: string,
  params?: Params,
): Promise<T[]> {
  let cache = reads.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    reads.set(db, cache);
  }
  const key = JSON.stringify([sql, params ?? null], (_, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
  const hit = cache.entries.get(key);
  if (hit) return hit as Promise<T[]>;
  const entries = cache.entries;
  const rows = db.read<T>(sql, params);
  if (entries.size >= READ_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, rows);
  rows.catch(() => entries.delete(key));
  return rows;
}
