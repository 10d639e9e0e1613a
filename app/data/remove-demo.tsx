'use client';
/** Remove the demo data in one step (DELETE /api/demo), after a confirmation naming what goes. */
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { formatCount } from '../ui/format';
import styles from './data.module.css';
import { sendJson } from './request';

export function RemoveDemo({ orders }: { orders: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await sendJson('/api/demo', undefined, 'DELETE');
      // The page comes back without the demo: its coverage then says the demo was removed.
      router.refresh();
    } catch (failure) {
      setError((failure as Error).message);
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setPending(false);
      setConfirming(false);
    }
  }

  return (
    <div className={`${styles.actions} ${styles.demoActions}`}>
      {confirming ? (
        <span className={`${styles.confirm} ${styles.confirmBelow}`}>
          <span className={styles.confirmText}>
            Remove the demo data ({formatCount(orders)} generated orders with their lines, shipments
            and returns)?
          </span>
          <button
            type="button"
            className={`${styles.button} ${styles.small} ${styles.danger}`}
            disabled={pending}
            onClick={() => void remove()}
            autoFocus
          >
            {pending ? 'Removing…' : 'Yes, remove'}
          </button>
          <button
            type="button"
            className={`${styles.button} ${styles.small}`}
            disabled={pending}
            onClick={() => setConfirming(false)}
          >
            Keep
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className={`${styles.button} ${styles.small} ${styles.danger}`}
            onClick={() => setConfirming(true)}
          >
            Remove demo data
          </button>
          <span className={styles.actionsNote}>
            Your first load of your own extracts removes it too.
          </span>
        </>
      )}
      {error && (
        <div
          ref={errorRef}
          tabIndex={-1}
          className={`${styles.message} ${styles.error}`}
          role="alert"
        >
          <span className={styles.icon} aria-hidden="true">
            ✗
          </span>
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}
