/**
 * Which table a file fits: the candidates of a target's fields, assigned one header each, and a
 * score from the headers explained, the required fields found and table-specific evidence.
 */
import {
  canonicalFields,
  fieldsOfTarget,
  requiredFieldsOfTarget,
  type CanonicalTable,
  type MappingTarget,
} from '@/lib/model/canonical';
import { returnWords } from './synonyms';
import { headerWords, normaliseHeader } from './automap-words';
import { allFields } from './automap-index';
import { MAPPING_THRESHOLD, round2, type Candidate } from './automap-candidates';

/** Target fit: a field this confident is evidence for a shipments or returns extract. */
const SIGNAL_CONFIDENCE = 0.75;
const NO_SIGNAL_FACTOR = 0.25;
const ORDER_DATE_IN_SHIPMENTS_FACTOR = 0.8;

/** Fields only one table has: matching them confidently is evidence for that table. */
const ownFields = (table: CanonicalTable) =>
  new Set(
    canonicalFields[table]
      .filter((f) => allFields.filter((o) => o.name === f.name).length === 1)
      .map((f) => f.name),
  );
const shipmentOnly = ownFields('shipments');
const returnOnly = ownFields('returns');

/** Greedy by confidence, then header order: each field gets one header, each header one field unless shared. */
export function assign(candidates: Candidate[]): Map<string, Candidate> {
  const columns = new Map<string, Candidate>();
  const taken = new Set<number>();
  for (const c of candidates) {
    if (c.confidence < MAPPING_THRESHOLD || columns.has(c.field)) continue;
    if (!c.shared && taken.has(c.index)) continue;
    columns.set(c.field, c);
    if (!c.shared) taken.add(c.index);
  }
  return columns;
}

/**
 * The candidates for a target's fields. In an orders file each row is one order, so an order id
 * column whose values repeat is not one (in a lines file it repeats per line, as it should).
 */
export const ofTarget = (
  candidates: Candidate[],
  target: MappingTarget,
  samples: Record<string, string[]> = {},
  headers: string[] = [],
) => {
  const names = new Set(fieldsOfTarget(target).map((f) => f.name));
  return candidates
    .filter((c) => names.has(c.field))
    .map((c) => {
      if (target !== 'orders' || c.field !== 'order_id') return c;
      const values = (samples[headers[c.index] ?? ''] ?? []).map((v) => v.trim()).filter(Boolean);
      const distinct = new Set(values).size;
      if (distinct === values.length) return c;
      const doubt = `the values repeat (${distinct} distinct in ${values.length} rows): an orders file has one row per order`;
      return { ...c, confidence: 0, doubt };
    });
};

/** Share of headers explained x share of required fields found x table-specific evidence. */
export function scoreTarget(
  target: MappingTarget,
  candidates: Candidate[],
  headers: string[],
  samples?: Record<string, string[]>,
): number {
  const columns = assign(ofTarget(candidates, target, samples, headers));
  const perHeader = new Map<number, number>();
  for (const c of columns.values())
    perHeader.set(c.index, Math.max(perHeader.get(c.index) ?? 0, c.confidence));
  const headerCount = headers.filter((h) => normaliseHeader(h) !== '').length;
  if (headerCount === 0) return 0;
  const coverage = [...perHeader.values()].reduce((a, b) => a + b, 0) / headerCount;
  const required = requiredFieldsOfTarget(target);
  // Missing required fields weigh heavily but do not zero a table out (returns without order ids).
  const found = (required.filter((f) => columns.has(f)).length / required.length + 0.1) / 1.1;
  const evidence = (own: Set<string>) =>
    [...columns.values()].some((c) => own.has(c.field) && c.confidence >= SIGNAL_CONFIDENCE);
  let factor = 1;
  if (target === 'shipments') {
    const orderDate = candidates.some(
      (c) => c.field === 'order_ts' && c.confidence >= SIGNAL_CONFIDENCE,
    );
    factor =
      (evidence(shipmentOnly) ? 1 : NO_SIGNAL_FACTOR) *
      (orderDate ? ORDER_DATE_IN_SHIPMENTS_FACTOR : 1);
  } else if (target === 'returns') {
    const returnish = headers.some((h) => headerWords(h).some((w) => returnWords.has(w)));
    factor = evidence(returnOnly) || returnish ? 1 : NO_SIGNAL_FACTOR;
  }
  return round2(coverage * found * factor);
}
