/**
 * The synonym index of the automatic mapping: every known header (synonyms.ts, and each canonical
 * field's own name) with its field, words and confidence, looked up by normalised header.
 */
import { canonicalFields, canonicalTables, type FieldType } from '@/lib/model/canonical';
import {
  headerSynonyms,
  knownUnmappedHeaders,
  type SourceSystem,
  type SynonymGroup,
} from './synonyms';
import { headerWords, normaliseHeader } from './automap-words';

/** A synonym's confidence, unless its group gives another. */
export const EXACT = 0.95;

export interface Entry extends Pick<SynonymGroup, 'system' | 'when' | 'note'> {
  field: string;
  header: string;
  words: string[];
  confidence: number;
  shared: boolean;
}

// Field order (orders, lines, shipments, returns) is the last tie-break; types drive sample checks.
export const allFields = canonicalTables.flatMap((t) => canonicalFields[t]);
export const fieldTypes = new Map<string, FieldType>(allFields.map((f) => [f.name, f.type]));
export const fieldOrder = [...fieldTypes.keys()];

// Canonical names are generic synonyms too (the generator writes them); synonyms come first so
// that on equal confidence the more telling reason ('header "Order ID"') is kept.
export const entries: Entry[] = [
  ...Object.entries(headerSynonyms),
  ...fieldOrder.map((field): [string, SynonymGroup[]] => [
    field,
    [{ system: 'generic', headers: [field] }],
  ]),
].flatMap(([field, groups]) =>
  groups.flatMap(({ headers, confidence = EXACT, shared = false, ...rest }) =>
    headers.map((header) => ({
      ...rest,
      field,
      header,
      words: headerWords(header),
      confidence,
      shared,
    })),
  ),
);
export const entriesByHeader = new Map<string, Entry[]>();
for (const e of entries) {
  const key = normaliseHeader(e.header);
  entriesByHeader.set(key, [...(entriesByHeader.get(key) ?? []), e]);
}
export const unmappedSystems = new Map<string, SourceSystem>(
  knownUnmappedHeaders.flatMap((g) =>
    g.headers.map((h) => [normaliseHeader(h), g.system] as const),
  ),
);

export const isActive = (e: Entry, present: Set<string>) => {
  const has = (hs: string[]) => hs.some((h) => present.has(normaliseHeader(h)));
  return (!e.when?.present || has(e.when.present)) && !(e.when?.absent && has(e.when.absent));
};
