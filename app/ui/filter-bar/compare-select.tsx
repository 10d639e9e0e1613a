import { useId } from 'react';
import type { ParsedKpiQuery } from '@/lib/kpi/filters';
import styles from '../scorecard.module.css';

export type Compare = ParsedKpiQuery['compare'];

const compareOptions: { value: NonNullable<Compare> | ''; label: string }[] = [
  { value: '', label: 'No comparison' },
  { value: 'previous', label: 'Previous period' },
  { value: 'last_year', label: 'Same period last year' },
  { value: 'both', label: 'Both' },
];

/** What the KPIs are compared with: nothing, the previous period, last year or both. */
export function CompareSelect({
  value,
  onChange,
}: {
  value: Compare;
  onChange: (value: Compare) => void;
}) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>Compare with</label>
      <select
        id={id}
        className={styles.control}
        name="compare"
        value={value ?? ''}
        onChange={(e) => onChange((e.target.value || undefined) as Compare)}
      >
        {compareOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
