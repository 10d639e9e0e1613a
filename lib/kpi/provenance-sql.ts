/**
 * Per-row provenance for the fact tables. Every canonical field has a bit; each fact row carries
 * the bits of the fields that one of its rows' loads derived (prov_derived) or did not have
 * (prov_absent), and, per source column feeding several fields of a load, the bits of those fields
 * (prov_twin_a, prov_twin_b). The rows carry their load id, so the masks come from load_fields through it; a KPI
 * then asks about its own needs (lib/kpi/provenance.ts) with plain bit arithmetic.
 */
import { canonicalFields, canonicalTables } from '@/lib/model/canonical';
import type { FactColumn } from '@/lib/semantic/facts';

/** table.field → bit, in schema order (45 fields: within a BIGINT). */
export const provenanceBits: ReadonlyMap<string, bigint> = new Map(
  canonicalTables
    .flatMap((table) => canonicalFields[table].map((f) => `${table}.${f.name}`))
    .map((key, i) => [key, 1n << BigInt(i)]),
);

const fieldBitsValues = [...provenanceBits.entries()]
  .map(([key, bit]) => {
    const [table, field] = key.split('.');
    return `('${table}', '${field}', ${bit}::BIGINT)`;
  })
  .join(', ');

/**
 * CTEs `prov_loads` (load_id, table_name, derived, absent, twins) of the loads with anything to
 * say; loads recorded before provenance was (no load_fields rows) have nothing to say.
 */
export const provenanceCtes = `
field_bits(table_name, field, bit) AS (VALUES ${fieldBitsValues}),
load_masks AS (
  SELECT f.load_id, f.table_name,
         coalesce(bit_or(b.bit) FILTER (WHERE f.provenance = 'derived'), 0) AS derived,
         coalesce(bit_or(b.bit) FILTER (WHERE f.provenance = 'absent'), 0) AS absent
    FROM load_fields f JOIN field_bits b USING (table_name, field)
   GROUP BY f.load_id, f.table_name
),
-- One mask per source column feeding two or more fields of a load (ERDAT as order and entry date);
-- a flat file's order_id feeding orders, lines and shipments is one field, not twins.
load_twins AS (
  SELECT load_id, list(mask ORDER BY mask) AS twins FROM (
    SELECT s.load_id, bit_or(b.bit) AS mask
      FROM (SELECT load_id, table_name, field,
                   unnest(json_transform(sources, '["VARCHAR"]')) AS source
              FROM load_fields WHERE provenance = 'supplied') s
      JOIN field_bits b USING (table_name, field)
     GROUP BY s.load_id, s.source HAVING count(DISTINCT s.field) > 1)
   GROUP BY load_id
),
prov_loads AS MATERIALIZED (
  SELECT m.load_id, m.table_name, m.derived, m.absent, t.twins
    FROM load_masks m LEFT JOIN load_twins t USING (load_id)
   WHERE m.derived <> 0 OR m.absent <> 0 OR t.twins IS NOT NULL
)`;

/** Per order: its provenance masks over the loads of its order, line, shipment and return rows. */
export const orderProvenanceCtes = `${provenanceCtes},
prov AS (
  SELECT order_id, bit_or(derived) AS derived, bit_or(absent) AS absent,
         list_sort(list_distinct(flatten(list(twins)))) AS twins
    FROM (SELECT r.order_id, p.* FROM orders r JOIN prov_loads p ON p.load_id = r.load_id AND p.table_name = 'orders'
          UNION ALL
          SELECT r.order_id, p.* FROM order_lines r JOIN prov_loads p ON p.load_id = r.load_id AND p.table_name = 'order_lines'
          UNION ALL
          SELECT r.order_id, p.* FROM shipments r JOIN prov_loads p ON p.load_id = r.load_id AND p.table_name = 'shipments'
          UNION ALL
          SELECT r.order_id, p.* FROM returns r JOIN prov_loads p ON p.load_id = r.load_id AND p.table_name = 'returns')
   GROUP BY order_id
)`;

/**
 * The fact columns, given the alias of a joined row of `prov` (or of prov_loads). The twin lists
 * are sorted (by mask), so which group is exact does not depend on the order DuckDB happened to
 * collect them in, and two builds of the same data agree. The twin groups
 * are two scalar masks, not a list: every KPI scan tests them on every row, and a list column
 * (read, and tested through a lambda) made the cold catalogue a third slower. The first group is
 * exact; any further groups are folded into the second, which can only err towards leaving a row
 * out (two fields fed by two different columns that each feed another field), never in.
 */
export const provenanceFactColumns = (alias: string): FactColumn[] => [
  mask('prov_derived', 'Fields derived', `coalesce(${alias}.derived, 0)`),
  mask('prov_absent', 'Fields absent', `coalesce(${alias}.absent, 0)`),
  mask('prov_twin_a', 'Fields of one column', `coalesce(${alias}.twins[1], 0)`),
  mask(
    'prov_twin_b',
    'Fields of one column (more)',
    `CASE WHEN len(${alias}.twins) > 1
            THEN list_reduce(${alias}.twins[2:], lambda a, b: a | b) ELSE 0 END`,
  ),
];

function mask(name: string, label: string, sql: string): FactColumn {
  return {
    name,
    type: 'BIGINT',
    kind: 'mask',
    label,
    description: 'Provenance bits of the canonical fields (lib/kpi/provenance.ts reads them)',
    sql,
  };
}
