import { useId, type ReactNode } from 'react';
import { pageSizes } from '@/lib/orders/query';
import { formatCount } from '../../ui/format';
import styles from '../orders.module.css';
import type { OrdersTableInstance } from './columns';

/**
 * Rows per page (or all of them, scrolled through), and the first, previous, next and last page
 * (each a new URL); in the "all rows" view, `allRows` takes the page buttons' place.
 */
export function Pager({
  table,
  page,
  pageSize,
  onPageSize,
  allRows,
}: {
  table: OrdersTableInstance;
  page: number;
  pageSize: number;
  onPageSize: (size: number | 'all') => void;
  /** The "all rows" view's controls; undefined in the paged view. */
  allRows?: ReactNode;
}) {
  const id = useId();
  return (
    <nav className={styles.pager} aria-label="Pages">
      <div className={styles.pageSize}>
        <label htmlFor={id}>Rows per page</label>
        <select
          id={id}
          value={allRows ? 'all' : pageSize}
          onChange={(e) => onPageSize(e.target.value === 'all' ? 'all' : Number(e.target.value))}
        >
          {(pageSizes as readonly number[]).includes(pageSize) || allRows ? null : (
            <option value={pageSize}>{pageSize}</option>
          )}
          {pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
          <option value="all">All (scroll)</option>
        </select>
      </div>
      {allRows ?? (
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
            Page {formatCount(page)} of {formatCount(Math.max(table.getPageCount(), 1))}
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
      )}
    </nav>
  );
}

/**
 * The "all rows" view under the grid: what is loading (or failed, with a retry), and for a view
 * longer than a block of the grid, the previous and next block.
 */
export function AllRowsControls({
  status,
  onRetry,
  block,
  blocks,
  onBlock,
  rowsText,
}: {
  status: string;
  onRetry?: () => void;
  block: number;
  blocks: number;
  onBlock: (block: number) => void;
  /** Which rows the grid holds, e.g. "Rows 250,001–500,000 of 1,200,000". */
  rowsText: string;
}) {
  return (
    <div className={styles.pageButtons}>
      <span role="status" aria-live="polite" className={styles.subtotal}>
        {status}
      </span>
      {onRetry && (
        <button type="button" className={styles.button} onClick={onRetry}>
          Try again
        </button>
      )}
      {blocks > 1 && (
        <>
          <button
            type="button"
            className={styles.button}
            onClick={() => onBlock(block - 1)}
            disabled={block === 0}
          >
            <span aria-hidden="true">‹</span> Previous rows
          </button>
          <span className={styles.pageOf}>{rowsText}</span>
          <button
            type="button"
            className={styles.button}
            onClick={() => onBlock(block + 1)}
            disabled={block >= blocks - 1}
          >
            Next rows <span aria-hidden="true">›</span>
          </button>
        </>
      )}
    </div>
  );
}
