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
  tablesOfTarget,
  type CanonicalTable,
  type FieldType,
  type MappingTarget,
} from '../model/canonical';
import {
  headerSynonyms,
  freeTextWords,
  knownUnmappedHeaders,
  notIdentifierWords,
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

/** A column whose header suggested a field but whose values said otherwise: not proposed. */
export interface FieldDoubt {
  field: string;
  source: string;
  reason: string;
}

/**
 * ok: the required fields are mapped. incomplete: some required field was not found.
 * not_orders: too little was recognised to call the file an order extract; nothing is proposed.
 */
export type ProposalStatus = 'ok' | 'incomplete' | 'not_orders';

export interface MappingProposal {
  target: MappingTarget;
  columns: Record<string, string>;
  proposals: FieldProposal[];
  unmappedRequired: string[];
  /** Every field of the target left unmapped, required ones first (see kpisWithout). */
  unmappedFields: string[];
  unusedHeaders: string[];
  targetScores: Record<MappingTarget, number>;
  system?: SourceSystem;
  status: ProposalStatus;
  /** One sentence for the wizard and `orderlens map`: what was found, what is missing. */
  message: string;
  /** What was recognised, field → header, also when the status withholds it from `columns`. */
  recognised: Record<string, string>;
  doubts: FieldDoubt[];
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
  /** Matched by a synonym rather than by word similarity. */
  exact?: boolean;
  /** Why the values rule this column out for the field. */
  doubt?: string;
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
      exact: true,
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
function adjustForSamples(c: Candidate, samples: string[] | undefined, header = ''): Candidate {
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
  const doubts = new Map<string, Candidate>();
  for (const c of raw) {
    const header = headers[c.index] ?? '';
    const adjusted = adjustForSamples(
      system ? adjustForSystem(c, system, own) : c,
      samples[header],
      header,
    );
    if (adjusted.doubt) {
      if (c.confidence >= SUGGESTION_FLOOR) doubts.set(`${c.field}\u0000${c.index}`, adjusted);
      continue;
    }
    const candidate = { ...adjusted, confidence: round2(adjusted.confidence) };
    const key = `${candidate.field}\u0000${candidate.index}`;
    const previous = best.get(key);
    if (!previous || candidate.confidence > previous.confidence) best.set(key, candidate);
  }
  const candidates = [...best.values()]
    .filter((c) => c.confidence >= SUGGESTION_FLOOR)
    .sort(byStrength);
  return { candidates, system, doubts: [...doubts.values()] };
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

/**
 * The candidates for a target's fields. In an orders file each row is one order, so an order id
 * column whose values repeat is not one (in a lines file it repeats per line, as it should).
 */
const ofTarget = (
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
function scoreTarget(
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

/** Fields that describe who or where rather than an order: alone they make no order extract. */
const partyFields = new Set(['customer_id', 'region', 'channel', 'site', 'currency']);
const keyFields = ['order_id', 'return_id', 'shipment_id'];
/** A document number this confident makes an order extract by itself (Superstore Returns.csv). */
const KEY_CONFIDENCE = 0.85;

/**
 * Proposes a mapping of source headers onto a target: the best-fitting table, or options.target.
 * Required fields without a confident header are reported in unmappedRequired, never guessed; a
 * column whose values contradict its header is left out and named in doubts.
 */
export function proposeMapping(headers: string[], options: ProposeOptions = {}): MappingProposal {
  const samples = options.samples ?? {};
  const { candidates, system, doubts: valueDoubts } = collectCandidates(headers, samples);
  const targetScores = Object.fromEntries(
    mappingTargets.map((t) => [t, scoreTarget(t, candidates, headers, samples)]),
  ) as Record<MappingTarget, number>;
  const target =
    options.target ??
    mappingTargets.reduce((best, t) => (targetScores[t] > targetScores[best] ? t : best));
  const fields = fieldsOfTarget(target).map((f) => f.name);
  const judged = ofTarget(candidates, target, samples, headers);
  const own = judged.filter((c) => !c.doubt);
  const assigned = assign(own);
  const recognised: Record<string, string> = {};
  for (const field of fields) {
    const c = assigned.get(field);
    if (c) recognised[field] = headers[c.index] ?? '';
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
  const orderish = Object.keys(recognised).filter((f) => !partyFields.has(f));
  const keyed = keyFields.some((f) => (assigned.get(f)?.confidence ?? 0) >= KEY_CONFIDENCE);
  const notOrders = !keyed && orderish.length < 2;
  // Asked for a table, the caller gets what fits it; unasked, a non-order file gets nothing.
  const columns = notOrders && !options.target ? {} : recognised;
  const used = new Set(
    [...assigned.values()].filter((c) => c.field in columns).map((c) => c.index),
  );
  const unmappedRequired = requiredFieldsOfTarget(target).filter((f) => !(f in columns));
  const unmappedFields = [
    ...unmappedRequired,
    ...fields.filter((f) => !(f in columns) && !unmappedRequired.includes(f)),
  ];
  const targetDoubts = judged.filter((c) => c.doubt && !valueDoubts.includes(c));
  const doubts = [...valueDoubts, ...targetDoubts]
    .filter((c) => fields.includes(c.field) && !(c.field in recognised))
    .map((c) => ({ field: c.field, source: headers[c.index] ?? '', reason: c.doubt ?? '' }));
  const status: ProposalStatus = notOrders
    ? 'not_orders'
    : unmappedRequired.length > 0
      ? 'incomplete'
      : 'ok';
  return {
    target,
    columns,
    proposals,
    unmappedRequired,
    unmappedFields,
    unusedHeaders: headers.filter((h, i) => !used.has(i) && normaliseHeader(h) !== ''),
    targetScores,
    ...(system ? { system } : {}),
    status,
    message: proposalMessage(status, recognised, unmappedRequired, fields.length),
    recognised,
    doubts,
  };
}

function proposalMessage(
  status: ProposalStatus,
  recognised: Record<string, string>,
  unmappedRequired: string[],
  fieldCount: number,
): string {
  const found = Object.entries(recognised).map(([field, header]) => `${field} ← "${header}"`);
  if (status === 'not_orders') {
    return (
      `${found.length ? `Recognised ${found.join(', ')}, and nothing else` : 'Recognised nothing'}: ` +
      'this does not look like an order extract (no order number, order date, quantity, ' +
      'shipment or return column was found). Choose the table and map the columns by hand if it is one.'
    );
  }
  const mapped = `Mapped ${found.length} of ${fieldCount} fields.`;
  if (status === 'ok') return mapped;
  return `${mapped} Required and not found: ${unmappedRequired.join(', ')}.`;
}

/** A KPI as the proposal needs to know it: its name and the fields it reads ('shipments.ship_ts'). */
export interface KpiNeeds {
  name: string;
  needs: readonly string[];
}

/**
 * For each unmapped field of a target, the KPIs whose needs name it, so the caller that has the
 * catalogue (lib cannot import metrics/) can say what an unmapped field costs. A need with
 * alternatives ('orders.cancelled_ts|orders.status') counts when every alternative this target
 * could feed is unmapped; another file may still provide it, which the wording should admit.
 */
export function kpisWithout(
  target: MappingTarget,
  mapped: Iterable<string>,
  catalogue: readonly KpiNeeds[],
): { field: string; kpis: string[] }[] {
  const tables = new Set<string>(tablesOfTarget(target));
  const have = new Set(mapped);
  const targetFields = new Set(fieldsOfTarget(target).map((f) => f.name));
  const lost = new Map<string, string[]>();
  for (const kpi of catalogue) {
    for (const need of kpi.needs) {
      const here = need
        .split('|')
        .map((alt) => alt.split('.'))
        .filter(([table, field]) => field && tables.has(table!) && targetFields.has(field));
      if (here.length === 0 || here.some(([, field]) => have.has(field!))) continue;
      for (const [, field] of here) {
        const kpis = lost.get(field!) ?? [];
        if (!kpis.includes(kpi.name)) lost.set(field!, [...kpis, kpi.name]);
      }
    }
  }
  return fieldsOfTarget(target)
    .map((f) => f.name)
    .filter((f) => lost.has(f))
    .map((field) => ({ field, kpis: lost.get(field)! }));
}
