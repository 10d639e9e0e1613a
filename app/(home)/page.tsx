import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { getServerDatabase } from '@/runtime/database';
import { getDataCoverage, type DataCoverage } from '@/lib/ingest/load/coverage';
import { listLoads, type LedgerEntry } from '@/lib/ingest/load/ledger';
import {
  countMatchingOrders,
  listDimensionValues,
  previewDimensionValues,
} from '@/lib/kpi/dimension-values';
import { dimensionNames, type Dimension, type ParsedKpiQuery } from '@/lib/kpi/filters';
import { homeScorecardQuery, scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import { DemoBanner } from '../ui/demo-banner';
import { KpiFilterBar } from '../ui/filter-bar';
import { formatCount, formatDateTime, formatDay } from '../ui/format';
import { groupKpis, KpiCard, UnavailableKpi } from '../ui/kpi-card';
import styles from '../ui/scorecard.module.css';
import { kpiQueryFromSearchParams, searchStringOf, type SearchParams } from '../ui/search-params';
import { requirePage } from '../session';
import { DataFreshness } from './data-freshness';
import { OpenAlertsNotice } from './open-alerts-notice';

export const metadata: Metadata = { title: 'Scorecard' };

const comparisonNames = { previous: 'the previous period', last_year: 'the same period last year' };
const dimensionWords: Record<Dimension, string> = {
  site: 'site',
  channel: 'channel',
  customer: 'customer',
  region: 'region',
  carrier: 'carrier',
  ship_mode: 'ship mode',
};

export default async function ScorecardPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  await requirePage('view', '/');
  const { query, problems } = kpiQueryFromSearchParams(await searchParams);
  const db = await getServerDatabase();
  const coverage = await getDataCoverage(db);
  if (coverage.orders === 0) return <EmptyScorecard />;

  const span = { first: dayOrNull(coverage.firstOrder), last: dayOrNull(coverage.lastOrder) };
  const view = scorecardView(query, span);
  const [entries, options, matching, [lastLoad]] = await Promise.all([
    scorecard(db, { ...view, grain: homeScorecardQuery.grain }),
    listDimensionValues(db),
    countMatchingOrders(db, view.filters),
    listLoads(db, 1),
  ]);
  const available = entries.filter((e) => e.available);
  const unavailable = entries.filter((e) => !e.available);
  const nothingMatches = matching === 0 && available.every((e) => e.n === 0);
  const search = searchStringOf({ filters: query.filters, compare: query.compare });

  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <header className={styles.pageHead}>
        <h1>Scorecard</h1>
        <p className={styles.lede}>{describeView(view, entries)}</p>
      </header>

      {/* Its own boundary: the alerts line streams in without holding back the scorecard. */}
      <Suspense fallback={null}>
        <OpenAlertsNotice />
      </Suspense>

      <Coverage coverage={coverage} lastLoad={lastLoad} />

      {/* Its own boundary too: how fresh each source is, streamed beside the scorecard. */}
      <Suspense fallback={null}>
        <DataFreshness />
      </Suspense>

      {problems.length > 0 && (
        <div className={styles.notice} role="alert">
          Part of this link could not be read, so the scorecard shows all data:
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      <KpiFilterBar
        query={query}
        options={previewDimensionValues(options)}
        dataSpan={span}
        matching={matching}
      />

      {nothingMatches ? (
        <div className={styles.emptyState}>
          <h2>No orders match these filters</h2>
          <p>
            Widen the period or remove a filter. The data holds orders placed from{' '}
            {formatDay(coverage.firstOrder)} to {formatDay(coverage.lastOrder)}.
          </p>
          <div className={styles.emptyActions}>
            <Link className={styles.primaryLink} href="/">
              Show all data
            </Link>
          </div>
        </div>
      ) : (
        groupKpis(available).map(({ group, items }) => (
          <section key={group.id} className={styles.group} aria-labelledby={`group-${group.id}`}>
            <div className={styles.groupHead}>
              <h2 id={`group-${group.id}`}>{group.title}</h2>
              <p>{group.blurb}</p>
            </div>
            <div className={styles.cards}>
              {items.map((entry) => (
                <KpiCard key={entry.id} entry={entry} search={search} />
              ))}
            </div>
          </section>
        ))
      )}

      {unavailable.length > 0 && (
        <section className={styles.unavailable} aria-labelledby="unavailable-heading">
          <h2 id="unavailable-heading">Not available with the loaded data</h2>
          <p>
            These KPIs need data that is not loaded or entered yet; they are left out rather than
            shown as zero. <Link href="/data">Add data</Link>.
          </p>
          <ul className={styles.unavailableList}>
            {unavailable.map((entry) => (
              <UnavailableKpi key={entry.id} entry={entry} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const dayOrNull = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/**
 * What the scorecard computes for a URL: its filters and comparison (a breakdown or grain in the
 * URL belongs to other pages). A comparison with one open end of the range is closed with the
 * data's first or last order day, so "from July, compared with last year" means what it says.
 */
function scorecardView(
  query: ParsedKpiQuery,
  span: { first: string | null; last: string | null },
): ParsedKpiQuery {
  const filters = { ...query.filters };
  if (query.compare && (filters.from || filters.to)) {
    filters.from ??= span.first ?? undefined;
    filters.to ??= span.last ?? undefined;
    if (!filters.from) delete filters.from;
    if (!filters.to) delete filters.to;
  }
  return { filters, details: false, ...(query.compare ? { compare: query.compare } : {}) };
}

/** The view in one sentence: period, filters and comparison. */
function describeView(view: ParsedKpiQuery, entries: ScorecardEntry[]): string {
  const { filters } = view;
  const period =
    filters.from && filters.to
      ? `from ${filters.from} to ${filters.to}`
      : filters.from
        ? `from ${filters.from} on`
        : filters.to
          ? `up to ${filters.to}`
          : 'over all loaded data';
  const parts = dimensionNames
    .filter((d) => filters[d]?.length)
    .map((d) => `${dimensionWords[d]} ${filters[d]!.join(' or ')}`);
  if (filters.sku?.length) parts.push(`SKU ${filters.sku.join(' or ')}`);
  const ranges = entries.find((e) => e.comparisons?.length)?.comparisons ?? [];
  const compared = ranges.length
    ? ` Compared with ${ranges
        .map((c) => `${comparisonNames[c.kind]} (${c.range.from} to ${c.range.to})`)
        .join(' and ')}.`
    : '';
  return (
    `Every KPI ${period}${parts.length ? `, ${parts.join(', ')}` : ''} (each by its own as-of ` +
    `date), against published benchmark bands and your targets.${compared}`
  );
}

function Coverage({ coverage, lastLoad }: { coverage: DataCoverage; lastLoad?: LedgerEntry }) {
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading" className="visually-hidden">
        Data coverage and freshness
      </h2>
      <div className={styles.coverage}>
        <dl>
          <div>
            <dt>Orders loaded</dt>
            <dd>
              {formatCount(coverage.orders)}{' '}
              <small>
                · {formatCount(coverage.orderLines)} lines · {formatCount(coverage.returns)} returns
              </small>
            </dd>
          </div>
          <div>
            <dt>Orders placed</dt>
            <dd>
              {formatDay(coverage.firstOrder)} – {formatDay(coverage.lastOrder)}
            </dd>
          </div>
          <div>
            <dt>Loads</dt>
            <dd>
              {formatCount(coverage.activeLoads)} active
              {coverage.demoLoads > 0 && <small> · {formatCount(coverage.demoLoads)} demo</small>}
            </dd>
          </div>
          <div>
            <dt>Last load</dt>
            <dd>
              {formatDateTime(coverage.lastLoadAt)}
              {lastLoad && <small> · {lastLoad.fileName}</small>}
            </dd>
          </div>
        </dl>
        <Link className={styles.coverageLink} href="/data">
          Manage data →
        </Link>
      </div>
    </section>
  );
}

function EmptyScorecard() {
  return (
    <>
      <h1>Scorecard</h1>
      <p className={styles.lede}>Order-management KPIs of your orders, against published bands.</p>
      <div className={styles.emptyState} style={{ marginTop: 24 }}>
        <h2>No orders loaded yet</h2>
        <p>
          Load an extract of your orders (CSV, TSV, XLSX or Parquet from SAP, NetSuite, Dynamics,
          Shopify or any ERP) and every KPI appears here with its benchmark band.
        </p>
        <p>
          Just looking? Load generated demo orders with <code>npx orderlens demo</code> and undo
          them later.
        </p>
        <div className={styles.emptyActions}>
          <Link className={styles.primaryLink} href="/data">
            Add your data
          </Link>
          <Link href="/kpis">See what each KPI needs</Link>
        </div>
      </div>
    </>
  );
}
