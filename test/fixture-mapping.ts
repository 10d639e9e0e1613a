/**
 * The canonical mapping of the fields a fixture CSV's header names, for tests: fixtures written
 * before a field was added to the model (the returns workflow's stages, the customer group) still
 * load, the field left empty, as a user's file without the column would with a mapping that leaves
 * it out.
 */
import { readFile } from 'node:fs/promises';
import { canonicalMapping } from '@/lib/demo';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { CanonicalTable } from '@/lib/model/canonical';

export async function fixtureMapping(file: string, table: CanonicalTable): Promise<Mapping> {
  const header = (await readFile(file, 'utf8')).split('\n', 1)[0]!.trim().split(',');
  const mapping = canonicalMapping(table);
  const columns = Object.entries(mapping.columns).filter(([field]) => header.includes(field));
  return { ...mapping, columns: Object.fromEntries(columns) };
}
