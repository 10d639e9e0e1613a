import { useCallback, useMemo, useState } from 'react';
import type { OrdersPage } from '@/lib/orders/list';
import { ordersSearchString, type ParsedOrdersQuery } from '@/lib/orders/query';
import { BLOCK_ROWS, blockOf } from './arrow-rows';
import type { OrdersTableInstance } from './columns';
import { allRowsTotalsText, rowsStatusText, totalsText } from './texts';
import { useArrowRows } from './use-arrow-rows';
import type { RowSource } from './virtual-table';

/** Fetched with the columns shown: a row's link, its key and its verdict's shading need these. */
const alwaysFetched = ['order_id', 'return_id', 'failed'];

/**
 * The rows the grid draws. Paged (the default): the server page's rows. With `rows=all`: the whole
 * view, fetched as Arrow ranges as the grid scrolls, in blocks the browser can scroll through
 * (BLOCK_ROWS); until a range arrives, the server page's rows stand in for the first ones.
 */
export function useRowSource(
  page: OrdersPage,
  query: ParsedOrdersQuery,
  table: OrdersTableInstance,
  visibleIds: string[],
) {
  const allRows = query.allRows === true;
  const rows = table.getRowModel().rows;
  const columns = useMemo(
    () => page.columns.filter((c) => visibleIds.includes(c) || alwaysFetched.includes(c)),
    [page.columns, visibleIds],
  );
  const arrow = useArrowRows(query, columns, allRows);
  const total = arrow.total ?? page.total;

  // The block chosen belongs to one view: another sort or filter starts at the first again.
  const view = ordersSearchString({ ...query, page: undefined, pageSize: undefined });
  const [chosen, setChosen] = useState({ view, block: 0 });
  const blocks = Math.max(1, Math.ceil(total / BLOCK_ROWS));
  const block = Math.min(chosen.view === view ? chosen.block : 0, blocks - 1);
  const { first, count } = blockOf(total, block);
  const { show } = arrow;
  const onShow = useCallback((a: number, b: number) => show(first + a, first + b), [show, first]);

  if (!allRows) {
    const source: RowSource = {
      count: rows.length,
      total: page.total,
      first: (page.page - 1) * page.pageSize + 1,
      rowAt: (index) => rows[index]?.original,
      keyOf: (index) => rows[index]?.id ?? index,
      resetOn: page,
    };
    return { source, totals: totalsText(page), allRows: undefined };
  }

  const served = page.page === 1 ? page.rows : [];
  const source: RowSource = {
    count,
    total,
    first: first + 1,
    rowAt: (index) => arrow.rowAt(first + index) ?? served[first + index],
    keyOf: (index) => first + index,
    resetOn: `${view}#${block}`,
    onShow,
  };
  const status = arrow.status(total);
  const totals = allRowsTotalsText(page, total, { first, count });
  return {
    source,
    totals,
    allRows: {
      status: rowsStatusText(status),
      onRetry: status.failed ? arrow.retry : undefined,
      block,
      blocks,
      onBlock: (next: number) => setChosen({ view, block: next }),
      rowsText: totals,
    },
  };
}
