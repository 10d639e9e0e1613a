import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount } from '../format';
import styles from '../scorecard.module.css';
import type { DimensionFilter, DimensionOption } from './types';
import { useAllValues, useServerSearch } from './use-all-values';

/**
 * One dimension as a chip: a disclosure with a checkbox per value. The page holds the largest ten
 * (enough without script); opened, the picker loads the rest and searches every value.
 */
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
  const cut = distinct !== undefined && distinct > options.length;
  const { found, searching } = useServerSearch(source, needle, cut);
  const shown = needle ? matching(values, found?.values, needle) : values;
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
          {/* Kept in place while the list is partial, so the options do not jump as one types. */}
          {(cut || status === 'failed') && (
            <p className={styles.pickerNote} role="status">
              {pickerNote({ status, needle, searching, found, distinct }) || '\u00a0'}
            </p>
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

/**
 * The values containing the needle: those in hand, and those the server found beyond them (most
 * orders first); each value once.
 */
function matching(
  values: DimensionOption[],
  found: DimensionOption[] | undefined,
  needle: string,
): DimensionOption[] {
  const seen = new Set<string>();
  return [...values, ...(found ?? [])].filter((v) => {
    if (seen.has(v.value) || !v.value.toLowerCase().includes(needle)) return false;
    seen.add(v.value);
    return true;
  });
}

/** What the picker is doing about the values it does not hold, or what a search found. */
function pickerNote({
  status,
  needle,
  searching,
  found,
  distinct = 0,
}: {
  status: string;
  needle: string;
  searching: boolean;
  found: { values: DimensionOption[]; matches: number } | null;
  distinct?: number;
}): string {
  if (status === 'loading') return 'Loading the other values…';
  if (status === 'failed')
    return 'The other values could not be loaded: only the largest are listed.';
  if (!needle) return '';
  if (searching) return `Searching all ${formatCount(distinct)}…`;
  if (!found) return '';
  return found.matches > found.values.length
    ? `The ${formatCount(found.values.length)} largest of ${formatCount(found.matches)} matches`
    : `${formatCount(found.matches)} ${found.matches === 1 ? 'match' : 'matches'} in all ${formatCount(distinct)}`;
}
