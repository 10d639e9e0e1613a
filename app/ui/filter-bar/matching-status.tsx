import { formatCount } from '../format';
import styles from '../scorecard.module.css';

/**
 * How many orders placed the view holds, or that it is being updated (read out politely). Placed
 * means by order date; the title says so, and why a KPI's count can differ.
 */
export function MatchingStatus({ matching, pending }: { matching: number; pending: boolean }) {
  return (
    <p
      className={`${styles.status} ${pending ? styles.pending : ''}`}
      aria-live="polite"
      // A KPI page's "orders counted" may differ: each KPI dates its orders its own way.
      title="Orders placed (by order date) in the period that match the filters. A KPI counts its orders by its own as-of date (first ship date, delivery…), so its count can differ."
    >
      {pending ? (
        'Updating…'
      ) : (
        <>
          <strong>{formatCount(matching)}</strong> {matching === 1 ? 'order' : 'orders'} placed in
          this view
        </>
      )}
    </p>
  );
}
