import styles from '../orders.module.css';

/** The orders explorer's shape while its first page loads (the root skeleton is the scorecard's). */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading orders…</p>
      <div aria-hidden="true">
        <span className={styles.skeleton} style={{ width: 160, height: 28, marginBottom: 10 }} />
        <span className={styles.skeleton} style={{ width: '55%', height: 14, marginBottom: 20 }} />
        <div className={styles.skeletonPanel} style={{ height: 138 }} />
        <div className={styles.skeletonPanel} style={{ height: 560 }}>
          {Array.from({ length: 10 }, (_, i) => (
            <span
              key={i}
              className={styles.skeleton}
              style={{ width: `${92 - (i % 3) * 6}%`, height: 14, margin: '18px 16px' }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
