import { useId } from 'react';
import styles from '../scorecard.module.css';
import type { PeriodPreset } from './period-presets';

/** The period presets; "Custom range" when the dates are none of them. */
export function PeriodSelect({
  presets,
  from,
  to,
  onPick,
}: {
  presets: PeriodPreset[];
  from: string | undefined;
  to: string | undefined;
  onPick: (preset: PeriodPreset) => void;
}) {
  const id = useId();
  const preset = presets.find((p) => p.from === from && p.to === to)?.id ?? 'custom';
  return (
    <div className={styles.field}>
      <label htmlFor={id}>Period</label>
      <select
        id={id}
        className={styles.control}
        value={preset}
        onChange={(e) => {
          const chosen = presets.find((p) => p.id === e.target.value);
          if (chosen) onPick(chosen);
        }}
      >
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
        {preset === 'custom' && <option value="custom">Custom range</option>}
      </select>
    </div>
  );
}
