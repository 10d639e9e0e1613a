/**
 * What a KPI's value rests on, from its declared needs and the per-load provenance the fact rows
 * carry (metrics/views/provenance.ts): which of its rows lack a needed field altogether (excluded,
 * with the reason), which measure a duration between two fields fed by one source column
 * (excluded), and which counted rows rest on a derived field (the value is then "assumed").
 */
import { fieldLabel, ruleOfField } from '@/lib/model/provenance';
import { provenanceBits } from '@/metrics/views/provenance';
import type { KpiDefinition } from './define';
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
export function provenanceExclusions(kpi: KpiDefinition): { when: string; reason: string }[] {
  const list: { when: string; reason: string }[] = [];
  for (const need of kpi.needs) {
    const alts = need.split('|');
    const bits = alts.map(bitOf);
    if (bits.some((b) => b === undefined)) continue;
    const labels = alts.map((a) => fieldLabel(a.split('.')[1]!));
    list.push({
      when: bits.map((b) => `(prov_absent & ${b}::BIGINT) <> 0`).join(' AND '),
      reason: `no ${labels.join(' or ')} in the source file`,
    });
  }
  if (kpi.kind === 'duration') {
    const stamps = kpi.needs.filter((n) => !n.includes('|') && n.endsWith('_ts'));
    const mask = needMask(stamps);
    if (stamps.length >= 2)
      list.push({
        when: `len(list_filter(prov_twins, lambda m: bit_count(m & ${mask}::BIGINT) >= 2)) > 0`,
        reason: `${stamps.map((s) => fieldLabel(s.split('.')[1]!)).join(' and ')} come from one source column`,
      });
  }
  return list;
}

/** The SQL aggregate of the derived fields a KPI's counted rows rest on, as a mask. */
export function derivedAggregate(mask: bigint, kept: string): string {
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
