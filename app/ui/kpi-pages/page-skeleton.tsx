import styles from './kpi-pages.module.css';

/** The shape of a KPI page while its numbers are computed: title, four cards, chart panels. */
export function PageSkeleton({ label, panels = 3 }: { label: string; panels?: number }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">{label}</p>
      <div aria-hidden="true">
        <span className={styles.skeleton} style={{ width: 120, height: 12, marginBottom: 10 }} />
        <span className={styles.skeleton} style={{ width: 320, height: 28, marginBottom: 10 }} />
        <span className={styles.skeleton} style={{ width: '55%', height: 14, marginBottom: 20 }} />
        <span className={styles.skeleton} style={{ width: '100%', height: 44, marginBottom: 20 }} />
        <div className={styles.stats}>
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="card" style={{ display: 'grid', gap: 8 }}>
              <span className={styles.skeleton} style={{ width: '50%', height: 12 }} />
              <span className={styles.skeleton} style={{ width: '70%', height: 28 }} />
              <span className={styles.skeleton} style={{ width: '60%', height: 10 }} />
            </div>
          ))}
        </div>
        {Array.from({ length: panels }, (_, i) => (
          <div key={i} className={styles.skeletonPanel}>
            <span className={styles.skeleton} style={{ width: 160, height: 18 }} />
            <span className={styles.skeleton} style={{ width: '45%', height: 12 }} />
            <span className={styles.skeleton} style={{ width: '100%', height: 220 }} />
          </div>
        ))}
      </div>
    </div>
  );
}
