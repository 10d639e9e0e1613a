import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount } from '../format';
import styles from '../scorecard.module.css';
import type { DimensionFilter } from './types';
import { useAllValues } from './use-all-values';

/** One dimension as a chip: a disclosure with a checkbox per value (it works without script too). */
export function DimensionPicker({
  name,
  label,
  options: preview,
  distinct: previewDistinct,
  source,
  selected,
  onChange,
}: DimensionFilter) {
  const { options, distinct, status, load } = useAllValues(preview, previewDistinct, source);
  const [search, setSearch] = useState('');
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const searchId = useId();
  // Values shared through a URL may be outside the offered list: keep them visible and selected.
  const known = new Set(options.map((v) => v.value));
  const values = [
    ...selected.filter((v) => !known.has(v)).map((value) => ({ value, orders: null })),
    ...options,
  ];
  const needle = search.trim().toLowerCase();
  const shown = needle ? values.filter((v) => v.value.toLowerCase().includes(needle)) : values;
  const summary =
    selected.length === 0
      ? 'All'
      : selected.length === 1
        ? selected[0]
        : `${selected.length} selected`;

  function onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key === 'Escape' && detailsRef.current?.open) {
      event.preventDefault();
      detailsRef.current.open = false;
      detailsRef.current.querySelector('summary')?.focus();
    }
  }

  function toggle(value: string, on: boolean) {
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  }

  if (values.length === 0) {
    return (
      <span
        className={styles.chip}
        aria-disabled="true"
        title={`No ${label.toLowerCase()} in the data`}
      >
        <span className={styles.chipLabel}>{label}</span>
        <span className={styles.muted}>none in data</span>
      </span>
    );
  }

  return (
    <details
      ref={detailsRef}
      className={styles.picker}
      onKeyDown={onKeyDown}
      onToggle={(e) => {
        // One picker open at a time.
        if (!e.currentTarget.open) return;
        void load();
        e.currentTarget.parentElement
          ?.querySelectorAll('details[open]')
          .forEach((el) => el !== e.currentTarget && el.removeAttribute('open'));
      }}
    >
      <summary
        className={`${styles.chip} ${selected.length ? styles.chipActive : ''}`}
        aria-label={`${label}: ${selected.length ? selected.join(', ') : 'all'}`}
      >
        <span className={styles.chipLabel}>{label}</span>
        <span className={styles.chipValue}>{summary}</span>
      </summary>
      <div className={styles.popover}>
        <fieldset>
          <legend>
            {label}
            {distinct !== undefined &&
              distinct > options.length &&
              ` · the ${formatCount(options.length)} largest of ${formatCount(distinct)}`}
          </legend>
          {status === 'loading' && (
            <p className={styles.muted} role="status">
              Loading the other values…
            </p>
          )}
          {status === 'failed' && (
            <p className={styles.muted} role="status">
              The other values could not be loaded: only the largest are listed.
            </p>
          )}
          {values.length > 8 && (
            <>
              <label htmlFor={searchId} className="visually-hidden">
                Search {label.toLowerCase()}
              </label>
              <input
                id={searchId}
                type="search"
                className={`${styles.control} ${styles.search}`}
                placeholder={`Search ${label.toLowerCase()}…`}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                autoComplete="off"
              />
            </>
          )}
          <ul className={styles.options}>
            {shown.map((v) => (
              <li key={v.value}>
                <label className={styles.option}>
                  <input
                    type="checkbox"
                    name={name}
                    value={v.value}
                    checked={selected.includes(v.value)}
                    onChange={(e) => toggle(v.value, e.target.checked)}
                  />
                  <span className={styles.optionText}>{v.value}</span>
                  {v.orders !== null && (
                    <span className={styles.optionCount}>{formatCount(v.orders)}</span>
                  )}
                </label>
              </li>
            ))}
            {shown.length === 0 && (
              <li className={styles.option}>
                <span className={styles.muted}>No match</span>
              </li>
            )}
          </ul>
        </fieldset>
        <div className={styles.popoverFoot}>
          {/* The orders explorer's values come without counts: then there is nothing to caption. */}
          <span>{options.some((v) => v.orders !== null) ? 'Orders per value' : ''}</span>
          <button
            type="button"
            className={styles.textButton}
            disabled={selected.length === 0}
            onClick={() => onChange([])}
          >
            Clear
          </button>
        </div>
      </div>
    </details>
  );
}
