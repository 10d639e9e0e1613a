import { useId } from 'react';
import { pageSizes } from '@/lib/orders/query';
import { formatCount } from '../../ui/format';
import styles from '../orders.module.css';
import type { OrdersTableInstance } from './columns';

/** Rows per page, and the first, previous, next and last page (each a new URL). */
export function Pager({
  table,
  page,
  pageSize,
}: {
  table: OrdersTableInstance;
  page: number;
  pageSize: number;
}) {
  const id = useId();
  return (
    <nav className={styles.pager} aria-label="Pages">
      <div className={styles.pageSize}>
        <label htmlFor={id}>Rows per page</label>
        <select
          id={id}
          value={pageSize}
          onChange={(e) => table.setPageSize(Number(e.target.value))}
        >
          {(pageSizes as readonly number[]).includes(pageSize) ? null : (
            <option value={pageSize}>{pageSize}</option>
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
    </nav>
  );
}
