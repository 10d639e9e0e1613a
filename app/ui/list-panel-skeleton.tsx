import styles from './scorecard.module.css';

/**
 * A list panel while its data loads (alerts, rules, scheduled reports, deliveries): its heading
 * and two lines. It carries aria-busy="true" (the browser tests wait until none is left) and says
 * what it waits for.
 */
export function ListPanelSkeleton({ label }: { label: string }) {
  return (
    <div className="panel" aria-busy="true" aria-live="polite">
      <p className="visually-hidden">{label}</p>
      <span
        className={styles.skeleton}
        aria-hidden="true"
        style={{ ...line, width: 160, height: 20 }}
      />
      <span
        className={styles.skeleton}
        aria-hidden="true"
        style={{ ...line, width: '70%', height: 14 }}
      />
      <span
        className={styles.skeleton}
        aria-hidden="true"
        style={{ ...line, width: '55%', height: 14 }}
      />
    </div>
  );
}

const line = { marginBottom: 10 };
