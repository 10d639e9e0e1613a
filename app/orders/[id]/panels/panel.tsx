import type { ReactNode } from 'react';
import styles from '../order.module.css';

/** A panel of the order page: a section named by its heading. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** What a panel says when the order has none of its rows. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className={styles.none}>{children}</p>;
}
