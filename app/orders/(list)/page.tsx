import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getServerDatabase } from '@/runtime/database';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import {
  listOrderFacets,
  listOrders,
  ordersQueryFromSearchParams,
  ordersSearchString,
} from '@/lib/orders/list';
import { engine } from '@/runtime/engine';
import { DemoBanner } from '../../ui/demo-banner';
import type { SearchParams } from '../../ui/search-params';
import { OrdersExplorer, type KpiOption } from '../orders-explorer';
import styles from '../orders.module.css';
import { requirePage } from '../../session';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Orders' };

/** KPIs that can list their rows: every KPI computed from orders or returns (not entered figures). */
const drillable: KpiOption[] = engine.catalogue.kpis
  .filter((k) => k.kind !== 'input')
  .map((k) => ({
    id: k.id,
    name: k.name,
    rowPer: k.base === 'kpi_return_facts' ? 'return' : 'order',
    judged: !!k.failure && k.failure.trim() !== 'false',
  }));

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('drill', '/orders');
  const { query, problems } = ordersQueryFromSearchParams(await searchParams);
  if (query.kpi && !drillable.some((k) => k.id === query.kpi)) {
    problems.push(`kpi: there is no KPI "${query.kpi}" that lists orders`);
    query.kpi = undefined;
    query.failedOnly = false;
  }
  const db = await getServerDatabase();
  const [page, facets, coverage] = await Promise.all([
    listOrders(db, query),
    listOrderFacets(db),
    getDataCoverage(db),
  ]);
  const kpi = page.kpi;
  const noun = kpi?.rowPer === 'return' ? 'returns' : 'orders';
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <div className={styles.pageHead}>
        <div>
          <h1>{kpi ? `Orders behind ${kpi.name}` : 'Orders'}</h1>
          <p className="lede">
            {kpi
              ? `The ${kpi.rowPer === 'return' ? 'returns' : 'orders'} this KPI counts, with its verdict on each. Dates filter the ${kpi.asOfLabel}.`
              : 'Every loaded order with its status, dates and fulfilment flags. Filter, sort, choose columns, and open an order for its timeline.'}
          </p>
        </div>
      </div>
      {problems.length > 0 && (
        <div className="banner" role="alert">
          <span aria-hidden="true">⚠</span>
          <div>
            <strong>Part of this link was not understood and is ignored</strong>
            <ul className={styles.problems}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {kpi && (
        <div className={styles.scope} role="note" aria-label="KPI drill-through">
          <div>
            <strong>{kpi.name}</strong>
            {!kpi.judged
              ? ` · ${page.total.toLocaleString('en-US')} ${noun} measured, each with its own value`
              : query.failedOnly
                ? ` · showing the ${kpi.failed.toLocaleString('en-US')} failing ${noun}`
                : ` · ${kpi.failed.toLocaleString('en-US')} of ${page.total.toLocaleString('en-US')} failed`}
          </div>
          <div className={styles.scopeLinks}>
            {kpi.judged &&
              (query.failedOnly ? (
                <Link
                  href={`/orders${ordersSearchString({ ...query, failedOnly: false, page: 1 })}`}
                >
                  Show all in scope
                </Link>
              ) : (
                <Link
                  href={`/orders${ordersSearchString({ ...query, failedOnly: true, page: 1 })}`}
                >
                  Show failing only
                </Link>
              ))}
            <Link
              href={`/orders${ordersSearchString({ filters: query.filters, pageSize: query.pageSize })}`}
            >
              All orders
            </Link>
          </div>
        </div>
      )}
      {page.ignored.length > 0 && (
        <p className={styles.ignored} role="status">
          Not applied to a KPI&rsquo;s rows: {page.ignored.join(' and ')}.
        </p>
      )}
      <OrdersExplorer
        page={page}
        query={query}
        facets={facets}
        kpis={drillable}
        canExport={can(identity.role, 'export')}
      />
    </>
  );
}
