import { useId } from 'react';
import bar from '../../ui/scorecard.module.css';
import type { KpiOption } from '../types';
import styles from './filters.module.css';

/** The KPI whose rows to list instead of every order, and whether only its failing rows. */
export function KpiField({
  kpis,
  value,
  failedOnly,
  onKpi,
  onFailedOnly,
}: {
  kpis: KpiOption[];
  /** The chosen KPI's id, '' for every order. */
  value: string;
  failedOnly: boolean;
  onKpi: (id: string) => void;
  onFailedOnly: () => void;
}) {
  const id = useId();
  const judged = kpis.find((k) => k.id === value)?.judged ?? false;
  return (
    <div className={bar.field}>
      <div className={styles.kpiHead}>
        <label htmlFor={id}>Orders behind a KPI</label>
        <label className={styles.check}>
          <input
            type="checkbox"
            name="failed"
            value="1"
            defaultChecked={failedOnly}
            disabled={!judged}
            onChange={onFailedOnly}
          />
          Failing only
        </label>
      </div>
      <select
        id={id}
        className={`${bar.control} ${styles.kpiSelect}`}
        name="kpi"
        value={value}
        onChange={(e) => onKpi(e.target.value)}
      >
        <option value="">None: every order</option>
        {kpis.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
            {k.rowPer === 'return' ? ' (returns)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
