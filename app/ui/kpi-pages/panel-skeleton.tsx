/**
 * The small fallbacks of the KPI pages' panels while each computes its data. Every fallback carries
 * aria-busy="true" (the browser tests wait until none is left) and says what it waits for.
 */
import styles from './kpi-pages.module.css';

/** A panel: its heading, a line of text and a chart. */
export function PanelSkeleton({ label, height = 220 }: { label: string; height?: number }) {
  return (
    <div className={styles.skeletonPanel} aria-busy="true" aria-live="polite">
      <p className="visually-hidden">{label}</p>
      <span aria-hidden="true" className={styles.skeleton} style={{ width: 160, height: 18 }} />
      <span aria-hidden="true" className={styles.skeleton} style={{ width: '45%', height: 12 }} />
      <span aria-hidden="true" className={styles.skeleton} style={{ width: '100%', height }} />
    </div>
  );
}

/** A row of headline cards. */
export function StatsSkeleton({ label, cards = 4 }: { label: string; cards?: number }) {
  return (
    <div className={styles.stats} aria-busy="true" aria-live="polite">
      <p className="visually-hidden">{label}</p>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} aria-hidden="true" className="card" style={{ display: 'grid', gap: 8 }}>
          <span className={styles.skeleton} style={{ width: '50%', height: 12 }} />
          <span className={styles.skeleton} style={{ width: '70%', height: 28 }} />
          <span className={styles.skeleton} style={{ width: '60%', height: 10 }} />
        </div>
      ))}
    </div>
  );
}

/** The filter bar's place. */
export function BarSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">{label}</p>
      <span
        aria-hidden="true"
        className={styles.skeleton}
        style={{ width: '100%', height: 44, marginBottom: 20 }}
      />
    </div>
  );
}
