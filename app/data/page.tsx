import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { getServerDatabase } from '@/runtime/database';
import { getDataCoverage, type DataCoverage } from '@/lib/ingest/load/coverage';
import { listLoads } from '@/lib/ingest/load/ledger';
import { DEFAULT_MAX_UPLOAD_BYTES } from '@/lib/ingest/read/uploads';
import { DemoBanner } from '../ui/demo-banner';
import { formatCount, formatDateTime, formatDay } from '../ui/format';
import styles from './data.module.css';
import { ListPanelSkeleton } from '../ui/list-panel-skeleton';
import { InboxPanel } from './inbox-panel';
import { LoadLedger } from './load-ledger';
import { ProfilesPanel } from './profiles-panel';
import { RemoveDemo } from './remove-demo';
import { UploadWizard } from './upload-wizard';
import { can } from '@/lib/auth/roles';
import { RoleNote } from '../ui/role-note';
import { requirePage } from '../session';

export const metadata: Metadata = { title: 'Data' };

export default async function DataPage() {
  await connection();
  const identity = await requirePage('view', '/data');
  const db = await getServerDatabase();
  const [coverage, loads] = await Promise.all([getDataCoverage(db), listLoads(db)]);
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>Data</h1>
      <p className="lede">
        Add order, line, shipment and return extracts, and see every load with its outcome. A load
        lands whole or not at all, and can be undone.
      </p>
      <Coverage coverage={coverage} canRemoveDemo={can(identity.role, 'undo')} />
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an extract</h2>
        {can(identity.role, 'upload') ? (
          <UploadWizard maxBytes={DEFAULT_MAX_UPLOAD_BYTES} />
        ) : (
          <RoleNote identity={identity} permission="upload" />
        )}
        <details className={styles.settings}>
          <summary>From the command line</summary>
          <p>
            <code>npx orderlens map orders.csv &gt; mapping.json</code> proposes a mapping;{' '}
            <code>npx orderlens ingest orders.csv --mapping mapping.json --dry-run</code> checks
            every row; without <code>--dry-run</code> it loads.{' '}
            <code>npx orderlens undo LOAD_ID</code> takes a load back;{' '}
            <code>npx orderlens demo remove</code> removes the demo data. While this server runs it
            holds the database: stop it first.
          </p>
        </details>
      </section>
      <Suspense fallback={<ListPanelSkeleton label="Loading the saved profiles…" />}>
        <ProfilesPanel identity={identity} />
      </Suspense>
      <Suspense fallback={<ListPanelSkeleton label="Loading the inbox…" />}>
        <InboxPanel identity={identity} />
      </Suspense>
      <section className="panel" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Load ledger</h2>
        <LoadLedger loads={loads} canUndo={can(identity.role, 'undo')} />
      </section>
    </>
  );
}

function Coverage({ coverage, canRemoveDemo }: { coverage: DataCoverage; canRemoveDemo: boolean }) {
  // Said wherever the counts are: the demo's orders are in none of them.
  const setAside = coverage.demoSetAside
    ? `The demo data (${formatCount(coverage.demoOrdersSetAside)} generated orders) was removed and is not counted.`
    : null;
  const empty = coverage.orders + coverage.shipments + coverage.returns === 0;
  if (empty) {
    return (
      <section aria-labelledby="coverage-heading" className="panel">
        <h2 id="coverage-heading">What is loaded</h2>
        <div className={styles.emptyState}>
          <strong>No orders loaded yet</strong>
          Upload an extract below to see your KPIs.
          {setAside && <p className="stat-note">{setAside}</p>}
        </div>
      </section>
    );
  }
  const stats = [
    { label: 'Orders', value: formatCount(coverage.orders) },
    { label: 'Order lines', value: formatCount(coverage.orderLines) },
    { label: 'Shipment lines', value: formatCount(coverage.shipments) },
    { label: 'Return lines', value: formatCount(coverage.returns) },
  ];
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">What is loaded</h2>
      <div className={styles.coverage}>
        {stats.map((stat) => (
          <div className="card" key={stat.label}>
            <div className="stat-label">{stat.label}</div>
            <div className="stat-value">{stat.value}</div>
          </div>
        ))}
        <div className="card">
          <div className="stat-label">Orders placed</div>
          <div className="stat-value" style={{ fontSize: 17 }}>
            {formatDay(coverage.firstOrder)} – {formatDay(coverage.lastOrder)}
          </div>
          <div className="stat-note">
            {formatCount(coverage.activeLoads)} active loads
            {coverage.lastLoadAt ? ` · last ${formatDateTime(coverage.lastLoadAt)}` : ''}
          </div>
        </div>
      </div>
      {setAside && <p className="stat-note">{setAside}</p>}
      {coverage.isDemo && canRemoveDemo && <RemoveDemo orders={coverage.demoOrders} />}
    </section>
  );
}
