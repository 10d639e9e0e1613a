import 'server-only';
/** Row counts and content checksums of the data tables: proof that a failed load changed nothing. */
import type { Database } from './database';
import { quoteIdent } from './sql';
import { canonicalTables } from '@/lib/model/canonical';

export const dataTables = [
  ...canonicalTables,
  ...canonicalTables.map((t) => `${t}_history`),
] as const;

export type Fingerprint = Record<string, { rows: number; checksum: string }>;

export async function fingerprint(
  db: Database,
  tables: readonly string[] = dataTables,
): Promise<Fingerprint> {
  // The name is a value in the result: bound, like every value.
  const parts = tables.map(
    (t, i) =>
      `SELECT $${i + 1}::VARCHAR AS name, count(*) AS rows, coalesce(sum(hash(x)), 0)::VARCHAR AS checksum FROM ${quoteIdent(t)} AS x`,
  );
  const rows = await db.all<{ name: string; rows: number; checksum: string }>(
    parts.join(' UNION ALL '),
    [...tables],
  );
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, checksum: r.checksum }]));
}
