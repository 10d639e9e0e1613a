/**
 * The orders explorer's configuration of the one filter bar (app/ui/filter-bar): search, placed
 * dates and the KPI drill-through, then the same multiple-choice chip per dimension as every other
 * page. Every change submits the whole form, which becomes the next URL (queryFromForm).
 */
import Link from 'next/link';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OrderFacets } from '@/lib/orders/list';
import { ordersSearchString, type ParsedOrdersQuery } from '@/lib/orders/query';
import { dimensionLabels, FilterBar } from '../../ui/filter-bar';
import type { KpiOption, Navigate } from '../types';
import styles from './filters.module.css';
import { activeFilterCount, facetNames, queryFromForm, type FacetName } from './form-query';
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
  // The chips' choices until the next URL arrives (the bar is remade for it): the form is
  // submitted from them, so they show checked at once.
  const [picked, setPicked] = useState<Partial<Record<FacetName, string[]>>>(query.filters);
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
      formRef={formRef}
      onSubmit={submit}
      dates={{
        from: query.filters.from,
        to: query.filters.to,
        labels: inKpi
          ? { from: 'From (as-of date)', to: 'To (as-of date)' }
          : { from: 'Placed from', to: 'Placed to' },
        onCommit: auto,
      }}
      dimensions={facetNames.map((name) => ({
        name,
        label: dimensionLabels[name],
        options: facets[name].map((value) => ({ value, orders: null })),
        selected: picked[name] ?? [],
        onChange: (values) => {
          setPicked({ ...picked, [name]: values });
          queueMicrotask(auto);
        },
      }))}
      leading={
        <SearchField
          defaultValue={query.search}
          disabled={inKpi}
          describedBy={inKpi ? noteId : undefined}
        />
      }
      trailing={
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
