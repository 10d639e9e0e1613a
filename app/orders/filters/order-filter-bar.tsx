/**
 * The orders explorer's configuration of the one filter bar (app/ui/filter-bar): search, placed
 * dates, a single choice per dimension and the KPI drill-through. Every change submits the whole
 * form, which becomes the next URL (queryFromForm).
 */
import Link from 'next/link';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OrderFacets } from '@/lib/orders/list';
import { ordersSearchString, type ParsedOrdersQuery } from '@/lib/orders/query';
import { dimensionLabels, FilterBar } from '../../ui/filter-bar';
import type { KpiOption, Navigate } from '../types';
import styles from './filters.module.css';
import { activeFilterCount, facetNames, queryFromForm } from './form-query';
import { KpiField } from './kpi-field';
import { SearchField } from './search-field';

export function OrderFilterBar({
  query,
  facets,
  kpis,
  navigate,
}: {
  query: ParsedOrdersQuery;
  facets: OrderFacets;
  kpis: KpiOption[];
  navigate: Navigate;
}) {
  const noteId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kpi, setKpi] = useState(query.kpi ?? '');
  const inKpi = kpi !== '';
  const auto = () => formRef.current?.requestSubmit();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(queryFromForm(new FormData(event.currentTarget), query, kpis));
  };
  const activeCount = activeFilterCount(query);
  return (
    <FilterBar
      // A new URL (back button, a link) resets the fields to what it says.
      key={ordersSearchString({ ...query, page: 1, sort: undefined, direction: undefined })}
      label="Filter orders"
      layout="fields"
      formRef={formRef}
      onSubmit={submit}
      dates={{
        from: query.filters.from,
        to: query.filters.to,
        labels: inKpi
          ? { from: 'From (as-of date)', to: 'To (as-of date)' }
          : { from: 'Placed from', to: 'Placed to' },
        commitDelay: 0,
        onCommit: auto,
      }}
      dimensions={facetNames.map((name) => ({
        name,
        label: dimensionLabels[name],
        options: facets[name].map((value) => ({ value, orders: null })),
        selected: query.filters[name] ?? [],
        onChange: auto,
      }))}
      leading={
        <SearchField
          defaultValue={query.search}
          disabled={inKpi}
          describedBy={inKpi ? noteId : undefined}
        />
      }
      extra={
        <KpiField
          kpis={kpis}
          value={kpi}
          failedOnly={query.failedOnly}
          onKpi={(id) => {
            setKpi(id);
            queueMicrotask(auto);
          }}
          onFailedOnly={auto}
        />
      }
      actions={
        activeCount > 0 && (
          <Link href="/orders" className={styles.clear}>
            Clear {activeCount === 1 ? 'filter' : `${activeCount} filters`}
          </Link>
        )
      }
      status={
        inKpi && (
          <p id={noteId} className={styles.note}>
            A KPI lists the rows it counts; search and status apply to the full order list only.
            Dates then filter the KPI&rsquo;s own as-of date.
          </p>
        )
      }
    />
  );
}
