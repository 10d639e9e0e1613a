/**
 * Where each canonical field of a load came from: supplied by the file, derived by a stated rule,
 * or absent. Recorded per load (load_fields) so that a KPI can say which of its numbers were
 * measured and which rest on an assumption. Pure data and functions, safe to import anywhere.
 */
import {
  canonicalFields,
  tablesOfTarget,
  type CanonicalTable,
  type MappingTarget,
} from './canonical';

export type FieldProvenance = 'supplied' | 'derived' | 'absent';

export interface DerivationRule {
  table: CanonicalTable;
  field: string;
  /** The rule in words, as the load applied it. */
  rule: string;
  /** The sentence a KPI built on the field shows beside its value. */
  note: string;
  /** Why such a value is not placed in a benchmark band, in a few words. */
  short: string;
}

/**
 * Every rule by which a load fills a field the file did not have. The SQL applying each lives in
 * canonical-rows.ts (and line numbering in validation); the words live here, once.
 */
export const derivationRules = {
  shipped_as_ordered: {
    table: 'shipments',
    field: 'qty_shipped',
    rule: 'shipped quantity = ordered − cancelled quantity',
    note: 'Shipped quantities were not in the extract; each line is assumed shipped in full.',
    short: 'assumed shipped quantity',
  },
  lines_numbered_in_file_order: {
    table: 'order_lines',
    field: 'line_no',
    rule: 'line number = position of the line in the file',
    note: 'Line numbers were not in the extract; lines are numbered in file order.',
    short: 'assumed line numbers',
  },
} as const satisfies Record<string, DerivationRule>;

export type DerivationRuleId = keyof typeof derivationRules;

export function ruleOfField(key: string): DerivationRule | undefined {
  return Object.values(derivationRules).find((r) => `${r.table}.${r.field}` === key);
}

export interface LoadField {
  table: CanonicalTable;
  field: string;
  provenance: FieldProvenance;
  /** The source columns feeding the field (the first non-empty wins); empty unless supplied. */
  sources: string[];
  rule: DerivationRuleId | null;
}

/**
 * The provenance of every field a load writes. `available` holds the fields the load read from the
 * file (the transform plan's fields), `columns` the mapping's field → source column(s).
 */
export function provenanceOfLoad(
  target: MappingTarget,
  columns: Record<string, string | string[]>,
  available: ReadonlySet<string>,
): LoadField[] {
  const rows: LoadField[] = [];
  for (const table of tablesOfTarget(target)) {
    for (const { name } of canonicalFields[table]) {
      const rule = derivedBy(target, table, name, available);
      const mapped = columns[name];
      if (rule) rows.push({ table, field: name, provenance: 'derived', sources: [], rule });
      else if (available.has(name) && mapped !== undefined)
        rows.push({
          table,
          field: name,
          provenance: 'supplied',
          sources: Array.isArray(mapped) ? mapped : [mapped],
          rule: null,
        });
      else rows.push({ table, field: name, provenance: 'absent', sources: [], rule: null });
    }
  }
  return rows;
}

function derivedBy(
  target: MappingTarget,
  table: CanonicalTable,
  field: string,
  available: ReadonlySet<string>,
): DerivationRuleId | null {
  // Mirrors flatShipments in canonical-rows.ts: without a shipped quantity, a flat extract's
  // shipment rows take the ordered less cancelled quantity.
  if (
    target === 'flat' &&
    table === 'shipments' &&
    field === 'qty_shipped' &&
    !available.has('qty_shipped') &&
    available.has('qty_ordered')
  )
    return 'shipped_as_ordered';
  // Validation numbers lines in file order when no line number is mapped.
  if (
    (target === 'flat' || target === 'order_lines') &&
    table === 'order_lines' &&
    field === 'line_no' &&
    !available.has('line_no') &&
    available.has('qty_ordered')
  )
    return 'lines_numbered_in_file_order';
  return null;
}

/** Fields of one load fed by a common source column, e.g. ERDAT as both order_ts and entered_ts. */
export function sharedSources(fields: LoadField[]): { source: string; fields: string[] }[] {
  const bySource = new Map<string, string[]>();
  for (const f of fields)
    for (const s of f.sources) {
      const list = bySource.get(s) ?? [];
      if (!list.includes(f.field)) list.push(f.field);
      bySource.set(s, list);
    }
  return [...bySource.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([source, list]) => ({ source, fields: list }));
}

/** A field in words: order_ts → "order date", qty_shipped → "shipped quantity". */
export function fieldLabel(field: string): string {
  const words: Record<string, string> = {
    order_ts: 'order date',
    entered_ts: 'entry date',
    released_ts: 'release date',
    ship_ts: 'ship date',
    delivered_ts: 'delivery date',
    return_ts: 'return date',
    credited_ts: 'credit date',
    cancelled_ts: 'cancellation date',
    qty_shipped: 'shipped quantity',
    qty_ordered: 'ordered quantity',
    qty_returned: 'returned quantity',
  };
  return words[field] ?? field.replace(/_ts$/, ' date').replaceAll('_', ' ');
}
