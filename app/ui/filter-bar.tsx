'use client';
/**
 * The filter bar: period, comparison and the six dimensions, kept in the URL so any view can be
 * shared. A plain GET form underneath (it works before and without script); with script every
 * change replaces the URL at once, and the page re-renders on the server.
 */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  useEffect,
  useId,
  useOptimistic,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { DimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames, type Dimension, type ParsedKpiQuery } from '@/lib/kpi/filters';
import { formatCount } from './format';
import { searchStringKeeping } from './search-params';
import styles from './scorecard.module.css';

const dimensionLabels: Record<Dimension, string> = {
  site: 'Site',
  channel: 'Channel',
  customer: 'Customer',
  region: 'Region',
  carrier: 'Carrier',
  ship_mode: 'Ship mode',
};

type Compare = ParsedKpiQuery['compare'];

const compareOptions: { value: NonNullable<Compare> | ''; label: string }[] = [
  { value: '', label: 'No comparison' },
  { value: 'previous', label: 'Previous period' },
  { value: 'last_year', label: 'Same period last year' },
  { value: 'both', label: 'Both' },
];

/* ---- Period presets, relative to the last order in the data (not to today) ----------------- */

export interface PeriodPreset {
  id: string;
  label: string;
  from?: string;
  to?: string;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** All data, then the last 30 and 90 days, latest month and quarter, year to date, 12 months. */
export function periodPresets(lastDay: string | null): PeriodPreset[] {
  const all: PeriodPreset = { id: 'all', label: 'All data' };
  if (!lastDay || !/^\d{4}-\d{2}-\d{2}$/.test(lastDay)) return [all];
  const last = dayMs(lastDay);
  const d = new Date(last);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const quarterStart = Date.UTC(y, m - (m % 3), 1);
  return [
    all,
    { id: '30d', label: 'Last 30 days', from: iso(last - 29 * DAY), to: lastDay },
    { id: '90d', label: 'Last 90 days', from: iso(last - 89 * DAY), to: lastDay },
    { id: 'month', label: 'Latest month', from: iso(Date.UTC(y, m, 1)), to: lastDay },
    { id: 'quarter', label: 'Latest quarter', from: iso(quarterStart), to: lastDay },
    { id: 'ytd', label: 'Year to date', from: `${y}-01-01`, to: lastDay },
    {
      id: '12m',
      label: 'Last 12 months',
      from: iso(Date.UTC(y - 1, m, d.getUTCDate()) + DAY),
      to: lastDay,
    },
  ];
}

/** A date typed year first passes through 0002, 0020, 0202: apply only plausible years. */
const plausibleDay = (value: string) => /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value);

/* ---- The bar ------------------------------------------------------------------------------- */

export interface FilterBarProps {
  query: ParsedKpiQuery;
  options: DimensionValues;
  /** First and last order day in the data (YYYY-MM-DD). */
  dataSpan: { first: string | null; last: string | null };
  /** Orders placed that the current filters match. */
  matching: number;
  /** Hide the comparison select (pages that do not compare). */
  showCompare?: boolean;
}

export function FilterBar({
  query,
  options,
  dataSpan,
  matching,
  showCompare = true,
}: FilterBarProps) {
  const router = useRouter();
  const pathname = usePathname();
  const current = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [view, setView] = useOptimistic(query);
  const barRef = useRef<HTMLFormElement>(null);
  const idBase = useId();
  const ids = {
    period: `${idBase}period`,
    from: `${idBase}from`,
    to: `${idBase}to`,
    compare: `${idBase}compare`,
  };
  const filters = view.filters;

  function apply(next: ParsedKpiQuery) {
    startTransition(() => {
      setView(next);
      router.replace(`${pathname}${searchStringKeeping(next, current)}`, { scroll: false });
    });
  }
  const setFilters = (patch: Partial<ParsedKpiQuery['filters']>) => {
    const merged = { ...filters, ...patch };
    for (const key of Object.keys(merged) as (keyof typeof merged)[]) {
      const value = merged[key];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete merged[key];
    }
    apply({ ...view, filters: merged });
  };

  const presets = periodPresets(dataSpan.last);
  const preset =
    presets.find((p) => p.from === filters.from && p.to === filters.to)?.id ?? 'custom';

  const [dateProblem, setDateProblem] = useState<string | null>(null);
  function onDate(key: 'from' | 'to', value: string) {
    const other = key === 'from' ? filters.to : filters.from;
    if (value && other && (key === 'from' ? value > other : value < other)) {
      // Keep both dates as typed and say what is wrong, rather than drop the other one.
      setDateProblem('“From” is after “To”: change one of them.');
      return;
    }
    setDateProblem(null);
    setFilters({ [key]: value || undefined });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // With script the URL is already up to date; Enter in a field must not reload the page.
    event.preventDefault();
  }

  // Close an open picker on a click outside it.
  useEffect(() => {
    const close = (event: PointerEvent) => {
      barRef.current?.querySelectorAll('details[open]').forEach((el) => {
        if (!el.contains(event.target as Node)) el.removeAttribute('open');
      });
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);

  const active = Object.keys(filters).length > 0 || !!view.compare;
  const compareNeedsRange = !!view.compare && !filters.from && !filters.to;

  return (
    <form
      ref={barRef}
      className={styles.filterBar}
      method="get"
      action={pathname}
      onSubmit={onSubmit}
      role="search"
      aria-label="Filters"
    >
      <div className={styles.filterRow}>
        <div className={styles.field}>
          <label htmlFor={ids.period}>Period</label>
          <select
            id={ids.period}
            className={styles.control}
            value={preset}
            onChange={(e) => {
              const chosen = presets.find((p) => p.id === e.target.value);
              if (chosen) setFilters({ from: chosen.from, to: chosen.to });
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
        <DateField
          id={ids.from}
          label="From"
          name="from"
          value={filters.from}
          min={dataSpan.first}
          max={filters.to ?? dataSpan.last}
          onCommit={(value) => onDate('from', value)}
        />
        <DateField
          id={ids.to}
          label="To"
          name="to"
          value={filters.to}
          min={filters.from ?? dataSpan.first}
          max={dataSpan.last}
          onCommit={(value) => onDate('to', value)}
        />
        {showCompare && (
          <div className={styles.field}>
            <label htmlFor={ids.compare}>Compare with</label>
            <select
              id={ids.compare}
              className={styles.control}
              name="compare"
              value={view.compare ?? ''}
              onChange={(e) =>
                apply({ ...view, compare: (e.target.value || undefined) as Compare })
              }
            >
              {compareOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <span className={styles.spacer} />
        <p className={`${styles.status} ${pending ? styles.pending : ''}`} aria-live="polite">
          {pending ? (
            'Updating…'
          ) : (
            <>
              <strong>{formatCount(matching)}</strong> {matching === 1 ? 'order' : 'orders'} placed
              in this view
            </>
          )}
        </p>
        {dateProblem && (
          <p className={styles.hint} role="alert">
            {dateProblem}
          </p>
        )}
        {compareNeedsRange && (
          <p className={styles.hint} role="status">
            Over all data there is no earlier period to compare with: choose a period above.
          </p>
        )}
      </div>
      <div className={styles.filterRow}>
        <span className={styles.rowLabel} aria-hidden="true">
          Filter
        </span>
        {dimensionNames.map((name) => (
          <DimensionPicker
            key={name}
            name={name}
            label={dimensionLabels[name]}
            options={options[name]}
            selected={filters[name] ?? []}
            onChange={(values) => setFilters({ [name]: values })}
          />
        ))}
        {filters.sku?.length ? (
          <button
            type="button"
            className={`${styles.chip} ${styles.chipActive}`}
            onClick={() => setFilters({ sku: undefined })}
            aria-label={`Remove the SKU filter (${filters.sku.join(', ')})`}
          >
            <span className={styles.chipLabel}>SKU</span>
            <span className={styles.chipValue}>{filters.sku.join(', ')}</span>
            <span aria-hidden="true">✕</span>
          </button>
        ) : null}
        <span className={styles.spacer} />
        <button
          type="button"
          className={styles.textButton}
          disabled={!active}
          onClick={() => apply({ ...view, filters: {}, compare: undefined })}
        >
          Clear all
        </button>
        <noscript>
          <button type="submit" className={styles.submit}>
            Apply
          </button>
        </noscript>
      </div>
    </form>
  );
}

/* ---- A date: applied when typing pauses, on leaving the field, or on Enter ---------------- */

interface DateFieldProps {
  id: string;
  label: string;
  name: string;
  value: string | undefined;
  min: string | null | undefined;
  max: string | null | undefined;
  onCommit: (value: string) => void;
}

/** Typing a date fires a change per keystroke (01-31, then 11-30…): wait until the user pauses. */
const COMMIT_AFTER_MS = 800;

function DateField({ id, label, name, value, min, max, onCommit }: DateFieldProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const committed = useRef<string | undefined>(undefined);
  // The URL changed (a preset, Clear all, back/forward): show its date.
  if (shown !== value) {
    setShown(value);
    setDraft(value ?? '');
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(next: string) {
    clearTimeout(timer.current);
    if (next === (value ?? '') || next === committed.current) return;
    if (next && !plausibleDay(next)) return;
    committed.current = next;
    onCommit(next);
  }

  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`${styles.control} ${styles.dateControl}`}
        type="date"
        name={name}
        value={draft}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => {
          const next = e.target.value;
          setDraft(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), COMMIT_AFTER_MS);
        }}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(draft);
          }
        }}
      />
    </div>
  );
}

/* ---- One dimension: a disclosure with a checkbox per value --------------------------------- */

interface PickerProps {
  name: Dimension;
  label: string;
  options: DimensionValues[Dimension];
  selected: string[];
  onChange: (values: string[]) => void;
}

function DimensionPicker({ name, label, options, selected, onChange }: PickerProps) {
  const [search, setSearch] = useState('');
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const searchId = useId();
  // Values shared through a URL may be outside the offered list: keep them visible and selected.
  const known = new Set(options.values.map((v) => v.value));
  const values = [
    ...selected
      .filter((v) => !known.has(v))
      .map((value) => ({ value, orders: null as number | null })),
    ...options.values,
  ];
  const needle = search.trim().toLowerCase();
  const shown = needle ? values.filter((v) => v.value.toLowerCase().includes(needle)) : values;
  const summary =
    selected.length === 0
      ? 'All'
      : selected.length === 1
        ? selected[0]
        : `${selected.length} selected`;
  const disabled = values.length === 0;

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

  if (disabled) {
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
            {options.distinct > options.values.length &&
              ` · the ${formatCount(options.values.length)} largest of ${formatCount(options.distinct)}`}
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
          <span>Orders per value</span>
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
