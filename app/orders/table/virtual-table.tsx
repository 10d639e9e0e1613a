import { useRouter } from 'next/navigation';
import type { OrdersPage } from '@/lib/orders/list';
import styles from '../orders.module.css';
import { Cell } from './cell';
import { useMetaOf } from './column-meta';
import { widthOf, type OrdersTableInstance } from './columns';
import { TableHead } from './table-head';
import { useVirtualRows } from './use-virtual-rows';

/**
 * The page's rows as a table in a fixed-height scroll container: only the rows in view are in the
 * document (spacer rows stand for the others), and aria-rowcount and aria-rowindex tell the full
 * count and each row's place in it.
 */
export function VirtualTable({
  table,
  page,
  pending,
  captionId,
  caption,
}: {
  table: OrdersTableInstance;
  page: OrdersPage;
  pending: boolean;
  /** The id of the totals heading; its "-help" the keyboard help. */
  captionId: string;
  caption: string;
}) {
  const router = useRouter();
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const metaOf = useMetaOf();
  const tableWidth = visibleColumns.reduce((sum, c) => sum + widthOf(c.id, metaOf(c.id).type), 0);
  const { scrollRef, items, padTop, padBottom, activeRow, setActive, onKeyDown } = useVirtualRows({
    count: rows.length,
    keyOf: (index) => rows[index]?.id ?? index,
    resetOn: page,
    open: (index) => {
      const orderId = rows[index]?.original.order_id;
      if (typeof orderId === 'string') router.push(`/orders/${encodeURIComponent(orderId)}`);
    },
  });
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const unit = page.kpi?.unit;

  return (
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
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {visibleColumns.map((c) => (
            <col key={c.id} style={{ width: widthOf(c.id, metaOf(c.id).type) }} />
          ))}
        </colgroup>
        <TableHead table={table} kpiName={page.kpi?.name} />
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
  );
}
