import 'server-only';
/** The installation's small settings (app_settings): one text value per key. */
import type { Database } from '@/lib/db/database';

export async function readSettings(
  db: Database,
  keys: readonly string[],
): Promise<Map<string, string>> {
  // A handful of rows: read them all rather than bind a list.
  const rows = await db.read<{ key: string; value: string }>('SELECT key, value FROM app_settings');
  return new Map(rows.filter((r) => keys.includes(r.key)).map((r) => [r.key, r.value]));
}

export async function putSetting(
  db: Database,
  key: string,
  value: string,
  by?: string,
): Promise<void> {
  await db.transaction((tx) =>
    tx.run(
      `INSERT OR REPLACE INTO app_settings (key, value, updated_at, updated_by)
       VALUES ($1, $2, now()::TIMESTAMP, $3)`,
      [key, value, by ?? null],
    ),
  );
}

export async function removeSetting(db: Database, key: string): Promise<void> {
  await db.transaction((tx) => tx.run('DELETE FROM app_settings WHERE key = $1', [key]));
}
