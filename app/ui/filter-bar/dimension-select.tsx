import { useId } from 'react';
import type { DimensionFilter } from './types';

/**
 * One dimension as a labelled single choice, "All" first. A selection shared through a URL that is
 * not among the options (several values, or one outside the list) stays offered and selected.
 */
export function DimensionSelect({
  name,
  label,
  options,
  selected,
  onChange,
  className,
}: DimensionFilter & { className?: string }) {
  const id = useId();
  const current = selected.join(',');
  const known = options.some((o) => o.value === current);
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={current}
        onChange={(e) => onChange(e.target.value ? e.target.value.split(',') : [])}
      >
        <option value="">All</option>
        {current && !known && <option value={current}>{current.replaceAll(',', ', ')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value}
          </option>
        ))}
      </select>
    </div>
  );
}
