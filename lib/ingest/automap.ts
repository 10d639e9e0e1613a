/**
 * Automatic column mapping: which source header feeds each canonical field, with a confidence,
 * from header synonyms (synonyms.ts), word similarity and optional sample values.
 * Pure functions without I/O, so client components can propose mappings while a file is previewed.
 */
import {
  canonicalFields,
  canonicalTables,
  fieldsOfTarget,
  mappingTargets,
  requiredFieldsOfTarget,
  type CanonicalTable,
  type FieldType,
  type MappingTarget,
} from '../model/canonical';
import {
  headerSynonyms,
  freeTextWords,
  knownUnmappedHeaders,
  returnWords,
  systemLabels,
  tokenAliases,
  weakTokens,
  type SourceSystem,
  type SynonymGroup,
} from './synonyms';

export type { SourceSystem } from './synonyms';

export interface FieldProposal {
  field: string;
  source: string;
  confidence: number;
  reason: string;
}

export interface MappingProposal {
  target: MappingTarget;
  columns: Record<string, string>;
  proposals: FieldProposal[];
  unmappedRequired: string[];
  unusedHeaders: string[];
  targetScores: Record<MappingTarget, number>;
  system?: SourceSystem;
}

export interface ProposeOptions {
  /** Map onto this target instead of the best-fitting one. */
  target?: MappingTarget;
  /** A few values per column, keyed by the header exactly as given; they check field types. */
  samples?: Record<string, string[]>;
}

/** Proposals at or above this confidence are mapped; lower ones are only suggested. */
export const MAPPING_THRESHOLD = 0.6;
const SUGGESTION_FLOOR = 0.3;
const EXACT = 0.95;
/** Meanings of the recognised system gain; other systems' meanings of the same header lose. */
const SYSTEM_BOOST = 0.1;
const BOOST_CEILING = 0.94;
const FOREIGN_FACTOR = 0.6;
const SAMPLE_MISMATCH_FACTOR = 0.5;
/** Target fit: a field this confident is evidence for a shipments or returns extract. */
const SIGNAL_CONFIDENCE = 0.75;
const NO_SIGNAL_FACTOR = 0.25;
const ORDER_DATE_IN_SHIPMENTS_FACTOR = 0.8;

const round2 = (n: number) => Math.round(n * 100) / 100;
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');

/** 'Order-Date ' -> 'orderdate', '\uFEFFWährung' -> 'wahrung'. */
export function normaliseHeader(h: string): string {
  return fold(h).replace(/[^a-z0-9]/g, '');
}

/** Words of a header, camelCase split and abbreviations expanded: 'SalesQty' -> sales, quantity. */
export function headerWords(h: string): string[] {
  const spaced = h
    .replace(/#/g, ' number ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return fold(spaced)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => tokenAliases[w] ?? w);
}

interface Entry extends Pick<SynonymGroup, 'system' | 'when' | 'note'> {
  field: string;
  header: string;
  words: string[];
  confidence: number;
  shared: boolean;
}

interface Candidate {
  field: string;
  index: number;
  confidence: number;
  reason: string;
  shared: boolean;
  system?: SourceSystem;
}

// Field order (orders, lines, shipments, returns) is the last tie-break; types drive sample checks.
const allFields = canonicalTables.flatMap((t) => canonicalFields[t]);
const fieldTypes = new Map<string, FieldType>(allFields.map((f) => [f.name, f.type]));
const fieldOrder = [...fieldTypes.keys()];

// Canonical names are generic synonyms too (the generator writes them); synonyms come first so
// that on equal confidence the more telling reason ('header "Order ID"') is kept.
const entries: Entry[] = [
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
const entriesByHeader = new Map<string, Entry[]>();
for (const e of entries) {
  const key = normaliseHeader(e.header);
  entriesByHeader.set(key, [...(entriesByHeader.get(key) ?? []), e]);
}
const unmappedSystems = new Map<string, SourceSystem>(
  knownUnmappedHeaders.flatMap((g) =>
    g.headers.map((h) => [normaliseHeader(h), g.system] as const),
  ),
);

/** Fields only one table has: matching them confidently is evidence for that table. */
const ownFields = (table: CanonicalTable) =>
  new Set(
    canonicalFields[table]
      .filter((f) => allFields.filter((o) => o.name === f.name).length === 1)
      .map((f) => f.name),
  );
const shipmentOnly = ownFields('shipments');
const returnOnly = ownFields('returns');

const isActive = (e: Entry, present: Set<string>) => {
  const has = (hs: string[]) => hs.some((h) => present.has(normaliseHeader(h)));
  return (!e.when?.present || has(e.when.present)) && !(e.when?.absent && has(e.when.absent));
};

function exactReason(e: Entry): string {
  if (e.header === e.field) return `canonical field ${e.field}`;
  const label = systemLabels[e.system];
  const technical = /^[A-Z][A-Z0-9_]+$|^[A-Z][a-z]+(?:[A-Z][a-z]*)+$/.test(e.header);
  const base = !label ? 'header' : technical ? `${label} field` : `${label} header`;
  const name = technical && label ? e.header : `"${e.header}"`;
  return `${base} ${name}${e.note ? `: ${e.note}` : ''}`;
}

/** Synonyms of the header; the canonical name written exactly ('order_id', any case) scores 1. */
function exactCandidates(header: string, index: number, present: Set<string>): Candidate[] {
  const raw = header.trim().toLowerCase(); // trim() also drops a BOM
  return (entriesByHeader.get(normaliseHeader(header)) ?? [])
    .filter((e) => isActive(e, present))
    .map((e) => ({
      field: e.field,
      index,
      confidence: e.header === e.field && raw === e.field ? 1 : e.confidence,
      reason: exactReason(e),
      shared: e.shared,
      system: e.system,
    }));
}

/** Same words, a synonym's words plus others, or a share of words including a distinctive one. */
function similarity(words: Set<string>, synonym: string[]) {
  const syn = new Set(synonym);
  const common = [...syn].filter((w) => words.has(w));
  const distinctive = common.some((w) => !weakTokens.has(w));
  // All of 'Order Date' inside 'Order Date (UTC)' counts; a lone weak word ('Date') does not.
  if (common.length === syn.size && (distinctive || syn.size > 1)) {
    if (syn.size === words.size) return { kind: 'same words as', value: 0.9 };
    return { kind: 'similar to', value: 0.6 + (0.2 * syn.size) / words.size };
  }
  if (!distinctive) return undefined;
  const dice = (2 * common.length) / (syn.size + words.size);
  return dice >= 0.5 ? { kind: 'partly like', value: 0.3 + 0.25 * dice } : undefined;
}

function similarCandidates(header: string, index: number, present: Set<string>): Candidate[] {
  const words = new Set(headerWords(header));
  if ([...words].some((w) => freeTextWords.has(w))) return [];
  const best = new Map<string, Candidate>();
  for (const e of entries) {
    const sim = isActive(e, present) ? similarity(words, e.words) : undefined;
    if (!sim) continue;
    const confidence = (sim.value * e.confidence) / EXACT;
    if (confidence <= (best.get(e.field)?.confidence ?? 0)) continue;
    const reason = `${sim.kind} "${e.header}"`;
    best.set(e.field, {
      field: e.field,
      index,
      confidence,
      reason,
      shared: false,
      system: e.system,
    });
  }
  return [...best.values()];
}

/** The system with at least two headers that only it uses; else generic if anything was recognised. */
function detectSystem(norms: string[]): SourceSystem | undefined {
  const votes = new Map<SourceSystem, number>();
  let recognised = false;
  for (const norm of norms) {
    const systems = new Set((entriesByHeader.get(norm) ?? []).map((e) => e.system));
    const unmapped = unmappedSystems.get(norm);
    if (unmapped) systems.add(unmapped);
    if (systems.size > 0) recognised = true;
    const [only] = systems;
    if (systems.size === 1 && only !== undefined && only !== 'generic') {
      votes.set(only, (votes.get(only) ?? 0) + 1);
    }
  }
  const [first, second] = [...votes].sort((a, b) => b[1] - a[1]);
  if (first && first[1] >= 2 && first[1] > (second?.[1] ?? 0)) return first[0];
  return recognised ? 'generic' : undefined;
}

/**
 * The recognised system's meaning of a header outranks other readings of it; in a file recognised
 * as generic, the generic reading outranks system-specific ones ('Ship Date' is not NetSuite's plan).
 */
function adjustForSystem(c: Candidate, dominant: SourceSystem, own: Candidate[]): Candidate {
  if (!c.system) return c;
  if (c.system === dominant) {
    // Only mapped-grade matches gain, and never up to an exact one: ERDAT stays behind AUDAT.
    if (dominant === 'generic' || c.confidence < MAPPING_THRESHOLD || c.confidence >= BOOST_CEILING)
      return c;
    return { ...c, confidence: Math.min(BOOST_CEILING, c.confidence + SYSTEM_BOOST) };
  }
  const ownHere = own.filter((o) => o.index === c.index);
  const redefined = ownHere.length > 0 && !ownHere.some((o) => o.field === c.field);
  if (!redefined && (dominant === 'generic' || c.system === 'generic')) return c;
  const reason = `${c.reason} (read as ${systemLabels[dominant] || 'a generic extract'})`;
  return { ...c, confidence: c.confidence * FOREIGN_FACTOR, reason };
}

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

/** Samples that do not fit the field's type halve the confidence (a date field of names, say). */
function adjustForSamples(c: Candidate, samples: string[] | undefined): Candidate {
  const check = sampleChecks[fieldTypes.get(c.field) ?? 'text'];
  const values = (samples ?? []).map((s) => s.trim()).filter(Boolean);
  if (!check || values.length === 0) return c;
  if (values.filter(check.test).length / values.length >= 0.8) return c;
  const reason = `${c.reason}; samples do not look like ${check.what}`;
  return { ...c, confidence: c.confidence * SAMPLE_MISMATCH_FACTOR, reason };
}

const byStrength = (a: Candidate, b: Candidate) =>
  b.confidence - a.confidence ||
  a.index - b.index ||
  fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field);

function collectCandidates(headers: string[], samples: Record<string, string[]> = {}) {
  const norms = headers.map(normaliseHeader);
  const present = new Set(norms);
  const system = detectSystem(norms);
  const raw = headers.flatMap((header, index) => {
    const exact = exactCandidates(header, index, present);
    const skip = exact.length > 0 || unmappedSystems.has(norms[index] ?? '');
    return skip ? exact : similarCandidates(header, index, present);
  });
  const own = raw.filter((c) => c.system === system);
  const best = new Map<string, Candidate>();
  for (const c of raw) {
    const adjusted = adjustForSamples(
      system ? adjustForSystem(c, system, own) : c,
      samples[headers[c.index] ?? ''],
    );
    const candidate = { ...adjusted, confidence: round2(adjusted.confidence) };
    const key = `${candidate.field}\u0000${candidate.index}`;
    const previous = best.get(key);
    if (!previous || candidate.confidence > previous.confidence) best.set(key, candidate);
  }
  const candidates = [...best.values()]
    .filter((c) => c.confidence >= SUGGESTION_FLOOR)
    .sort(byStrength);
  return { candidates, system };
}

/** Greedy by confidence, then header order: each field gets one header, each header one field unless shared. */
function assign(candidates: Candidate[]): Map<string, Candidate> {
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

const ofTarget = (candidates: Candidate[], target: MappingTarget) => {
  const names = new Set(fieldsOfTarget(target).map((f) => f.name));
  return candidates.filter((c) => names.has(c.field));
};

/** Share of headers explained x share of required fields found x table-specific evidence. */
function scoreTarget(target: MappingTarget, candidates: Candidate[], headers: string[]): number {
  const columns = assign(ofTarget(candidates, target));
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

/**
 * Proposes a mapping of source headers onto a target: the best-fitting table, or options.target.
 * Required fields without a confident header are reported in unmappedRequired, never guessed.
 */
export function proposeMapping(headers: string[], options: ProposeOptions = {}): MappingProposal {
  const { candidates, system } = collectCandidates(headers, options.samples);
  const targetScores = Object.fromEntries(
    mappingTargets.map((t) => [t, scoreTarget(t, candidates, headers)]),
  ) as Record<MappingTarget, number>;
  const target =
    options.target ??
    mappingTargets.reduce((best, t) => (targetScores[t] > targetScores[best] ? t : best));
  const fields = fieldsOfTarget(target).map((f) => f.name);
  const own = ofTarget(candidates, target);
  const assigned = assign(own);
  const columns: Record<string, string> = {};
  for (const field of fields) {
    const c = assigned.get(field);
    if (c) columns[field] = headers[c.index] ?? '';
  }
  const proposals = fields.flatMap((field) =>
    own
      .filter((c) => c.field === field)
      .map((c) => ({
        field,
        source: headers[c.index] ?? '',
        confidence: c.confidence,
        reason: c.reason,
      })),
  );
  const used = new Set([...assigned.values()].map((c) => c.index));
  return {
    target,
    columns,
    proposals,
    unmappedRequired: requiredFieldsOfTarget(target).filter((f) => !(f in columns)),
    unusedHeaders: headers.filter((h, i) => !used.has(i) && normaliseHeader(h) !== ''),
    targetScores,
    ...(system ? { system } : {}),
  };
}
