import type { ReactNode } from 'react';
import styles from '../orders.module.css';

/** Above the table: how many rows the view holds (the table's heading) and its actions. */
export function Toolbar({
  id,
  totals,
  subtotal,
  children,
}: {
  /** The heading's id: the table section is labelled by it. */
  id: string;
  totals: string;
  subtotal: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={styles.toolbar}>
      <div>
        <h2 id={id} className={styles.totals} aria-live="polite">
          {totals}
        </h2>
        {subtotal !== undefined && <div className={styles.subtotal}>{subtotal}</div>}
      </div>
      <div className={styles.toolbarActions}>{children}</div>
    </div>
  );
}
