/**
 * What a KPI's value rests on, from its declared needs and the per-load provenance the fact rows
 * carry (lib/kpi/provenance-sql.ts): which of its rows lack a needed field altogether (excluded,
 * with the reason), which compare two fields fed by one source column (excluded), and which counted rows rest on a derived field (the value is then "assumed").
 */
import { fieldLabel, ruleOfField } from '@/lib/model/provenance';
import { provenanceBits } from './provenance-sql';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import type { Basis, ComponentUse } from './types';

/** The bit of a need alternative (table.column of a canonical table), or undefined. */
function bitOf(alt: string): bigint | undefined {
  return provenanceBits.get(alt);
}

/** The bits of every canonical field among the needs. */
export function needMask(needs: readonly string[]): bigint {
  let mask = 0n;
  for (const need of needs)
    for (const alt of need.split('|')) {
      const bit = bitOf(alt);
      if (bit !== undefined) mask |= bit;
    }
  return mask;
}

/**
 * Exclusions for rows whose loads did not have a needed field (none of its alternatives): a row
 * without a status is not "not cancelled" but unknown. Needs naming a whole table, or the entered
 * inputs, say nothing per row.
 */
export function provenanceExclusions(
  kpi: KpiDefinition,
  data?: ProvenanceSummary,
): { when: string; reason: string }[] {
  const list: { when: string; reason: string }[] = [];
  for (const need of kpi.needs) {
    const alts = need.split('|');
    const bits = alts.map(bitOf);
    if (bits.some((b) => b === undefined)) continue;
    // No row of the data lacks every alternative: the condition cannot hold, so no scan pays for it.
    if (data && bits.some((b) => (data.absent & b!) === 0n)) continue;
    const labels = alts.map((a) => fieldLabel(a.split('.')[1]!));
    list.push({
      when: bits.map((b) => `(prov_absent & ${b}::BIGINT) <> 0`).join(' AND '),
      reason: `no ${labels.join(' or ')} in the source file`,
    });
  }
  // Two fields a KPI compares, fed by one source column, compare a value with itself: a duration
  // of 0 h, or every line "shipped in full" when ordered and shipped quantity are one column.
  const compared = kpi.needs.filter(
    (n) =>
      !n.includes('|') && bitOf(n) !== undefined && (kpi.kind !== 'duration' || n.endsWith('_ts')),
  );
  const twinsPossible = !data || bitCount(data.twins & needMask(compared)) >= 2;
  if (compared.length >= 2 && twinsPossible) {
    const labels = compared.map((s) => fieldLabel(s.split('.')[1]!));
    list.push({
      when: `(bit_count(prov_twin_a & ${needMask(compared)}::BIGINT) >= 2 OR bit_count(prov_twin_b & ${needMask(compared)}::BIGINT) >= 2)`,
      reason:
        kpi.kind === 'duration'
          ? `${labels.join(' and ')} come from one source column`
          : `two of the fields it compares (${labels.join(', ')}) come from one source column`,
    });
  }
  return list;
}

/**
 * What the facts of a data version hold at all: the fields derived or absent for any row, and the
 * fields in any twin group. A KPI scan then tests only what can be true, so complete data pays
 * nothing for provenance.
 */
export interface ProvenanceSummary {
  derived: bigint;
  absent: bigint;
  twins: bigint;
}

export const PROVENANCE_SUMMARY_SQL = `
  SELECT coalesce(bit_or(prov_derived), 0)::VARCHAR AS derived,
         coalesce(bit_or(prov_absent), 0)::VARCHAR AS absent,
         coalesce(bit_or(prov_twin_a | prov_twin_b), 0)::VARCHAR AS twins
    FROM (SELECT prov_derived, prov_absent, prov_twin_a, prov_twin_b FROM kpi_order_facts
          UNION ALL
          SELECT prov_derived, prov_absent, prov_twin_a, prov_twin_b FROM kpi_return_facts)`;

function bitCount(mask: bigint): number {
  let n = 0;
  for (let m = mask; m > 0n; m >>= 1n) n += Number(m & 1n);
  return n;
}

/** The SQL aggregate of the derived fields a KPI's counted rows rest on, as a mask. */
export function derivedAggregate(mask: bigint, kept: string, data?: ProvenanceSummary): string {
  if (data && (data.derived & mask) === 0n) return '0::BIGINT';
  return `bit_or(prov_derived & ${mask}::BIGINT) FILTER (WHERE ${kept})`;
}

/** The derived fields (table.column) in a mask read back from SQL. */
export function fieldsOfMask(mask: unknown): string[] {
  if (mask === null || mask === undefined) return [];
  const value = BigInt(mask as bigint | number | string);
  if (value === 0n) return [];
  return [...provenanceBits.entries()].filter(([, bit]) => (value & bit) !== 0n).map(([k]) => k);
}

export interface BasisOf {
  basis: Basis;
  basisNotes: string[];
  /** Derived fields (table.column) the value rests on. */
  assumedFields?: string[];
}

/** Basis of a value whose counted rows rest on these derived fields. */
export function basisOfFields(fields: string[]): BasisOf {
  if (fields.length === 0) return { basis: 'measured', basisNotes: [] };
  return {
    basis: 'assumed',
    basisNotes: fields.map(
      (f) => ruleOfField(f)?.note ?? `The ${fieldLabel(f.split('.')[1]!)} was derived.`,
    ),
    assumedFields: fields,
  };
}

/** Basis of a composite: partial when a component had no data, assumed when a used one was. */
export function basisOfComposite(
  components: ComponentUse[],
  used: { basis?: Basis; basisNotes?: string[]; assumedFields?: string[] }[],
): BasisOf {
  const inUse = components.filter((c) => c.used);
  const missing = components.filter((c) => !c.used);
  const assumedFields = [...new Set(used.flatMap((u) => u.assumedFields ?? []))];
  const notes = [...new Set(used.flatMap((u) => u.basisNotes ?? []))];
  if (missing.length > 0) {
    const had = inUse.length ? `: ${inUse.map((c) => c.name).join(', ')}` : '';
    const lacking = missing.map((c) => `${c.name}${c.reason ? ` (${c.reason})` : ''}`).join(', ');
    return {
      basis: 'partial',
      basisNotes: [
        `Only ${inUse.length} of ${components.length} components had data${had}. Without data: ${lacking}.`,
        ...notes,
      ],
      ...(assumedFields.length ? { assumedFields } : {}),
    };
  }
  if (assumedFields.length || used.some((u) => u.basis === 'assumed'))
    return { basis: 'assumed', basisNotes: notes, assumedFields };
  return { basis: 'measured', basisNotes: [] };
}

/** Why a value is not placed in a band, in a few words ("2 of 4 components; assumed shipped quantity"). */
export function notPlacedReason(result: {
  basis?: Basis;
  assumedFields?: string[];
  components?: ComponentUse[];
}): string | null {
  if (!result.basis || result.basis === 'measured') return null;
  const parts: string[] = [];
  if (result.basis === 'partial' && result.components) {
    const used = result.components.filter((c) => c.used).length;
    parts.push(`${used} of ${result.components.length} components`);
  }
  for (const f of result.assumedFields ?? [])
    parts.push(ruleOfField(f)?.short ?? `assumed ${fieldLabel(f.split('.')[1]!)}`);
  return parts.length ? parts.join('; ') : result.basis;
}
