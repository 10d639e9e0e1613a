import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getServerDatabase } from '@/runtime/database';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import { getOrder } from '@/lib/orders/order-detail';
import { requirePage } from '../../session';
import { DemoBanner } from '../../ui/demo-banner';
import { Facts, factsOf } from './facts';
import { OrderHead, OrderSource } from './order-head';
import styles from './order.module.css';
import { LinesPanel } from './panels/lines-panel';
import { ReturnsPanel } from './panels/returns-panel';
import { ShipmentsPanel } from './panels/shipments-panel';
import { TimelinePanel } from './panels/timeline-panel';
import { VerdictsPanel } from './panels/verdicts-panel';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Order ${id}` };
}

/** One order: its facts, timeline, KPI verdicts, lines, shipments and returns. */
export default async function OrderPage({ params }: { params: Params }) {
  await connection();
  const { id } = await params;
  await requirePage('drill', `/orders/${encodeURIComponent(id)}`);
  const db = await getServerDatabase();
  const [detail, coverage] = await Promise.all([getOrder(db, id), getDataCoverage(db)]);
  if (!detail) notFound();
  const { order, lines, shipments, returns, timeline, kpis } = detail;
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <OrderHead order={order} />
      <Facts facts={factsOf(detail)} />
      <div className={styles.columns}>
        <TimelinePanel events={timeline} />
        <VerdictsPanel kpis={kpis} />
      </div>
      <LinesPanel lines={lines} />
      <ShipmentsPanel shipments={shipments} />
      <ReturnsPanel returns={returns} currency={order.currency} />
      <OrderSource order={order} />
    </>
  );
}
