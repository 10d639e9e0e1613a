import { formatCount } from '../format';
import styles from '../scorecard.module.css';

/** How many orders placed the view holds, or that it is being updated (read out politely). */
export function MatchingStatus({ matching, pending }: { matching: number; pending: boolean }) {
  return (
    <p className={`${styles.status} ${pending ? styles.pending : ''}`} aria-live="polite">
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
