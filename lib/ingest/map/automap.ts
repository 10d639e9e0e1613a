/**
 * Automatic column mapping: which source header feeds each canonical field, with a confidence,
 * from header synonyms (synonyms.ts), word similarity and optional sample values.
 * Pure functions without I/O, so client components can propose mappings while a file is previewed.
 * The candidates are found in automap-candidates.ts, the table a file fits in automap-targets.ts.
 */
import {
  fieldsOfTarget,
  mappingTargets,
  requiredFieldsOfTarget,
  type MappingTarget,
} from '@/lib/model/canonical';
import type { SourceSystem } from './synonyms';
import { normaliseHeader } from './automap-words';
import { collectCandidates } from './automap-candidates';
import { assign, ofTarget, scoreTarget } from './automap-targets';

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
