import Link from 'next/link';
import styles from '../orders.module.css';
import { EmptyIcon } from './icons';

/** No rows on this page: past the last page (back to the first), or none match the view. */
export function EmptyState({
  total,
  noun,
  onFirstPage,
}: {
  total: number;
  /** 'orders' or 'returns'. */
  noun: string;
  onFirstPage: () => void;
}) {
  return (
    <div className={styles.empty}>
      <EmptyIcon />
      {total > 0 ? (
        <>
          <p className={styles.emptyTitle}>This page is past the last {noun.slice(0, -1)}.</p>
          <button type="button" className={styles.button} onClick={onFirstPage}>
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
  );
}
