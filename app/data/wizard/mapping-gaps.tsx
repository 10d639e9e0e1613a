/** What the mapping leaves out: fields the KPIs need, and columns of the file not loaded. */
import { kpisWithout, type KpiNeeds } from '@/lib/ingest/map/automap-kpis';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { MappingTarget } from '@/lib/model/canonical';
import styles from '../data.module.css';

/** The fields still unmapped that KPIs need: what the mapping costs as it stands. */
export function UnmappedCosts({
  target,
  mapping,
  kpis,
}: {
  target: MappingTarget;
  mapping: Mapping;
  kpis: KpiNeeds[];
}) {
  const costs = kpisWithout(target, Object.keys(mapping.columns), kpis);
  if (costs.length === 0) return null;
  return (
    <div style={{ marginTop: 10 }}>
      <span className={styles.hint}>
        Not mapped, and the KPIs that need it (unless another file provides it):
      </span>
      <ul className={styles.tagList}>
        {costs.map(({ field, kpis: names }) => (
          <li key={field} title={names.join(', ')}>
            {field}: {names.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnusedColumns({ headers, mapping }: { headers: string[]; mapping: Mapping }) {
  const used = new Set(Object.values(mapping.columns).flat());
  const unused = headers.filter((h) => h.trim() && !used.has(h));
  if (unused.length === 0) return null;
  return (
    <div style={{ marginTop: 10 }}>
      <span className={styles.hint}>Columns not loaded ({unused.length}):</span>
      <ul className={styles.tagList}>
        {unused.map((header, i) => (
          <li key={`${i}-${header}`}>{header}</li>
        ))}
      </ul>
    </div>
  );
}
