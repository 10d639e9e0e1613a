import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ParsedOrdersQuery } from '@/lib/orders/query';
import type { Row } from '../types';
import { ArrowRowStore, rangeUrl, viewUrl, type RowsStatus } from './arrow-rows';

const noStore = () => () => undefined;
const zero = () => 0;

export interface ArrowRows {
  /** Rows in the view, as the last range fetched said; undefined before one arrives. */
  total: number | undefined;
  rowAt(index: number): Row | undefined;
  /** Rows first…last (view row numbers from 0) are in view. */
  show(first: number, last: number): void;
  status(total: number): RowsStatus;
  retry(): void;
}

/**
 * The "all rows" view's rows, fetched as Arrow ranges: one store per view and choice of columns
 * (a new sort, filter or column set starts afresh); its fetches stop when it is replaced or the
 * grid leaves. Disabled, it fetches nothing.
 */
export function useArrowRows(
  query: ParsedOrdersQuery,
  columns: readonly string[],
  enabled: boolean,
): ArrowRows {
  const url = enabled ? viewUrl(query, columns) : null;
  const store = useMemo(
    () => (url === null ? null : new ArrowRowStore((offset) => rangeUrl(url, offset))),
    [url],
  );
  useEffect(() => () => store?.stop(), [store]);
  // Re-render when a range arrives, is dropped or fails.
  useSyncExternalStore(store?.subscribe ?? noStore, store?.getVersion ?? zero, zero);
  const show = useCallback((first: number, last: number) => store?.show(first, last), [store]);
  const retry = useCallback(() => store?.retry(), [store]);
  return {
    total: store?.total,
    rowAt: (index) => store?.rowAt(index),
    show,
    status: (total) => store?.status(total) ?? { loading: [] },
    retry,
  };
}
