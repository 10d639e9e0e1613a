/**
 * The explorer's table: status tabs, totals, column choice and CSV export, the rows, and the pager.
 * Pagination, sorting and the status happen on the server: each change is a new URL (`navigate`).
 * "All (scroll)" rows per page (`rows=all`) scrolls through the whole view instead, fetched as
 * Arrow ranges (use-row-source.ts); the sort stays the server's.
 */
import { useId } from 'react';
import type { OrdersPage } from '@/lib/orders/list';
import type { ParsedOrdersQuery } from '@/lib/orders/query';
import styles from '../orders.module.css';
import type { Navigate } from '../types';
import { ColumnMenu } from './column-menu';
import { ColumnMetaContext } from './column-meta';
import { EmptyState } from './empty-state';
import { ExportLink } from './export-link';
import { AllRowsControls, Pager } from './pager';
import { StatusTabs } from './status-tabs';
import { captionText, exportUrl, failedText, nounOf } from './texts';
import { Toolbar } from './toolbar';
import { useOrdersTable } from './use-orders-table';
import { useRowSource } from './use-row-source';
import { VirtualTable } from './virtual-table';

export function OrdersTable({
  page,
  query,
  pending,
  navigate,
  canExport,
}: {
  page: OrdersPage;
  query: ParsedOrdersQuery;
  pending: boolean;
  navigate: Navigate;
  /** Whether the signed-in role may download the view as CSV. */
  canExport: boolean;
}) {
  const captionId = useId();
  const { table, visibleIds, labelOf, storeColumns } = useOrdersTable(page, navigate);
  const noun = nounOf(page);
  const { source, totals, allRows } = useRowSource(page, query, table, visibleIds);

  return (
    <ColumnMetaContext value={page.meta}>
      <section className={styles.tableCard} aria-labelledby={captionId}>
        {page.statusCounts && (
          <StatusTabs
            counts={page.statusCounts}
            current={query.status}
            onPick={(status) => navigate({ status, page: 1 })}
          />
        )}
        <Toolbar id={captionId} totals={totals} subtotal={failedText(page, query.failedOnly)}>
          <ColumnMenu
            columns={page.columns}
            visible={visibleIds}
            onToggle={(id, on) => table.getColumn(id)?.toggleVisibility(on)}
            onReset={() => storeColumns(null)}
            labelOf={labelOf}
          />
          {canExport && <ExportLink href={exportUrl(query, visibleIds)} />}
        </Toolbar>

        {source.count === 0 ? (
          <EmptyState total={page.total} noun={noun} onFirstPage={() => navigate({ page: 1 })} />
        ) : (
          <VirtualTable
            table={table}
            page={page}
            source={source}
            pending={pending}
            captionId={captionId}
            caption={captionText(page, totals)}
          />
        )}
        <p id={`${captionId}-help`} className={styles.help}>
          Times in UTC. Click a column heading to sort. In the table, ↑ ↓ Page Up/Down Home End move
          between rows and Enter opens the order.
        </p>

        <Pager
          table={table}
          page={page.page}
          pageSize={page.pageSize}
          onPageSize={(size) =>
            navigate(
              size === 'all'
                ? { allRows: true, page: 1 }
                : { allRows: undefined, pageSize: size, page: 1 },
            )
          }
          allRows={allRows && <AllRowsControls {...allRows} />}
        />
      </section>
    </ColumnMetaContext>
  );
}
