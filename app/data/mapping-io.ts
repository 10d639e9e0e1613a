/**
 * The wizard's mapping file: the same JSON the CLI reads (--mapping) and writes (orderlens map),
 * validated by mappingSchema. Pure, so it is tested without a browser.
 */
import { MappingError, parseMappingJson, type Mapping } from '@/lib/ingest/map/mapping';

export type MappingImport = { mapping: Mapping } | { error: string };

/**
 * A mapping file read for this upload. Every problem is named: invalid JSON or fields (by their
 * mapping key), and headers the file does not have, since a load would refuse those anyway.
 */
export function readMappingFile(text: string, source: string, headers: string[]): MappingImport {
  let mapping: Mapping;
  try {
    mapping = parseMappingJson(text, source);
  } catch (error) {
    if (error instanceof MappingError) return { error: error.message };
    throw error;
  }
  // Matched as a load matches them: trimmed, any case.
  const known = new Set(headers.map((h) => h.trim().toLowerCase()));
  const missing = Object.entries(mapping.columns).flatMap(([field, source]) =>
    (Array.isArray(source) ? source : [source])
      .filter((h) => !known.has(h.trim().toLowerCase()))
      .map((h) => `columns.${field}: "${h}"`),
  );
  if (missing.length > 0) {
    return {
      error: `${source} names columns this file does not have: ${missing.join(', ')}.`,
    };
  }
  return { mapping };
}

/** The mapping as a file to download: pretty JSON, named after the upload. */
export function mappingFile(mapping: Mapping, uploadName: string): { name: string; text: string } {
  const base = uploadName.replace(/\.[^.]*$/, '') || 'extract';
  return { name: `${base}.mapping.json`, text: `${JSON.stringify(mapping, null, 2)}\n` };
}

/** Value maps with one entry set (or, with `to` undefined, removed); empty maps are dropped. */
export function withValueMap(
  values: Mapping['values'],
  field: string,
  from: string,
  to: string | undefined,
): Mapping['values'] {
  const next = { ...values, [field]: { ...values?.[field] } };
  if (to === undefined) delete next[field]![from];
  else next[field]![from] = to;
  const kept = Object.entries(next).filter(([, map]) => Object.keys(map).length > 0);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
