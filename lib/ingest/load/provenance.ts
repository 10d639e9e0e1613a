import 'server-only';
/**
 * Records, inside a load's transaction, where each canonical field it writes came from
 * (lib/model/provenance.ts), and says in the load report when one source column feeds two
 * timestamps a KPI measures the time between.
 */
import type { Database } from '@/lib/db/database';
import { mappingTargets, type MappingTarget } from '@/lib/model/canonical';
import {
  derivationRules,
  fieldLabel,
  provenanceOfLoad,
  sharedSources,
  type LoadField,
} from '@/lib/model/provenance';
import type { Mapping } from '../map/mapping';

export async function recordProvenance(
  tx: Database,
  loadId: number,
  target: MappingTarget,
  mapping: Pick<Mapping, 'columns'>,
  /** The fields read from the file (the transform plan's), before any derivation. */
  available: ReadonlySet<string>,
): Promise<LoadField[]> {
  const fields = provenanceOfLoad(target, mapping.columns, available);
  const params: (string | number | null)[] = [];
  const bind = (v: string | number | null) => `$${params.push(v)}`;
  const rows = fields.map(
    (f) =>
      `(${bind(loadId)}, ${bind(f.table)}, ${bind(f.field)}, ${bind(f.provenance)}, ${bind(JSON.stringify(f.sources))}::JSON, ${bind(f.rule)})`,
  );
  await tx.run(
    `INSERT OR REPLACE INTO load_fields (load_id, table_name, field, provenance, sources, rule) VALUES ${rows.join(', ')}`,
    params,
  );
  return fields;
}

/** Warnings for the load report: derived fields, and dates or quantities sharing one column. */
export function provenanceWarnings(fields: LoadField[]): string[] {
  const warnings: string[] = [];
  for (const f of fields)
    if (f.rule) warnings.push(`${derivationRules[f.rule].note} (${derivationRules[f.rule].rule})`);
  for (const { source, fields: shared } of sharedSources(fields)) {
    const stamps = shared.filter((f) => f.endsWith('_ts'));
    if (stamps.length < 2) continue;
    warnings.push(
      `"${source}" feeds ${stamps.map(fieldLabel).join(' and ')}: no time between them is measured for this load's orders.`,
    );
  }
  for (const { source, fields: shared } of sharedSources(fields)) {
    const quantities = shared.filter((f) => f.startsWith('qty_'));
    if (quantities.length < 2) continue;
    warnings.push(
      `"${source}" feeds ${quantities.map(fieldLabel).join(' and ')}: fill and backorder rates leave this load's orders out, as one column cannot say whether they shipped in full.`,
    );
  }
  return warnings;
}

/**
 * Loads recorded before provenance was (schema 5) have no load_fields rows: theirs is worked out
 * from the mapping in the ledger. Every field a mapping names was read (a load whose file lacks a
 * mapped column is refused), so the mapped fields are the ones the file supplied.
 */
export async function backfillProvenance(tx: Database): Promise<number> {
  const loads = await tx.all<{ load_id: number; target: string; mapping: string | null }>(
    `SELECT load_id, target, mapping::VARCHAR AS mapping FROM loads l
      WHERE status IN ('loaded', 'unchanged') AND mapping IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM load_fields f WHERE f.load_id = l.load_id)`,
  );
  let filled = 0;
  for (const load of loads) {
    const mapping = JSON.parse(load.mapping ?? 'null') as Partial<Mapping> | null;
    if (!mapping?.columns || !isTarget(load.target)) continue;
    await recordProvenance(
      tx,
      Number(load.load_id),
      load.target,
      { columns: mapping.columns },
      new Set(Object.keys(mapping.columns)),
    );
    filled++;
  }
  return filled;
}

function isTarget(target: string): target is MappingTarget {
  return (mappingTargets as readonly string[]).includes(target);
}
