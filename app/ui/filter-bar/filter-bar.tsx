'use client';
/**
 * The one filter bar: the dates and the dimensions of the orders a page shows, kept in the URL so
 * any view can be shared. A plain GET form underneath (it works before and without script); with
 * script each control applies itself through its page's callbacks. Every page has the same two
 * rows (the dates, then a chip per dimension, each a multiple choice) and adds its own controls in
 * slots: the scorecard and KPI pages their period, comparison and SKU (KpiFilterBar), the orders
 * explorer its search and KPI drill-through (app/orders/filters).
 */
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';
import styles from '../scorecard.module.css';
import { DateField } from './date-field';
import { DimensionPicker } from './dimension-picker';
import { SavedViews } from './saved-views';
import type { DateRange, DimensionFilter } from './types';

export interface FilterBarProps {
  /** The accessible name of the search landmark. */
  label?: string;
  dates: DateRange;
  dimensions: DimensionFilter[];
  /** By default nothing: with script the URL is already up to date, and Enter must not reload. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  formRef?: RefObject<HTMLFormElement | null>;
  /** Before the dates: the period, the search box. */
  leading?: ReactNode;
  /** After the dates: the comparison, the KPI drill-through. */
  trailing?: ReactNode;
  /** After the dimensions: the SKU filter. */
  extra?: ReactNode;
  /** Clearing the filters, at the end of the bar. */
  actions?: ReactNode;
  /** What the view holds and hints on it, right of the dates. */
  status?: ReactNode;
}

const stay = (event: FormEvent<HTMLFormElement>) => event.preventDefault();

export function FilterBar({
  label = 'Filters',
  dates,
  dimensions,
  onSubmit = stay,
  formRef,
  leading,
  trailing,
  extra,
  actions,
  status,
}: FilterBarProps) {
  const pathname = usePathname();
  const ownRef = useRef<HTMLFormElement>(null);
  const ref = formRef ?? ownRef;
  const id = useId();

  // Close an open picker on a click outside it.
  useEffect(() => {
    const close = (event: PointerEvent) => {
      ref.current?.querySelectorAll('details[open]').forEach((el) => {
        if (!el.contains(event.target as Node)) el.removeAttribute('open');
      });
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [ref]);

  const { from, to, span } = dates;
  const bounds = {
    from: span && { min: span.first, max: to ?? span.last },
    to: span && { min: from ?? span.first, max: span.last },
  };
  const dateFields = (['from', 'to'] as const).map((key) => (
    <DateField
      key={key}
      id={`${id}${key}`}
      label={dates.labels?.[key] ?? (key === 'from' ? 'From' : 'To')}
      name={key}
      value={dates[key]}
      min={bounds[key]?.min}
      max={bounds[key]?.max}
      commitDelay={dates.commitDelay}
      onCommit={(value) => dates.onCommit(key, value)}
      className={styles.field}
      inputClassName={`${styles.control} ${styles.dateControl}`}
    />
  ));

  return (
    <form
      ref={ref}
      className={styles.filterBar}
      method="get"
      action={pathname}
      onSubmit={onSubmit}
      role="search"
      aria-label={label}
    >
      <div className={styles.filterRow}>
        {leading}
        {dateFields}
        {trailing}
        <span className={styles.spacer} />
        {status}
      </div>
      <div className={styles.filterRow}>
        {dimensions.length > 0 && (
          <span className={styles.rowLabel} aria-hidden="true">
            Filter
          </span>
        )}
        {dimensions.map((d) => (
          <DimensionPicker key={d.name} {...d} />
        ))}
        {extra}
        <span className={styles.spacer} />
        {actions}
        <SavedViews />
        <noscript>
          <button type="submit" className={styles.submit}>
            Apply
          </button>
        </noscript>
      </div>
    </form>
  );
}
