import styles from '../ui/scorecard.module.css';

/** The scorecard's shape while its KPIs are computed: header, coverage, filter bar, cards. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading the scorecard…</p>
      <div aria-hidden="true">
        <span className={styles.skeleton} style={{ width: 180, height: 28, marginBottom: 10 }} />
        <span className={styles.skeleton} style={{ width: '60%', height: 14, marginBottom: 18 }} />
        <span className={styles.skeleton} style={{ width: '100%', height: 44, marginBottom: 16 }} />
        <div className={styles.filterBar}>
          <span className={styles.skeleton} style={{ width: '70%', height: 34 }} />
          <span className={styles.skeleton} style={{ width: '85%', height: 32, marginTop: 14 }} />
        </div>
        <span className={styles.skeleton} style={{ width: 140, height: 18, marginBottom: 12 }} />
        <div className={styles.cards}>
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className={styles.skelCard}>
              <span className={styles.skeleton} style={{ width: '65%', height: 14 }} />
              <span className={styles.skeleton} style={{ width: '45%', height: 28 }} />
              <span className={styles.skeleton} style={{ width: '80%', height: 12 }} />
              <span
                className={styles.skeleton}
                style={{ width: '100%', height: 1, opacity: 0.4 }}
              />
              <span className={styles.skeleton} style={{ width: '90%', height: 12 }} />
              <span className={styles.skeleton} style={{ width: '60%', height: 12 }} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
