/**
 * The candidates of the automatic mapping: for each header, the fields it may feed with a
 * confidence and a reason, from synonyms or word similarity, weighed by the recognised source
 * system and by the column's sample values.
 */
import { systemLabels, weakTokens, freeTextWords, type SourceSystem } from './synonyms';
import { headerWords, normaliseHeader } from './automap-words';
import {
  EXACT,
  entries,
  entriesByHeader,
  fieldOrder,
  isActive,
  unmappedSystems,
  type Entry,
} from './automap-index';
import { adjustForSamples } from './automap-values';

/** Proposals at or above this confidence are mapped; lower ones are only suggested. */
export const MAPPING_THRESHOLD = 0.6;
const SUGGESTION_FLOOR = 0.3;
/** Meanings of the recognised system gain; other systems' meanings of the same header lose. */
const SYSTEM_BOOST = 0.1;
const BOOST_CEILING = 0.94;
const FOREIGN_FACTOR = 0.6;

export const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Candidate {
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

const byStrength = (a: Candidate, b: Candidate) =>
  b.confidence - a.confidence ||
  a.index - b.index ||
  fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field);

export function collectCandidates(headers: string[], samples: Record<string, string[]> = {}) {
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
