import 'server-only';
/**
 * Band sets users import from reports they hold, stored as versions in band_sets beside the
 * shipped ones. Re-importing an id adds a version (the old one stays for the record); removal is
 * soft (removed_at) so a past comparison can still be explained.
 */
import type { Database } from '@/lib/db/database';
import { lineOf, OrderlensError, type Problem } from '@/lib/errors';
import { parseBandSetCsv, rowOfSet } from './csv';
import { bandSetProblems, bandSetSchema, BandSetValidationError, type BandSet } from './schema';
import { shippedBandSet, shippedBandSets } from './shipped';

export type StoredBandSet = BandSet & {
  version: number;
  /** ISO timestamp; null for shipped sets. */
  importedAt: string | null;
};

/**
 * Validate and store one or more band sets (a JSON object or array, or a CSV with one row per
 * set). All or nothing: any problem rejects the whole import, with every problem listed.
 */
export async function importBandSet(
  db: Database,
  input: unknown,
  format: 'json' | 'csv',
): Promise<StoredBandSet[]> {
  const { sets, locate } = format === 'csv' ? csvSets(input) : jsonSets(input);
  const problems = collisions(sets, locate);
  if (problems.length) throw new BandSetValidationError(problems);
  return db.transaction(async (tx) => {
    const stored: StoredBandSet[] = [];
    for (const set of sets) stored.push(await insertVersion(tx, set));
    return stored;
  });
}

/** Where a field of the set at `index` is in the file, for a problem found after parsing. */
type Locate = (index: number, field: string) => Omit<Problem, 'message'>;

function csvSets(input: unknown): { sets: BandSet[]; locate: Locate } {
  if (typeof input !== 'string')
    throw new BandSetValidationError([{ message: 'a CSV import takes the text of the file' }]);
  return {
    sets: parseBandSetCsv(input),
    locate: (i, field) => ({ row: rowOfSet(i), column: field }),
  };
}

/** A JSON object or array of them; in an array, a problem's path starts with the set's index. */
function jsonSets(input: unknown): { sets: BandSet[]; locate: Locate } {
  const value = typeof input === 'string' ? jsonValue(input) : input;
  const listed = Array.isArray(value);
  const items: unknown[] = listed ? value : [value];
  if (!items.length) throw new BandSetValidationError([{ message: 'the file holds no band set' }]);
  const problems: Problem[] = [];
  const sets: BandSet[] = [];
  items.forEach((item, i) => {
    const result = bandSetSchema.safeParse(item);
    if (result.success) sets.push(result.data);
    else
      problems.push(
        ...bandSetProblems(listed ? inItem(i, result.error.issues) : result.error.issues),
      );
  });
  if (problems.length) throw new BandSetValidationError(problems);
  return { sets, locate: (i, field) => ({ path: listed ? `[${i}].${field}` : field }) };
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BandSetValidationError([{ message: `not valid JSON (${(error as Error).message})` }]);
  }
}

/** Issues of one item of an array, with paths from the array (`[1].scheme.median`). */
function inItem<I extends { path: PropertyKey[] }>(index: number, issues: I[]): I[] {
  return issues.map((issue) => ({ ...issue, path: [index, ...issue.path] }));
}

/** Imports may not pose as shipped sets nor name one id twice. */
function collisions(sets: BandSet[], locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  sets.forEach((set, i) => {
    if (set.origin === 'shipped')
      problems.push({
        ...locate(i, 'origin'),
        message: 'an imported band set cannot be marked shipped',
      });
    if (shippedBandSet(set.id))
      problems.push({
        ...locate(i, 'id'),
        message: `"${set.id}" is used by a band set shipped with Orderlens; choose another id`,
      });
    if (seen.has(set.id))
      problems.push({
        ...locate(i, 'id'),
        message: `"${set.id}" appears more than once in the file`,
      });
    seen.add(set.id);
  });
  return problems;
}

async function insertVersion(tx: Database, set: BandSet): Promise<StoredBandSet> {
  const last = await tx.one<{ version: number }>(
    'SELECT coalesce(max(version), 0) AS version FROM band_sets WHERE set_id = $1',
    [set.id],
  );
  const version = (last?.version ?? 0) + 1;
  const row = await tx.one<{ imported_at: string }>(
    `INSERT INTO band_sets (set_id, version, definition, imported_at)
     VALUES ($1, $2, $3::JSON, now()::TIMESTAMP) RETURNING imported_at`,
    [set.id, version, JSON.stringify(set)],
  );
  return { ...set, version, importedAt: row?.imported_at ?? null };
}

/** Shipped sets, then the latest non-removed version of every imported set, by id. */
export function listBandSets(db: Database): Promise<StoredBandSet[]> {
  return db.memo('band-sets', () => readBandSets(db));
}

async function readBandSets(db: Database): Promise<StoredBandSet[]> {
  const rows = await db.read<{ version: number; definition: unknown; imported_at: string }>(
    `SELECT set_id, version, definition, imported_at FROM band_sets
     WHERE removed_at IS NULL
     QUALIFY row_number() OVER (PARTITION BY set_id ORDER BY version DESC) = 1
     ORDER BY set_id`,
  );
  const shipped = shippedBandSets().map((set) => ({ ...set, version: 1, importedAt: null }));
  return [...shipped, ...rows.flatMap(storedSet)];
}

/** A stored definition, re-validated: one saved under an older schema must not break a page. */
function storedSet(row: { version: number; definition: unknown; imported_at: string }) {
  const json = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  const result = bandSetSchema.safeParse(json);
  if (result.success)
    return [{ ...result.data, version: row.version, importedAt: row.imported_at }];
  console.warn(
    `[orderlens] stored band set skipped: ${bandSetProblems(result.error.issues).map(lineOf).join('; ')}`,
  );
  return [];
}

export async function bandSetsForKpi(db: Database, kpiId: string): Promise<StoredBandSet[]> {
  return (await listBandSets(db)).filter((set) => set.kpi === kpiId);
}

/** Soft-remove every version of an imported set. */
export async function removeBandSet(db: Database, id: string): Promise<void> {
  if (shippedBandSet(id)) {
    throw new OrderlensError(
      `The band set "${id}" ships with Orderlens and cannot be removed.`,
      'band_set_shipped',
    );
  }
  const changed = await db.transaction((tx) =>
    tx.run(
      'UPDATE band_sets SET removed_at = now()::TIMESTAMP WHERE set_id = $1 AND removed_at IS NULL',
      [id],
    ),
  );
  if (!changed) throw new OrderlensError(`There is no band set "${id}".`, 'band_set_not_found');
}
