import {
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { OrdersPage } from '@/lib/orders/list';
import type { Navigate, Row } from '../types';
import { metaOf as metaOfPage } from '@/lib/orders/query';
import { columnDefs, columnLabel, features, resolve } from './columns';
import { useStoredColumns } from './use-stored-columns';

/**
 * The TanStack table of a page of rows. Pagination and sorting happen on the server: a change is a
 * new URL. The column choice is kept in this browser, per kind of list.
 */
export function useOrdersTable(page: OrdersPage, navigate: Navigate) {
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
  const metaOf = useCallback((id: string) => metaOfPage(page.meta, id), [page.meta]);
  const labelOf = useCallback((id: string) => columnLabel(metaOf(id), id, unit), [metaOf, unit]);
  const columns = useMemo(
    () => columnDefs(page.columns, labelOf, metaOf),
    [page.columns, labelOf, metaOf],
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

  return { table, visibleIds, labelOf, storeColumns };
}
