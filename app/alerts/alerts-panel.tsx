import 'server-only';
/** The alerts raised: open ones (or every one), newest first, each with its acknowledgement. */
import Link from 'next/link';
import { listAlerts, type Alert } from '@/lib/alerts/rules';
import { config } from '@/lib/config';
import { mailConfigured } from '@/lib/delivery/mailer';
import { periodLabel } from '@/lib/format/units';
import { getServerDatabase } from '@/runtime/database';
import { formatDateTime } from '../ui/format';
import { AcknowledgeButton } from './acknowledge-button';
import styles from './alerts.module.css';

export async function AlertsPanel({ all }: { all: boolean }) {
  const db = await getServerDatabase();
  const alerts = await listAlerts(db, { all });
  const open = alerts.filter((a) => !a.acknowledgedAt).length;
  const mail = mailConfigured(config().mail);
  return (
    <section className="panel" aria-labelledby="alerts-h">
      <div className={styles.panelHead}>
        <h2 id="alerts-h">
          {all ? 'All alerts' : 'Open alerts'} <span className={styles.count}>{alerts.length}</span>
        </h2>
        <Link className={styles.toggle} href={all ? '/alerts' : '/alerts?show=all'}>
          {all ? 'Show open alerts only' : 'Show acknowledged alerts too'}
        </Link>
      </div>
      {!mail && (
        <p className={styles.mailNote} role="note">
          Mail is not configured on this server, so alerts are listed here but mailed to nobody. To
          mail them, set <code>ORDERLENS_SMTP_URL</code> (for example{' '}
          <code>smtp://user:password@mail.example.com:587</code>) and restart Orderlens.
        </p>
      )}
      {alerts.length === 0 ? (
        <p className={styles.empty}>
          {all ? 'No alert has been raised yet.' : 'No open alerts: nothing needs a look.'}
        </p>
      ) : (
        <>
          {all && open < alerts.length && (
            <p className={styles.hint}>
              {open} open, {alerts.length - open} acknowledged.
            </p>
          )}
          <ul className={styles.alertList}>
            {alerts.map((alert) => (
              <AlertItem key={alert.id} alert={alert} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AlertItem({ alert }: { alert: Alert }) {
  const acknowledged = alert.acknowledgedAt !== null;
  return (
    <li className={`${styles.alert} ${acknowledged ? styles.alertDone : styles.alertOpen}`}>
      <div className={styles.alertMain}>
        <h3 className={styles.alertHeadline}>
          {acknowledged ? (
            <span className={styles.stateDone}>Acknowledged</span>
          ) : (
            <span className={styles.stateOpen}>
              <span aria-hidden="true">▲ </span>Open
            </span>
          )}{' '}
          {alert.headline}
        </h3>
        <p className={styles.alertMessage}>{alert.message}</p>
        <p className={styles.alertMeta}>
          <span>Raised {formatDateTime(alert.triggeredAt)}</span>
          <span>Rule: {alert.rule}</span>
          <span className={deliveryClass(alert)}>{deliveryText(alert)}</span>
          {acknowledged && (
            <span>
              Acknowledged by {alert.acknowledgedBy ?? 'someone'},{' '}
              {formatDateTime(alert.acknowledgedAt)}
            </span>
          )}
        </p>
      </div>
      <div className={styles.alertActions}>
        <Link className={styles.kpiLink} href={kpiPath(alert.link)}>
          {alert.about === 'inbox' ? (
            'Open the inbox'
          ) : (
            <>
              Open {alert.kpiName}
              {alert.period ? ` for ${periodLabel(alert.period, 'month')}` : ''}
            </>
          )}
        </Link>
        {!acknowledged && <AcknowledgeButton id={alert.id} headline={alert.headline} />}
      </div>
    </li>
  );
}

/**
 * The page the alert links to (a KPI's, or the inbox on /data), as a path of this server: the stored link is absolute, made
 * with ORDERLENS_PUBLIC_URL for the mail, which may not be the address this page was opened at.
 */
function kpiPath(link: string): string {
  try {
    const url = new URL(link);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return link.startsWith('/') ? link : '/kpis';
  }
}

/** How the alert's mail went, in words (the colour only repeats it). */
function deliveryText({ delivery, recipients, about }: Alert): string {
  const to = recipients.join(', ');
  const tries = `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`;
  switch (delivery.status) {
    case 'sent':
      return `Mailed to ${to}`;
    case 'pending':
      return `Mail to ${to} is being sent`;
    case 'retrying':
      return `Mail to ${to} failed (${tries}), retrying: ${delivery.error ?? 'no reason given'}`;
    case 'failed':
      return `Mail to ${to} failed after ${tries}: ${delivery.error ?? 'no reason given'}`;
    case 'not_configured':
      return `Not mailed to ${to}: mail is not configured on this server`;
    case 'no_recipients':
      return about === 'inbox'
        ? 'Listed here only: the inbox mails nobody (name addresses in its settings on the data page)'
        : 'Listed here only: the rule mails nobody';
  }
}

function deliveryClass({ delivery }: Alert): string {
  if (delivery.status === 'failed' || delivery.status === 'retrying') return styles.mailFailed!;
  if (delivery.status === 'not_configured') return styles.mailWarn!;
  return '';
}
