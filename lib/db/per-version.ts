/**
 * The one cache of values read from the database and kept while a version stands (the KPI facts'
 * version: they change only with a load or an undo). Database.memo serves values that any write
 * invalidates; this serves those that only a new version does. Concurrent askers share one read;
 * a failed read is forgotten, not kept.
 */
import type { Database } from './database';

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
