'use client';
/**
 * The orders explorer's interactive part: the filter bar and a TanStack table whose pagination,
 * sorting and filtering happen on the server. Every change is a new URL (the page re-renders with
 * the new rows); the column choice is kept in this browser. Rows are virtualised in a fixed-height
 * scroll container and can be walked with the arrow keys.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KpiUnit } from '@/lib/kpi/define';
import type { OrderFacets, OrdersPage } from '@/lib/orders/list';
import {
  metaOf,
  orderStatuses,
  ordersSearchString,
  pageSizes,
  statusLabels,
  type OrderStatus,
  type ParsedOrdersQuery,
} from '@/lib/orders/query';
import { formatCount, formatKpiValue } from '../ui/format';
import styles from './orders.module.css';

type Row = Record<string, unknown>;

const features = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  rowPaginationFeature,
});

const ROW_HEIGHT = 37;
const HEADER_HEIGHT = 40;

const typeWidths: Record<string, number> = {
  id: 116,
  timestamp: 152,
  text: 120,
  number: 90,
  hours: 114,
  boolean: 100,
  status: 124,
};
const columnWidths: Record<string, number> = {
  customer_id: 124,
  channel: 116,
  site: 100,
  lines: 70,
  ship_dates: 96,
  value: 150,
  failed: 110,
};
const widthOf = (column: string) => columnWidths[column] ?? typeWidths[metaOf(column).type] ?? 120;

const facetLabels: Record<keyof OrderFacets, string> = {
  site: 'Site',
  channel: 'Channel',
  region: 'Region',
  carrier: 'Carrier',
  ship_mode: 'Ship mode',
};

export interface KpiOption {
  id: string;
  name: string;
  grain: 'order' | 'return';
  /** Whether the KPI passes or fails rows (duration KPIs only measure them). */
  judged: boolean;
}

export interface OrdersExplorerProps {
  page: OrdersPage;
  query: ParsedOrdersQuery;
  facets: OrderFacets;
  kpis: KpiOption[];
  /** Whether the signed-in role may download the view as CSV. */
  canExport: boolean;
}

function resolve<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (value: T) => T)(old) : updater;
}

export function OrdersExplorer({ page, query, facets, kpis, canExport }: OrdersExplorerProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate = (next: Partial<ParsedOrdersQuery>) => {
    const url = `/orders${ordersSearchString({ ...query, ...next })}`;
    startTransition(() => router.push(url, { scroll: false }));
  };
  return (
    <>
      <FilterBar query={query} facets={facets} kpis={kpis} navigate={navigate} />
      <OrdersTable
        page={page}
        query={query}
        pending={pending}
        navigate={navigate}
        canExport={canExport}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Filters

function FilterBar({
  query,
  facets,
  kpis,
  navigate,
}: {
  query: ParsedOrdersQuery;
  facets: OrderFacets;
  kpis: KpiOption[];
  navigate: (next: Partial<ParsedOrdersQuery>) => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kpi, setKpi] = useState(query.kpi ?? '');
  const inKpi = kpi !== '';
  const judged = kpis.find((k) => k.id === kpi)?.judged ?? false;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (key: string) => String(data.get(key) ?? '').trim() || undefined;
    const filters: Record<string, unknown> = { ...query.filters };
    for (const key of ['from', 'to'] as const) filters[key] = text(key);
    for (const key of Object.keys(facetLabels)) {
      const value = text(key);
      filters[key] = value ? value.split(',') : undefined;
    }
    const kpiId = text('kpi');
    navigate({
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      // A KPI's rows are not searched or narrowed by status: leave both behind.
      search: kpiId ? undefined : text('search'),
      status: kpiId ? undefined : query.status,
      kpi: kpiId,
      failedOnly:
        !!kpiId && kpis.some((k) => k.id === kpiId && k.judged) && data.get('failed') === '1',
      page: 1,
      // A sort key of the order list may not exist in a drill-through, and the other way round.
      sort: kpiId === query.kpi ? query.sort : undefined,
      direction: kpiId === query.kpi ? query.direction : undefined,
    });
  };
  const auto = () => formRef.current?.requestSubmit();
  const listValue = (key: keyof OrderFacets) => query.filters[key]?.join(',') ?? '';
  const activeCount =
    Object.values(query.filters).filter(Boolean).length +
    (query.search ? 1 : 0) +
    (query.status ? 1 : 0) +
    (query.kpi ? 1 : 0);
  return (
    <form
      ref={formRef}
      role="search"
      aria-label="Filter orders"
      className={styles.filters}
      onSubmit={submit}
      // A new URL (back button, a link) resets the fields to what it says.
      key={ordersSearchString({ ...query, page: 1, sort: undefined, direction: undefined })}
    >
      <div className={styles.searchField}>
        <label htmlFor={`${id}-search`}>Search</label>
        <div className={styles.searchBox}>
          <input
            id={`${id}-search`}
            name="search"
            type="search"
            defaultValue={query.search ?? ''}
            placeholder="Order or customer id"
            disabled={inKpi}
            aria-describedby={inKpi ? `${id}-kpi-note` : undefined}
          />
          <button type="submit" className={styles.button}>
            Search
          </button>
        </div>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-from`}>{inKpi ? 'From (as-of date)' : 'Placed from'}</label>
        <input
          id={`${id}-from`}
          name="from"
          type="date"
          defaultValue={query.filters.from ?? ''}
          onChange={auto}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-to`}>{inKpi ? 'To (as-of date)' : 'Placed to'}</label>
        <input
          id={`${id}-to`}
          name="to"
          type="date"
          defaultValue={query.filters.to ?? ''}
          onChange={auto}
        />
      </div>
      {(Object.keys(facetLabels) as (keyof OrderFacets)[]).map((key) => {
        const current = listValue(key);
        const options = facets[key];
        return (
          <div className={styles.field} key={key}>
            <label htmlFor={`${id}-${key}`}>{facetLabels[key]}</label>
            <select id={`${id}-${key}`} name={key} defaultValue={current} onChange={auto}>
              <option value="">All</option>
              {current && !options.includes(current) && (
                <option value={current}>{current.replaceAll(',', ', ')}</option>
              )}
              {options.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <div className={styles.kpiField}>
        <div className={styles.kpiHead}>
          <label htmlFor={`${id}-kpi`}>Orders behind a KPI</label>
          <label className={styles.check}>
            <input
              type="checkbox"
              name="failed"
              value="1"
              defaultChecked={query.failedOnly}
              disabled={!judged}
              onChange={auto}
            />
            Failing only
          </label>
        </div>
        <select
          id={`${id}-kpi`}
          name="kpi"
          value={kpi}
          onChange={(e) => {
            setKpi(e.target.value);
            queueMicrotask(auto);
          }}
        >
          <option value="">None: every order</option>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
              {k.grain === 'return' ? ' (returns)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filterActions}>
        {activeCount > 0 && (
          <Link href="/orders" className={styles.clear}>
            Clear {activeCount === 1 ? 'filter' : `${activeCount} filters`}
          </Link>
        )}
      </div>
      {inKpi && (
        <p id={`${id}-kpi-note`} className={styles.filterNote}>
          A KPI lists the rows it counts; search and status apply to the full order list only. Dates
          then filter the KPI&rsquo;s own as-of date.
        </p>
      )}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Table

const columnsKey = (mode: string) => `orderlens.orders.columns.${mode}`;
const columnsEvent = 'orderlens:orders-columns';

function subscribeColumns(callback: () => void) {
  window.addEventListener('storage', callback);
  window.addEventListener(columnsEvent, callback);
  return () => {
    window.removeEventListener('storage', callback);
    window.removeEventListener(columnsEvent, callback);
  };
}

/** The column choice of this browser for a kind of list, or null for the defaults. */
function useStoredColumns(mode: string): [string[] | null, (ids: string[] | null) => void] {
  const raw = useSyncExternalStore(
    subscribeColumns,
    () => window.localStorage.getItem(columnsKey(mode)),
    () => null,
  );
  const stored = useMemo(() => {
    if (!raw) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
    } catch {
      return null;
    }
  }, [raw]);
  const store = (ids: string[] | null) => {
    if (ids) window.localStorage.setItem(columnsKey(mode), JSON.stringify(ids));
    else window.localStorage.removeItem(columnsKey(mode));
    window.dispatchEvent(new Event(columnsEvent));
  };
  return [stored, store];
}

function OrdersTable({
  page,
  query,
  pending,
  navigate,
  canExport,
}: {
  page: OrdersPage;
  query: ParsedOrdersQuery;
  pending: boolean;
  navigate: (next: Partial<ParsedOrdersQuery>) => void;
  canExport: boolean;
}) {
  const router = useRouter();
  const captionId = useId();
  const noun = page.kpi?.grain === 'return' ? 'returns' : 'orders';
  const mode = page.kpi ? `kpi-${page.kpi.id}` : 'list';
  const [stored, storeColumns] = useStoredColumns(mode);
  const visibleIds = useMemo(() => {
    const chosen = stored ?? page.defaultColumns;
    const ids = page.columns.filter((c) => chosen.includes(c));
    return ids.length ? ids : page.columns.slice(0, 8);
  }, [stored, page.columns, page.defaultColumns]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(page.columns.map((c) => [c, visibleIds.includes(c)])),
    [page.columns, visibleIds],
  );

  const unit = page.kpi?.unit;
  const labelOf = useCallback(
    (id: string) =>
      id === 'value' && unit
        ? `Value${unitShort[unit] ? ` (${unitShort[unit]})` : ''}`
        : metaOf(id).label,
    [unit],
  );
  const columns = useMemo<ColumnDef<typeof features, Row>[]>(
    () =>
      page.columns.map((id) => {
        const meta = metaOf(id);
        return {
          id,
          accessorFn: (row: Row) => row[id],
          header: labelOf(id),
          sortDescFirst: ['timestamp', 'number', 'hours'].includes(meta.type) || id === 'value',
          enableHiding: id !== 'order_id' && id !== 'return_id',
        };
      }),
    [page.columns, labelOf],
  );

  const sorting = useMemo<SortingState>(
    () => [{ id: page.sort, desc: page.direction === 'desc' }],
    [page.sort, page.direction],
  );
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: page.page - 1, pageSize: page.pageSize }),
    [page.page, page.pageSize],
  );

  const table = useTable({
    features,
    columns,
    data: page.rows,
    getRowId: (row: Row, index: number) =>
      `${String(row.return_id ?? row.order_id ?? '')}#${index}`,
    state: { sorting, pagination, columnVisibility },
    manualSorting: true,
    manualPagination: true,
    rowCount: page.total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = resolve(updater, sorting)[0];
      if (next) navigate({ sort: next.id, direction: next.desc ? 'desc' : 'asc', page: 1 });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = resolve(updater, pagination);
      navigate({
        page: next.pageSize === pagination.pageSize ? next.pageIndex + 1 : 1,
        pageSize: next.pageSize,
      });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = resolve(updater, columnVisibility);
      storeColumns(page.columns.filter((c) => next[c]));
    },
  });

  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const tableWidth = visibleColumns.reduce((sum, c) => sum + widthOf(c.id), 0);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The server has no scroll container: render the first screenful so the page arrives with rows.
    initialRect: { width: 1150, height: 600 },
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start - HEADER_HEIGHT : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  // Roving focus: one row is in the tab order; the arrow keys move it.
  const [active, setActive] = useState(0);
  const focusIndex = useRef<number | null>(null);
  const activeRow = Math.min(active, Math.max(rows.length - 1, 0));
  useEffect(() => {
    if (focusIndex.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `tr[data-index="${focusIndex.current}"]`,
    );
    if (row) {
      row.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [page]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    focusIndex.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const visibleRowCount = Math.max(1, Math.floor(480 / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeRow + 1),
      ArrowUp: () => moveTo(activeRow - 1),
      PageDown: () => moveTo(activeRow + visibleRowCount),
      PageUp: () => moveTo(activeRow - visibleRowCount),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => {
        const orderId = rows[activeRow]?.original.order_id;
        if (typeof orderId === 'string') router.push(`/orders/${encodeURIComponent(orderId)}`);
      },
    };
    const action = keys[event.key];
    if (action && !event.altKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      action();
    }
  };

  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  const totals =
    page.total === 0
      ? `No ${noun}`
      : `${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)} ${noun}`;
  const exportHref = `/api/orders/export${ordersSearchString({
    ...query,
    page: 1,
    pageSize: undefined,
  })}`;
  const exportUrl = `${exportHref}${exportHref.includes('?') ? '&' : '?'}columns=${visibleIds.join(',')}`;

  return (
    <section className={styles.tableCard} aria-labelledby={captionId}>
      {page.statusCounts && (
        <StatusTabs
          counts={page.statusCounts}
          current={query.status}
          onPick={(status) => navigate({ status, page: 1 })}
        />
      )}
      <div className={styles.toolbar}>
        <div>
          <h2 id={captionId} className={styles.totals} aria-live="polite">
            {totals}
          </h2>
          {page.kpi?.judged && (
            <div className={styles.subtotal}>
              {query.failedOnly
                ? `Only those that failed ${page.kpi.name}`
                : `${formatCount(page.kpi.failed)} failed${page.total ? ` (${((100 * page.kpi.failed) / page.total).toFixed(1)}%)` : ''}`}
            </div>
          )}
        </div>
        <div className={styles.toolbarActions}>
          <ColumnMenu
            columns={page.columns}
            visible={visibleIds}
            onToggle={(id, on) => table.getColumn(id)?.toggleVisibility(on)}
            onReset={() => storeColumns(null)}
            labelOf={labelOf}
          />
          {canExport && (
            <a className={styles.button} href={exportUrl} download="orders.csv">
              <DownloadIcon /> Download CSV of this view
            </a>
          )}
        </div>
      </div>

      {rows.length === 0 ? (
        <div className={styles.empty}>
          <EmptyIcon />
          {page.total > 0 ? (
            <>
              <p className={styles.emptyTitle}>This page is past the last {noun.slice(0, -1)}.</p>
              <button type="button" className={styles.button} onClick={() => navigate({ page: 1 })}>
                Go to the first page
              </button>
            </>
          ) : (
            <>
              <p className={styles.emptyTitle}>No {noun} match this view.</p>
              <p>Widen the dates, pick another status or clear the filters.</p>
              <Link href="/orders" className={styles.button}>
                Show all orders
              </Link>
            </>
          )}
        </div>
      ) : (
        <div
          ref={scrollRef}
          className={styles.scroller}
          aria-busy={pending}
          data-pending={pending || undefined}
        >
          <table
            className={styles.table}
            style={{ width: tableWidth }}
            aria-rowcount={page.total + 1}
            aria-colcount={visibleColumns.length}
            aria-describedby={`${captionId}-help`}
          >
            <caption className="visually-hidden">
              {page.kpi ? `${noun} behind ${page.kpi.name}` : 'Orders'}, {totals}. Sorted by{' '}
              {metaOf(page.sort).label}, {page.direction === 'asc' ? 'ascending' : 'descending'}.
            </caption>
            <colgroup>
              {visibleColumns.map((c) => (
                <col key={c.id} style={{ width: widthOf(c.id) }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} aria-rowindex={1}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const meta = metaOf(header.column.id);
                    const numeric = ['number', 'hours'].includes(meta.type);
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={
                          sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                        }
                        className={numeric ? styles.num : undefined}
                        title={
                          header.column.id === 'value' && page.kpi
                            ? `${page.kpi.name}: this row's value`
                            : meta.description
                        }
                      >
                        <button
                          type="button"
                          className={styles.sortButton}
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <span className={styles.headerLabel}>
                            {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                          </span>
                          <span className={styles.sortIcon} aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody onKeyDown={onKeyDown}>
              {padTop > 0 && (
                <tr aria-hidden="true" className={styles.spacer}>
                  <td colSpan={visibleColumns.length} style={{ height: padTop }} />
                </tr>
              )}
              {items.map((item) => {
                const row = rows[item.index]!;
                const failed = row.original.failed === true;
                return (
                  <tr
                    key={row.id}
                    data-index={item.index}
                    aria-rowindex={first + item.index + 1}
                    tabIndex={item.index === activeRow ? 0 : -1}
                    className={failed ? styles.failedRow : undefined}
                    onFocus={() => setActive(item.index)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <Cell
                        key={cell.id}
                        column={cell.column.id}
                        value={cell.getValue()}
                        row={row.original}
                        unit={unit}
                      />
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden="true" className={styles.spacer}>
                  <td colSpan={visibleColumns.length} style={{ height: padBottom }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <p id={`${captionId}-help`} className={styles.help}>
        Times in UTC. Click a column heading to sort. In the table, ↑ ↓ Page Up/Down Home End move
        between rows and Enter opens the order.
      </p>

      <nav className={styles.pager} aria-label="Pages">
        <div className={styles.pageSize}>
          <label htmlFor={`${captionId}-size`}>Rows per page</label>
          <select
            id={`${captionId}-size`}
            value={page.pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
          >
            {(pageSizes as readonly number[]).includes(page.pageSize) ? null : (
              <option value={page.pageSize}>{page.pageSize}</option>
            )}
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.pageButtons}>
          <button
            type="button"
            className={styles.button}
            onClick={() => table.firstPage()}
            disabled={!table.getCanPreviousPage()}
          >
            <span aria-hidden="true">«</span> First
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            <span aria-hidden="true">‹</span> Previous
          </button>
          <span className={styles.pageOf}>
            Page {formatCount(page.page)} of {formatCount(Math.max(table.getPageCount(), 1))}
          </span>
          <button
            type="button"
            className={styles.button}
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            Next <span aria-hidden="true">›</span>
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={() => table.lastPage()}
            disabled={!table.getCanNextPage()}
          >
            Last <span aria-hidden="true">»</span>
          </button>
        </div>
      </nav>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Cells

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const unitShort: Partial<Record<KpiUnit, string>> = { hours: 'h', days: 'd', percent: '%' };

/** A row's KPI value as the KPI pages print it; a bare number when the column has no KPI. */
const formatValue = (value: number, unit: KpiUnit | undefined) =>
  unit ? formatKpiValue(value, unit) : number.format(value);

function Cell({
  column,
  value,
  row,
  unit,
}: {
  column: string;
  value: unknown;
  row: Row;
  unit: KpiUnit | undefined;
}) {
  const meta = metaOf(column);
  const none = <span className={styles.none}>—</span>;
  if (column === 'failed') {
    return (
      <td>
        {value === true ? (
          <span className={styles.fail}>
            <span aria-hidden="true">✕</span> Failed
          </span>
        ) : (
          <span className={styles.pass}>
            <span aria-hidden="true">✓</span> Passed
          </span>
        )}
      </td>
    );
  }
  if (value === null || value === undefined) {
    const numeric = meta.type === 'number' || meta.type === 'hours';
    return <td className={numeric ? styles.num : undefined}>{none}</td>;
  }
  switch (meta.type) {
    case 'id': {
      const text = String(value);
      const orderId = typeof row.order_id === 'string' ? row.order_id : text;
      return (
        <td className={styles.idCell}>
          {column === 'order_id' ? (
            <Link href={`/orders/${encodeURIComponent(orderId)}`} tabIndex={-1} prefetch={false}>
              {text}
            </Link>
          ) : (
            text
          )}
        </td>
      );
    }
    case 'timestamp': {
      const text = String(value);
      // A date without a time of day (promised and requested dates, usually) shows as the day.
      const dateOnly = text.slice(11, 23) === '00:00:00.000';
      return (
        <td className={styles.time} title={`${text.slice(0, 19).replace('T', ' ')} UTC`}>
          {text.slice(0, 10)}
          {!dateOnly && <span className={styles.clock}> {text.slice(11, 16)}</span>}
        </td>
      );
    }
    case 'number':
      return (
        <td className={styles.num}>
          {typeof value === 'number'
            ? column === 'value'
              ? formatValue(value, unit)
              : number.format(value)
            : String(value)}
        </td>
      );
    case 'hours':
      return (
        <td className={styles.num}>
          {typeof value === 'number' ? formatKpiValue(value, 'hours') : none}
        </td>
      );
    case 'boolean':
      return (
        <td>
          {value === true ? (
            <span className={styles.yes}>
              <span aria-hidden="true">●</span> Yes
            </span>
          ) : (
            <span className={styles.no}>No</span>
          )}
        </td>
      );
    case 'status': {
      const status = String(value) as OrderStatus;
      return (
        <td>
          <StatusPill status={status} />
        </td>
      );
    }
    default:
      return <td title={String(value)}>{String(value)}</td>;
  }
}

function StatusTabs({
  counts,
  current,
  onPick,
}: {
  counts: Record<OrderStatus, number>;
  current: OrderStatus | undefined;
  onPick: (status: OrderStatus | undefined) => void;
}) {
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs: { status: OrderStatus | undefined; label: string; n: number }[] = [
    { status: undefined, label: 'All', n: all },
    ...orderStatuses.map((s) => ({ status: s, label: statusLabels[s], n: counts[s] })),
  ];
  return (
    <div className={styles.statusTabs} role="group" aria-label="Show orders by status">
      {tabs.map((tab) => (
        <button
          key={tab.label}
          type="button"
          aria-pressed={current === tab.status}
          className={`${styles.statusTab} ${tab.status ? (styles[`tab_${tab.status}`] ?? '') : ''}`}
          onClick={() => onPick(tab.status)}
        >
          {tab.status && (
            <span className={styles.tabGlyph} aria-hidden="true">
              {statusGlyph[tab.status]}
            </span>
          )}
          {tab.label}
          <span className={styles.tabCount}>{formatCount(tab.n)}</span>
        </button>
      ))}
    </div>
  );
}

const statusGlyph: Record<OrderStatus, string> = {
  open: '○',
  shipped: '◐',
  complete: '●',
  delivered: '✓',
  cancelled: '✕',
};

export function StatusPill({ status }: { status: OrderStatus }) {
  return (
    <span className={`${styles.pill} ${styles[`pill_${status}`] ?? ''}`}>
      <span aria-hidden="true">{statusGlyph[status] ?? '•'}</span>
      {statusLabels[status] ?? status}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Column menu

function ColumnMenu({
  columns,
  visible,
  onToggle,
  onReset,
  labelOf,
}: {
  columns: string[];
  visible: string[];
  onToggle: (id: string, on: boolean) => void;
  onReset: () => void;
  labelOf: (id: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    root.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div
      className={styles.menuRoot}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        <ColumnsIcon /> Columns{' '}
        <span className={styles.badge}>
          {visible.length}/{columns.length}
        </span>
      </button>
      {open && (
        <div id={`${id}-menu`} className={styles.menu}>
          <fieldset>
            <legend>Show columns</legend>
            <div className={styles.menuList}>
              {columns.map((c) => {
                const locked = c === 'order_id' || c === 'return_id';
                const description = metaOf(c).description;
                return (
                  <label key={c} className={styles.menuItem} title={description}>
                    <input
                      type="checkbox"
                      checked={visible.includes(c)}
                      disabled={locked}
                      onChange={(e) => onToggle(c, e.target.checked)}
                    />
                    <span>{labelOf(c)}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className={styles.menuFooter}>
            <button type="button" className={styles.linkButton} onClick={onReset}>
              Reset to default
            </button>
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Icons (decorative)

function DownloadIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 2v8m0 0L5 7m3 3 3-3M3 12.5h10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function ColumnsIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect
        x="2"
        y="3"
        width="12"
        height="10"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path d="M6 3v10M10 3v10" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

function EmptyIcon() {
  return (
    <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect
        x="6"
        y="9"
        width="28"
        height="22"
        rx="3"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
      <path d="M6 16h28M14 22h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
