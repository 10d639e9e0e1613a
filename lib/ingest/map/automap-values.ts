/**
 * Sample values against the automatic mapping's candidates: values that do not fit a field's type
 * halve its confidence, and an id field whose values are dates, amounts, free text, a category or
 * postal codes is ruled out with the reason.
 */
import type { FieldType } from '@/lib/model/canonical';
import { notIdentifierWords } from './synonyms';
import { headerWords } from './automap-words';
import { fieldTypes } from './automap-index';
import type { Candidate } from './automap-candidates';

const SAMPLE_MISMATCH_FACTOR = 0.5;

const DATE_PATTERNS = [
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/, // ISO and SAP 2024.01.31
  /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/, // 31.01.2024, 1/31/24
  /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, // SAP internal 20240131
  /^\d{5}(\.\d+)?$/, // Excel serial
  /^\d{1,2}[-\s.]*[a-z]{3,9}\.?[-\s.,]*\d{2,4}/i, // 05-Jan-2024
  /^[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}/i, // Jan 5, 2024
];
const sampleChecks: Partial<Record<FieldType, { test: (v: string) => boolean; what: string }>> = {
  timestamp: { test: (v) => DATE_PATTERNS.some((p) => p.test(v)), what: 'dates' },
  number: { test: (v) => /^[-+(]?[$€£¥]?\s?\d[\d\s.,'’]*\)?-?$/.test(v), what: 'numbers' },
  integer: { test: (v) => /^[-+]?\d+(\.0+)?-?$/.test(v), what: 'whole numbers' },
};

const identifierFields = new Set(['order_id', 'customer_id', 'return_id', 'sku', 'shipment_id']);
/** Document numbers: an order, return or shipment number has digits and is not free text. */
const documentFields = new Set(['order_id', 'return_id', 'shipment_id']);
const ID_DATE_PATTERNS = DATE_PATTERNS.filter((p) => !p.test('45000')); // 5-digit ids are common
/** Fewer sampled values than this say too little about repeats. */
const REPEAT_SAMPLE = 10;

/**
 * Why a column cannot be the id field its header suggests, from the header's words and from its
 * values: dates, decimal amounts, free text, a category (few distinct words) or postal codes.
 */
function identifierDoubt(c: Candidate, header: string, values: string[]): string | undefined {
  const place = headerWords(header).find((w) => notIdentifierWords.has(w));
  if (place) return `"${place}" in the header: a place, postal code or grouping, not an id`;
  if (values.length === 0) return undefined;
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  if (share((v) => ID_DATE_PATTERNS.some((p) => p.test(v))) >= 0.8) return 'the values are dates';
  if (share((v) => /^[-+]?\d*[.,]\d*[1-9]\d*$/.test(v)) >= 0.8)
    return 'the values are decimal numbers';
  const documentLike = (v: string) => /\d/.test(v) && v.length <= 64 && !/\s\S*\s/.test(v);
  if (documentFields.has(c.field) && share(documentLike) < 0.8)
    return 'the values are not document numbers (no digits, or free text)';
  const distinct = new Set(values).size;
  const repeated = values.length >= REPEAT_SAMPLE && distinct / values.length <= 0.5;
  // Names repeat per line too (47 in 100 Superstore lines); a category repeats far more.
  const fewWords = values.length >= REPEAT_SAMPLE && distinct / values.length <= 0.3;
  if (fewWords && share((v) => !/[\d@]/.test(v)) >= 0.9)
    return `the values are a few words repeated (${distinct} distinct in ${values.length}): a category`;
  // A header only like an id's, over short numbers that repeat: postal codes (Olist's zip prefix).
  const zipLike = values.length >= REPEAT_SAMPLE && distinct / values.length <= 0.8;
  if (!c.exact && zipLike && share((v) => /^\d{3,5}$/.test(v)) >= 0.9)
    return 'the values look like postal codes (3 to 5 digits, repeated)';
  // Only a synonym vouches for an id that repeats this much (customers per line); likeness does not.
  if (!c.exact && repeated)
    return `the values repeat (${distinct} distinct in ${values.length}): a count or code, not an id`;
  return undefined;
}

/** Samples that do not fit the field's type halve the confidence (a date field of names, say). */
export function adjustForSamples(
  c: Candidate,
  samples: string[] | undefined,
  header = '',
): Candidate {
  const check = sampleChecks[fieldTypes.get(c.field) ?? 'text'];
  const values = (samples ?? []).map((s) => s.trim()).filter(Boolean);
  if (identifierFields.has(c.field)) {
    const doubt = identifierDoubt(c, header, values);
    if (doubt) return { ...c, confidence: 0, doubt };
  }
  if (!check || values.length === 0) return c;
  if (values.filter(check.test).length / values.length >= 0.8) return c;
  const reason = `${c.reason}; samples do not look like ${check.what}`;
  return { ...c, confidence: c.confidence * SAMPLE_MISMATCH_FACTOR, reason };
}
