import 'server-only';
/**
 * One line on the scorecard when alerts are open: how many, the newest one's headline, and a link
 * to the alerts page. Rendered in its own Suspense boundary, so the scorecard never waits for it.
 */
import Link from 'next/link';
import { listAlerts } from '@/lib/alerts/rules';
import { getServerDatabase } from '@/runtime/database';
import styles from './open-alerts-notice.module.css';

/** Enough to count the open alerts of any plausible set of rules; beyond it the line says "or more". */
const COUNTED = 100;

export async function OpenAlertsNotice() {
  const db = await getServerDatabase();
  const open = await listAlerts(db, { limit: COUNTED });
  const newest = open[0];
  if (!newest) return null;
  const count = open.length === COUNTED ? `${COUNTED} or more` : String(open.length);
  return (
    <p className={styles.notice}>
      <span className={styles.icon} aria-hidden="true">
        ▲
      </span>{' '}
      <span className={styles.text}>
        <strong>
          {count} open alert{open.length === 1 ? '' : 's'}:
        </strong>{' '}
        {newest.headline}
        {open.length > 1 ? '…' : ''}
      </span>{' '}
      <span aria-hidden="true">—</span>{' '}
      <Link className={styles.review} href="/alerts">
        Review<span className="visually-hidden"> the open alerts</span>
      </Link>
    </p>
  );
}
