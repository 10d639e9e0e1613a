import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { OrdersPage } from '@/lib/orders/list';
import styles from '../orders.module.css';
import type { Row } from '../types';
import { Cell } from './cell';
import { useMetaOf } from './column-meta';
import { widthOf, type OrdersTableInstance } from './columns';
import { TableHead } from './table-head';
import { useVirtualRows } from './use-virtual-rows';

/** The rows a grid draws: a server page's, or a block of the whole view fetched as Arrow. */
export interface RowSource {
  count: number;
  /** Rows in the whole view (aria-rowcount). */
  total: number;
  /** The view's row number (from 1) of row 0. */
  first: number;
  /** The row at an index, or undefined while it is on its way. */
  rowAt(index: number): Row | undefined;
  keyOf(index: number): string | number;
  /** A new set of rows: scroll back to the top. */
  resetOn: unknown;
  /** Told, after scrolling settles, which rows are in view (to fetch them). */
  onShow?(first: number, last: number): void;
}

/** Scrolling settles: the rows in view stayed this long. */
const SHOW_DELAY_MS = 120;

/**
 * Rows as a table in a fixed-height scroll container: only the rows in view are in the document
 * (spacer rows stand for the others), and aria-rowcount and aria-rowindex tell the full count and
 * each row's place in it. A row not yet fetched says so, and can be focused like any other.
 */
export function VirtualTable({
  table,
  page,
  source,
  pending,
  captionId,
  caption,
}: {
  table: OrdersTableInstance;
  page: OrdersPage;
  source: RowSource;
  pending: boolean;
  /** The id of the totals heading; its "-help" the keyboard help. */
  captionId: string;
  caption: string;
}) {
  const router = useRouter();
  const visibleColumns = table.getVisibleLeafColumns();
  const metaOf = useMetaOf();
  const tableWidth = visibleColumns.reduce((sum, c) => sum + widthOf(c.id, metaOf(c.id).type), 0);
  const { scrollRef, items, padTop, padBottom, activeRow, setActive, onKeyDown } = useVirtualRows({
    count: source.count,
    keyOf: source.keyOf,
    resetOn: source.resetOn,
    open: (index) => {
      const orderId = source.rowAt(index)?.order_id;
      if (typeof orderId === 'string') router.push(`/orders/${encodeURIComponent(orderId)}`);
    },
  });
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items.at(-1)?.index ?? -1;
  const onShow = source.onShow;
  useEffect(() => {
    if (!onShow || lastShown < 0) return;
    const timer = setTimeout(() => onShow(firstShown, lastShown), SHOW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [onShow, firstShown, lastShown]);
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
        aria-rowcount={source.total + 1}
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
            const row = source.rowAt(item.index);
            return (
              <tr
                key={item.key}
                data-index={item.index}
                aria-rowindex={source.first + item.index + 1}
                aria-busy={row ? undefined : true}
                tabIndex={item.index === activeRow ? 0 : -1}
                className={row?.failed === true ? styles.failedRow : undefined}
                onFocus={() => setActive(item.index)}
              >
                {row ? (
                  visibleColumns.map((column) => (
                    <Cell
                      key={column.id}
                      column={column.id}
                      value={row[column.id]}
                      row={row}
                      unit={unit}
                    />
                  ))
                ) : (
                  <td colSpan={visibleColumns.length} className={styles.none}>
                    Loading row {(source.first + item.index).toLocaleString('en-US')}…
                  </td>
                )}
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
