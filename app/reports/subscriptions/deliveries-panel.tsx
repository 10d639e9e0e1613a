import 'server-only';
/** The latest deliveries, newest first: when, which subscription, why it ran, and what happened. */
import { listDeliveries, type Delivery } from '@/lib/delivery/deliver';
import { listSubscriptions } from '@/lib/delivery/subscriptions';
import { getServerDatabase } from '@/runtime/database';
import { formatDateTime } from '../../ui/format';
import { titleOf } from './subscriptions-panel';
import { runKindLabels } from './words';
import styles from './subscriptions.module.css';

export async function DeliveriesPanel() {
  const db = await getServerDatabase();
  const [deliveries, subscriptions] = await Promise.all([
    listDeliveries(db, { limit: 100 }),
    listSubscriptions(db),
  ]);
  const names = new Map(subscriptions.map((s) => [s.id, titleOf(s)]));
  return (
    <section className="panel" aria-labelledby="deliveries-h">
      <h2 id="deliveries-h" className={styles.panelTitle}>
        Recent deliveries <span className={styles.count}>{deliveries.length}</span>
      </h2>
      {deliveries.length ? (
        <div className="table-scroll">
          <table className={styles.table}>
            <caption className="visually-hidden">
              The latest deliveries of scheduled reports, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Report</th>
                <th scope="col">Outcome</th>
                <th scope="col">File</th>
                <th scope="col">Delivered to</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className={d.status === 'failed' ? styles.rowFailed : undefined}>
                  <td className="nowrap">{formatDateTime(d.attemptedAt).replace(' UTC', '')}</td>
                  <td className={styles.reportCell}>
                    {names.get(d.subscriptionId) ?? (
                      <span className={styles.muted}>Removed subscription</span>
                    )}
                    <span className={styles.runKind}>
                      {runKindLabels[d.runKind]}
                      {d.attempt > 1 ? `, attempt ${d.attempt}` : ''}
                    </span>
                  </td>
                  <td>
                    <Status delivery={d} />
                  </td>
                  <td className="nowrap">
                    {d.fileName ? <code className={styles.fileName}>{d.fileName}</code> : '—'}
                  </td>
                  <td className={styles.where}>
                    {d.sentTo.length > 0 && <span>Mail: {d.sentTo.join(', ')}</span>}
                    {d.writtenTo && (
                      <span>
                        Folder: <code className={styles.path}>{d.writtenTo}</code>
                      </span>
                    )}
                    {!d.sentTo.length && !d.writtenTo && '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={styles.empty}>Nothing has been delivered yet.</p>
      )}
    </section>
  );
}

function Status({ delivery: d }: { delivery: Delivery }) {
  if (d.status === 'sent')
    return (
      <span className={styles.statusSent}>
        <span aria-hidden="true">✓ </span>Sent
        {d.error && <span className={styles.partial}> ({d.error})</span>}
      </span>
    );
  return (
    <span className={styles.statusFailed}>
      <span aria-hidden="true">⚠ </span>Failed: <span>{d.error ?? 'no reason given'}</span>
    </span>
  );
}
