import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { config } from '@/lib/config';
import { RETRY_MINUTES } from '@/lib/delivery/deliver';
import { mailConfigured } from '@/lib/delivery/mailer';
import { engine } from '@/runtime/engine';
import { requirePage } from '../../session';
import { DemoBannerWhileLoaded } from '../../ui/demo-banner';
import { ListPanelSkeleton } from '../../ui/list-panel-skeleton';
import type { SearchParams } from '../../ui/search-params';
import { carriedReportOf, reportsSearchOf } from './carried';
import { DeliveriesPanel } from './deliveries-panel';
import { SubscriptionForm } from './subscription-form';
import { SubscriptionsPanel } from './subscriptions-panel';
import styles from './subscriptions.module.css';

export const metadata: Metadata = { title: 'Scheduled reports' };

/**
 * Scheduled reports: the subscriptions with their schedule and last outcome, the form to add one
 * (starting from the report the reports page's link carries), and the recent deliveries.
 */
export default async function SubscriptionsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const search = await searchParams;
  const carried = carriedReportOf(search);
  await requirePage('export', `/reports/subscriptions${reportsSearchOf(carried)}`);
  const { mail, deliveryDirs } = config();
  const configured = mailConfigured(mail);
  const kpiNames = Object.fromEntries(engine.catalogue.kpis.map((k) => [k.id, k.name]));
  return (
    <>
      <Suspense fallback={<div hidden aria-busy="true" />}>
        <DemoBannerWhileLoaded />
      </Suspense>
      <p className={styles.crumb}>
        <Link href={`/reports${reportsSearchOf(carried)}`}>← Reports</Link>
      </p>
      <h1>Scheduled reports</h1>
      <p className="lede">
        A report sent on a schedule: mailed to its recipients, written to a folder, or both. A
        delivery that fails is tried again after{' '}
        {RETRY_MINUTES.join(', ').replace(/, (\d+)$/, ' and $1')} minutes, then at the next regular
        run.
      </p>
      {configured ? (
        <p className={styles.mailOk}>
          Reports are mailed from <strong>{mail.from}</strong>.
        </p>
      ) : (
        <div className={styles.mailNotice} role="note" aria-labelledby="mail-h">
          <strong id="mail-h">Mail is not configured on this server.</strong> Scheduled reports
          cannot be e-mailed until an administrator sets <code>ORDERLENS_SMTP_URL</code> (for
          example <code>smtp://user:password@mail.example.com:587</code>, and optionally{' '}
          <code>ORDERLENS_MAIL_FROM</code>) and restarts Orderlens. Writing reports to a folder
          works now.
        </div>
      )}
      <Suspense fallback={<ListPanelSkeleton label="Loading the scheduled reports…" />}>
        <SubscriptionsPanel />
      </Suspense>
      <section className="panel" aria-labelledby="add-h" id="add">
        <h2 id="add-h">Schedule a report</h2>
        <SubscriptionForm
          carried={carried}
          reportsHref={`/reports${reportsSearchOf(carried)}`}
          kpiNames={kpiNames}
          exportsDir={deliveryDirs[0]!}
          otherDirs={deliveryDirs.slice(1)}
          mailConfigured={configured}
        />
      </section>
      <Suspense fallback={<ListPanelSkeleton label="Loading the recent deliveries…" />}>
        <DeliveriesPanel />
      </Suspense>
    </>
  );
}
