import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import { getServerDatabase } from '@/lib/db/server';
import { drillKpi } from '@/lib/kpi/drill';
import { returnLinesOfOrders, returnReasons, type OrderReturnLine } from '@/lib/kpi/return-reasons';
import { scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import { fulfilmentErrorCategories } from '@/lib/model/canonical';
import { DemoBanner } from '../ui/demo-banner';
import { FilterBar } from '../ui/filter-bar';
import { chartBandSet, type ChartBandSet } from '../ui/charts/bands';
import { Histogram } from '../ui/charts/histogram';
import { Pareto } from '../ui/charts/pareto';
import { TrendChart } from '../ui/charts/trend-chart';
import { formatCount, formatKpiValue, formatPercent } from '../ui/charts/units';
import { DrillTable } from '../ui/kpi-pages/drill-table';
import { filterContext } from '../ui/kpi-pages/filter-context';
import { FilterNote } from '../ui/kpi-pages/filter-note';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import { kpiQueryFromSearchParams, searchStringOf, type SearchParams } from '../ui/search-params';
import styles from './page.module.css';
import { requirePage } from '../session';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Returns' };

const IDS = ['return_rate', 'unit_return_rate', 'returns_processing_cycle_time'] as const;
const errorCategories = new Set<string>(fulfilmentErrorCategories);

export default async function ReturnsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('view', '/returns');
  const { query, problems } = kpiQueryFromSearchParams(await searchParams);
  const filters = query.filters;
  const db = await getServerDatabase();
  const [entries, reasons, returned, bandSets, context] = await Promise.all([
    scorecard(db, { filters, grain: 'month' }, [...IDS]),
    returnReasons(db, filters),
    can(identity.role, 'drill')
      ? drillKpi(db, 'return_rate', { filters, failedOnly: true, pageSize: 25 })
      : null,
    Promise.all(IDS.map((id) => bandSetsForKpi(db, id))),
    filterContext(db, filters),
  ]);
  const lines = await returnLinesOfOrders(
    db,
    (returned?.rows ?? []).map((r) => String(r.order_id)),
  );
  const byOrder = new Map<string, OrderReturnLine[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  const [orderRate, unitRate, processing] = entries as [
    ScorecardEntry,
    ScorecardEntry,
    ScorecardEntry,
  ];
  const bands = bandSets.map((sets, i) => sets.map((s) => chartBandSet(s, entries[i]!.unit)));
  const search = searchStringOf({ filters });
  const and = search.replace('?', '&');
  const errors = reasons.byCategory
    .filter((r) => r.reason !== null && errorCategories.has(r.reason))
    .reduce((s, r) => s + r.count, 0);
  const d = processing.distribution;

  return (
    <>
      {context.isDemo && <DemoBanner />}
      <header className={shared.header}>
        <div>
          <p className={shared.eyebrow}>Returns</p>
          <h1>Returns</h1>
          <p className="lede">
            How often orders come back, why, and how fast returns are credited.
          </p>
        </div>
      </header>
      <FilterBar
        query={query}
        options={context.options}
        dataSpan={context.span}
        matching={context.matching}
        showCompare={false}
      />
      <FilterNote
        filters={filters}
        problems={problems}
        asOf="the final ship date for the return rates, the return date for the reasons and the credit date for the processing time"
      />

      <section aria-label="Headline figures" className={shared.stats}>
        <KpiStat entry={orderRate} note={rateNote(orderRate, 'orders returned')} />
        <KpiStat entry={unitRate} note={rateNote(unitRate, 'units returned')} />
        <KpiStat
          entry={processing}
          note={
            d
              ? `median ${formatKpiValue(d.median, 'days')} · p90 ${formatKpiValue(d.p90, 'days')}`
              : ''
          }
        />
        <div className="card">
          <div className="stat-label">Fulfilment errors</div>
          <div className="stat-value">
            {reasons.total ? formatPercent((100 * errors) / reasons.total) : '—'}
          </div>
          <div className="stat-note">
            {formatCount(errors)} of {formatCount(reasons.total)} return lines: damaged, wrong item
            or quantity, documentation
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="trend-h">
        <h2 id="trend-h">Return rates by month</h2>
        <div className={styles.pair}>
          {[orderRate, unitRate].map((e, i) => (
            <div key={e.id}>
              <h3 className={styles.h3}>
                {e.name}{' '}
                <Link className={styles.more} href={`/kpis/${e.id}${search}`}>
                  definition and breakdown
                  <span className="visually-hidden"> of the {e.name.toLowerCase()}</span>
                </Link>
              </h3>
              <KpiTrend entry={e} bands={bands[i]!} hideTitle />
            </div>
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby="reasons-h">
        <h2 id="reasons-h">Why goods come back</h2>
        <p className={shared.note}>
          {formatCount(reasons.total)} return lines ({formatCount(reasons.units)} units) by return
          date, most frequent reason first; the line shows the cumulative share.
          {reasons.cancelledOrderReturns > 0 &&
            ` ${formatCount(reasons.cancelledOrderReturns)} returns of cancelled orders are left out.`}{' '}
          Hatched red bars are fulfilment errors (damaged, wrong item or quantity, documentation):
          they count against order accuracy.
        </p>
        <div className={styles.pair}>
          <div>
            <h3 className={styles.h3}>By reason category</h3>
            <Pareto
              title="Returns by reason category"
              itemWord="reason categories"
              countWord="returns"
              hideTitle
              flagLabel="fulfilment error"
              rows={reasons.byCategory.map((r) => ({
                label: labelOf(r.reason),
                flagged: r.reason !== null && errorCategories.has(r.reason),
                count: r.count,
                share: r.share,
                cumulativeShare: r.cumulativeShare,
              }))}
            />
          </div>
          <div>
            <h3 className={styles.h3}>By reason code</h3>
            <Pareto
              title="Returns by reason code"
              itemWord="reason codes"
              countWord="returns"
              hideTitle
              flagLabel="fulfilment error"
              rows={reasons.byCode.map((r) => ({
                label: labelOf(r.reason),
                flagged: r.category !== null && errorCategories.has(r.category),
                detail: r.category ? `Category: ${labelOf(r.category)}` : null,
                count: r.count,
                share: r.share,
                cumulativeShare: r.cumulativeShare,
              }))}
            />
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="processing-h">
        <div className={shared.panelHead}>
          <h2 id="processing-h">Returns processing time</h2>
          <Link className={shared.buttonLink} href={`/kpis/returns_processing_cycle_time${search}`}>
            Definition and breakdown →
          </Link>
        </div>
        <p className={shared.note}>
          Days from receiving a return to crediting it, by credit date.{' '}
          {processing.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`).join('; ')}
          {processing.excluded.length ? ' left out.' : ''}
        </p>
        <div className={styles.pair}>
          <div>
            <h3 className={styles.h3}>By month</h3>
            <KpiTrend entry={processing} bands={bands[2]!} countWord="returns" hideTitle />
          </div>
          <div>
            <h3 className={styles.h3}>Distribution</h3>
            {d ? (
              <Histogram
                title="Returns by days to credit"
                unit="days"
                distribution={d}
                countWord="returns"
                within="are credited within"
                hideTitle
              />
            ) : (
              <p className={shared.note}>No credited returns in this range.</p>
            )}
          </div>
        </div>
      </section>

      {returned && (
        <section className="panel" aria-labelledby="returned-h">
          <div className={shared.panelHead}>
            <h2 id="returned-h">Returned orders</h2>
            <Link className={shared.buttonLink} href={`/orders?kpi=return_rate&failed=1${and}`}>
              All {formatCount(returned.total)} returned orders →
            </Link>
          </div>
          <p className={shared.note}>
            {returned.total
              ? `The ${returned.rows.length} most recently shipped of ${formatCount(returned.total)} orders with a return, with their return lines.`
              : 'No shipped order in this range has a return.'}
          </p>
          {returned.rows.length > 0 && (
            <DrillTable
              kpiId="return_rate"
              rows={returned.rows}
              caption="Returned orders, most recently shipped first, with their return lines"
              extraHeader="Return lines"
              extraCell={(row) => <ReturnLines lines={byOrder.get(String(row.order_id)) ?? []} />}
              showReason={false}
            />
          )}
        </section>
      )}
    </>
  );
}

function KpiStat({ entry, note }: { entry: ScorecardEntry; note: string }) {
  const placement = entry.placements[0];
  return (
    <div className="card">
      <div className="stat-label">
        <Link href={`/kpis/${entry.id}`} className={styles.statLink}>
          {entry.name}
        </Link>
      </div>
      <div className="stat-value">
        {entry.available ? formatKpiValue(entry.value, entry.unit) : '—'}
      </div>
      <div className="stat-note">
        {entry.available ? note : `Unavailable: ${entry.unavailableReason}`}
      </div>
      <div className="stat-note">
        {placement
          ? `${placement.band} · ${placement.source.source} ${placement.source.edition}`
          : 'No published band'}
        {entry.target?.status && ` · target ${entry.target.status.replace('_', ' ')}`}
      </div>
    </div>
  );
}

function KpiTrend({
  entry,
  bands,
  countWord = 'orders',
  hideTitle,
}: {
  entry: ScorecardEntry;
  bands: ChartBandSet[];
  countWord?: string;
  hideTitle?: boolean;
}) {
  return (
    <TrendChart
      title={`${entry.name} by month`}
      measure={entry.name.toLowerCase()}
      unit={entry.unit}
      direction={entry.direction}
      grain="month"
      points={(entry.series ?? []).flatMap((s) =>
        s.period ? [{ period: s.period, value: s.value, n: s.n }] : [],
      )}
      bands={bands}
      target={entry.target?.target.value ?? null}
      countWord={countWord}
      height={240}
      hideTitle={hideTitle}
    />
  );
}

function rateNote(entry: ScorecardEntry, what: string): string {
  if (entry.numerator === null || entry.denominator === null) return '';
  return `${formatCount(entry.numerator)} of ${formatCount(entry.denominator)} ${what}`;
}

function ReturnLines({ lines }: { lines: OrderReturnLine[] }) {
  if (!lines.length) return <span className={shared.na}>—</span>;
  return (
    <ul className={styles.returnLines}>
      {lines.map((l) => (
        <li key={l.returnId}>
          <strong>{l.reasonCode ?? '(no code)'}</strong>
          {l.reasonCategory && (
            <span className={shared.na}>
              {' '}
              {labelOf(l.reasonCategory)}
              {errorCategories.has(l.reasonCategory) && ' · error'}
            </span>
          )}{' '}
          <span className={styles.nowrap}>
            · {l.qty ?? '?'} × {l.sku ?? 'item'}
          </span>{' '}
          <span className={styles.nowrap}>· {l.returnTs?.slice(0, 10) ?? '—'}</span>
        </li>
      ))}
    </ul>
  );
}

const labelOf = (reason: string | null) =>
  reason === null ? '(blank)' : reason.replaceAll('_', ' ');
