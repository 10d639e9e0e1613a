import Form from 'next/form';
import type { SearchParams } from '../search-params';
import styles from './kpi-pages.module.css';

export interface SelectControl {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

export interface TextControl {
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  maxLength?: number;
}

/**
 * A GET form that changes some URL keys and keeps every other one (filters, the other selects),
 * so each view stays shareable. Works without JavaScript; with it, navigates without a reload and
 * keeps the scroll position.
 */
export function QueryForm({
  action,
  params,
  controls,
  texts = [],
  submitLabel = 'Apply',
}: {
  action: string;
  params: SearchParams;
  controls: SelectControl[];
  texts?: TextControl[];
  submitLabel?: string;
}) {
  const own = new Set([...texts, ...controls].map((c) => c.name));
  const kept = Object.entries(params).flatMap(([key, value]) =>
    own.has(key) || value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).map((v) => [key, v] as const),
  );
  return (
    <Form action={action} scroll={false} className={styles.form}>
      {kept.map(([key, value], i) => (
        <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
      ))}
      {texts.map((t) => (
        <label key={t.name} className={styles.control}>
          <span>{t.label}</span>
          <input
            type="text"
            name={t.name}
            defaultValue={t.value}
            placeholder={t.placeholder}
            maxLength={t.maxLength}
          />
        </label>
      ))}
      {controls.map((c) => (
        <label key={c.name} className={styles.control}>
          <span>{c.label}</span>
          <select name={c.name} defaultValue={c.value}>
            {c.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className={styles.button}>
        {submitLabel}
      </button>
    </Form>
  );
}
