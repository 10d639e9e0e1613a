import 'server-only';
/**
 * The subscriptions: each with its schedule, where it goes, what it reports and its last outcome.
 * A delivery that failed is said in words at the top of the list and on its card, not only by colour.
 */
import { RETRY_MINUTES } from '@/lib/delivery/deliver';
import { listSubscriptions, type Subscription } from '@/lib/delivery/subscriptions';
import { capitalise } from '@/lib/format/labels';
import { getServerDatabase } from '@/runtime/database';
import { engine } from '@/runtime/engine';
import { DeleteButton } from '../../benchmarks/forms/delete-button';
import { formatDateTime } from '../../ui/format';
import { SendNowButton } from './send-now-button';
import { contentWords, filterWords, formatLabels, instantIn, periodWords } from './words';
import styles from './subscriptions.module.css';

const kpiName = (id: string) => engine.catalogue.kpis.find((k) => k.id === id)?.name ?? id;

export const titleOf = (s: Pick<Subscription, 'name' | 'format'>) =>
  s.name ?? `${formatLabels[s.format]} report`;

export async function SubscriptionsPanel() {
  const db = await getServerDatabase();
  const subscriptions = await listSubscriptions(db);
  const failing = subscriptions.filter(
    (s) => s.lastStatus === 'failed' || s.lastStatus === 'retrying',
  );
  return (
    <section className="panel" aria-labelledby="subscriptions-h">
      <h2 id="subscriptions-h" className={styles.panelTitle}>
        Scheduled reports <span className={styles.count}>{subscriptions.length}</span>
      </h2>
      {failing.length > 0 && (
        <div className={styles.failures} role="alert">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {failing.length === 1
              ? 'A scheduled report was not delivered'
              : `${failing.length} scheduled reports were not delivered`}
          </strong>
          <ul>
            {failing.map((s) => (
              <li key={s.id}>
                <a href={`#subscription-${s.id}`}>{titleOf(s)}</a>: {s.lastError ?? 'failed'}
                {s.lastStatus === 'retrying' && s.retryAt
                  ? ` (trying again ${instantIn(s.retryAt, s.timeZone)})`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {subscriptions.length ? (
        <ul className={styles.cards}>
          {subscriptions.map((s) => (
            <SubscriptionCard key={s.id} subscription={s} />
          ))}
        </ul>
      ) : (
        <p className={styles.empty}>
          No report is scheduled yet. Schedule one below: it can be mailed, written to a folder, or
          both.
        </p>
      )}
    </section>
  );
}

function SubscriptionCard({ subscription: s }: { subscription: Subscription }) {
  const failed = s.lastStatus === 'failed' || s.lastStatus === 'retrying';
  const filters = filterWords(s.report.filters);
  return (
    <li id={`subscription-${s.id}`} className={`${styles.card} ${failed ? styles.cardFailed : ''}`}>
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>{titleOf(s)}</h3>
        <span className={styles.formatChip}>{formatLabels[s.format]}</span>
      </div>
      <p className={styles.cadence}>Sent {s.cadenceText}</p>
      <LastOutcome subscription={s} />
      <dl className={styles.meta}>
        <div>
          <dt>Next run</dt>
          <dd>{instantIn(s.nextRunAt, s.timeZone)}</dd>
        </div>
        <div>
          <dt>Mailed to</dt>
          <dd>{s.recipients.length ? s.recipients.join(', ') : 'Nobody'}</dd>
        </div>
        <div>
          <dt>Written to</dt>
          <dd>{s.folder ? <code className={styles.path}>{s.folder}</code> : 'No folder'}</dd>
        </div>
        <div>
          <dt>Reports</dt>
          <dd>
            {capitalise(periodWords(s.report.filters))}
            {filters ? `; ${filters}` : ''}. {contentWords(s.report, kpiName).join(', ')}.
          </dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>
            by {s.createdBy ?? 'someone'}, {formatDateTime(s.createdAt)}
          </dd>
        </div>
      </dl>
      <div className={styles.cardActions}>
        <SendNowButton id={s.id} title={titleOf(s)} />
        <DeleteButton
          url={`/api/subscriptions/${encodeURIComponent(s.id)}`}
          what={`the scheduled report “${titleOf(s)}”`}
          label="Remove"
        />
      </div>
    </li>
  );
}

/** The last run in words; a failure with its reason and what happens next. */
function LastOutcome({ subscription: s }: { subscription: Subscription }) {
  if (!s.lastStatus || !s.lastRunAt)
    return <p className={styles.outcomeNone}>Not delivered yet.</p>;
  const when = instantIn(s.lastRunAt, s.timeZone);
  if (s.lastStatus === 'sent')
    return (
      <p className={styles.outcomeSent}>
        <span aria-hidden="true">✓ </span>Delivered {when}
      </p>
    );
  const next =
    s.lastStatus === 'retrying' && s.retryAt
      ? `Trying again ${instantIn(s.retryAt, s.timeZone)} (attempt ${s.attempts + 1} of ${RETRY_MINUTES.length + 1}).`
      : `No more retries: the next try is the next regular run.`;
  return (
    <div className={styles.outcomeFailed}>
      <strong>
        <span aria-hidden="true">⚠ </span>
        {s.lastStatus === 'retrying' ? 'Delivery failed, retrying' : 'Delivery failed'}
      </strong>{' '}
      {when}: {s.lastError ?? 'no reason given'}. {next}
    </div>
  );
}
