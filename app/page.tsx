import Link from 'next/link';
import { connection } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { getDataCoverage } from '@/lib/ingest/coverage';
import { listLoads } from '@/lib/ingest/ledger';
import { scorecard } from '@/lib/kpi/scorecard';
import { DemoBanner } from './ui/demo-banner';
import { formatCount, formatDay } from './ui/format';
import { KpiTable } from './ui/kpi-table';
import { LedgerTable } from './ui/ledger-table';

export default async function OverviewPage() {
  await connection();
  const db = await getServerDatabase();
  const [coverage, loads, kpis] = await Promise.all([
    getDataCoverage(db),
    listLoads(db, 5),
    scorecard(db),
  ]);
  const stats = [
    { label: 'Orders', value: coverage.orders },
    { label: 'Order lines', value: coverage.orderLines },
    { label: 'Shipment lines', value: coverage.shipments },
    { label: 'Return lines', value: coverage.returns },
  ];
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>Overview</h1>
      <p className="lede">
        The order-management KPIs of the loaded orders, their benchmark placement, and the extracts
        behind them.
      </p>
      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">Data coverage</h2>
        <div className="grid">
          {stats.map((stat) => (
            <div className="card" key={stat.label}>
              <div className="stat-label">{stat.label}</div>
              <div className="stat-value">{formatCount(stat.value)}</div>
            </div>
          ))}
          <div className="card">
            <div className="stat-label">Orders placed</div>
            <div className="stat-value" style={{ fontSize: 18 }}>
              {formatDay(coverage.firstOrder)} – {formatDay(coverage.lastOrder)}
            </div>
            <div className="stat-note">{formatCount(coverage.activeLoads)} active loads</div>
          </div>
        </div>
      </section>
      <section className="panel" aria-labelledby="kpi-heading">
        <h2 id="kpi-heading">KPIs</h2>
        <KpiTable entries={kpis} />
      </section>
      <section className="panel" aria-labelledby="loads-heading">
        <h2 id="loads-heading">Latest loads</h2>
        <LedgerTable loads={loads} caption="The five most recent loads" />
        <p>
          <Link href="/data">All loads and how to add data →</Link>
        </p>
      </section>
    </>
  );
}
