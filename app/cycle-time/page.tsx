import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import { getServerDatabase } from '@/lib/db/server';
import { drillKpi } from '@/lib/kpi/drill';
import type { Dimension } from '@/lib/kpi/filters';
import { scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import type { Stage } from '@/lib/kpi/types';
import { DemoBanner } from '../ui/demo-banner';
import { FilterBar } from '../ui/filter-bar';
import { chartBandSet } from '../ui/charts/bands';
import { BreakdownBars, type BreakdownRow } from '../ui/charts/breakdown-bars';
import { Histogram } from '../ui/charts/histogram';
import { StageBar } from '../ui/charts/stage-bar';
import { TrendChart } from '../ui/charts/trend-chart';
import { formatCount, formatKpiValue } from '../ui/charts/units';
import { BenchmarkSources } from '../ui/kpi-pages/benchmark-sources';
import { DrillTable } from '../ui/kpi-pages/drill-table';
import { filterContext } from '../ui/kpi-pages/filter-context';
import { FilterNote } from '../ui/kpi-pages/filter-note';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '../ui/kpi-pages/labels';
import { kpiQueryFromSearchParams, searchStringOf, type SearchParams } from '../ui/search-params';
import styles from './page.module.css';
import { requirePage } from '../session';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Order shipment cycle time' };

const KPI = 'order_shipment_cycle_time';
const BREAKDOWNS: Dimension[] = ['site', 'carrier', 'channel', 'ship_mode'];

const stageNames: Record<Stage['stage'], string> = {
  entry: 'Entry',
  release: 'Release',
  ship: 'Pick, pack & ship',
  delivery: 'Delivery',
};

export default async function CycleTimePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('view', '/cycle-time');
  const { query, problems } = kpiQueryFromSearchParams(await searchParams);
  const filters = query.filters;
  const db = await getServerDatabase();
  const [[entry], breakdowns, sets, slowest, context] = await Promise.all([
    scorecard(db, { filters, grain: 'month' }, [KPI]),
    Promise.all(
      BREAKDOWNS.map((by) =>
        scorecard(db, { filters, by, details: false }, [KPI]).then((r) => r[0]!),
      ),
    ),
    bandSetsForKpi(db, KPI),
    can(identity.role, 'drill')
      ? drillKpi(db, KPI, { filters, sort: 'value', direction: 'desc', pageSize: 20 })
      : null,
    filterContext(db, filters),
  ]);
  const kpi = entry!;
  const d = kpi.distribution;
  const search = searchStringOf({ filters });
  const and = search.replace('?', '&');
  const stages = kpi.stages ?? [];
  const bestSegments = BREAKDOWNS.map((by, i) => ({ by, best: bestOf(breakdowns[i]!) }));

  return (
    <>
      {context.isDemo && <DemoBanner />}
      <header className={shared.header}>
        <div>
          <p className={shared.eyebrow}>Managers’ view</p>
          <h1>Order shipment cycle time</h1>
          <p className="lede">
            Hours from order to final shipment, over complete, non-cancelled orders. The mean is the
            headline; the median and the tail are what most customers feel.{' '}
            <Link href={`/kpis/${KPI}${search}`}>Definition and sources</Link>
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
      <FilterNote filters={filters} problems={problems} asOf="each order’s final ship date" />

      {!kpi.available ? (
        <section className="panel" aria-labelledby="na-h">
          <h2 id="na-h">Not available</h2>
          <p>
            The cycle time cannot be computed: {kpi.unavailableReason}. Load order and shipment
            extracts on the <Link href="/data">Data</Link> page.
          </p>
        </section>
      ) : (
        <>
          <section aria-label="Headline figures" className={shared.stats}>
            <Stat
              label="Mean"
              value={formatKpiValue(kpi.value, 'hours')}
              note="the headline value"
              big
            />
            <Stat
              label="Median (p50)"
              value={formatKpiValue(d?.median, 'hours')}
              note="half the orders ship faster"
            />
            <Stat label="p90" value={formatKpiValue(d?.p90, 'hours')} note="90% ship within" />
            <Stat label="p95" value={formatKpiValue(d?.p95, 'hours')} note="95% ship within" />
            <Stat
              label="Orders counted"
              value={formatCount(kpi.n)}
              note={
                kpi.excluded.length
                  ? kpi.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`).join('; ')
                  : 'none left out'
              }
            />
          </section>

          <section className="panel" aria-labelledby="bands-h">
            <h2 id="bands-h">How far from each band</h2>
            <div className={styles.bandsGrid}>
              <div>
                <BenchmarkSources
                  sets={sets}
                  placements={kpi.placements}
                  notPlaced={kpi.notPlaced}
                  unit="hours"
                  empty={
                    <>
                      <strong>No published band: there is nothing to measure a gap to.</strong>
                      OpsDog benchmarks an Order Shipment Cycle Time, but its values are not public,
                      and no other source publishes one, so Orderlens ships no band for it. Import a
                      band set from a report you hold to see the gap here.
                    </>
                  }
                />
                <TargetLine entry={kpi} />
              </div>
              <div>
                <h3 className={styles.h3}>Against your own best</h3>
                <p className={shared.note}>
                  Without an external band, the fastest segment of each dimension is the nearest
                  benchmark.
                </p>
                <ul className={styles.gaps}>
                  {bestSegments.map(({ by, best }) =>
                    best && kpi.value !== null ? (
                      <li key={by}>
                        <span className={styles.gapDim}>{dimensionLabels[by]}</span>
                        <span>
                          <strong>{best.segment}</strong> {formatKpiValue(best.value, 'hours')}
                          <span className={shared.na}>
                            {' '}
                            · {formatCount(best.n)} orders ·{' '}
                            {best.value < kpi.value
                              ? `${formatKpiValue(kpi.value - best.value, 'hours')} faster than all orders`
                              : 'no faster than all orders'}
                          </span>
                        </span>
                      </li>
                    ) : null,
                  )}
                </ul>
              </div>
            </div>
          </section>

          <section className="panel" aria-labelledby="dist-h">
            <h2 id="dist-h">Distribution</h2>
            {d ? (
              <Histogram
                title="Orders by cycle time"
                unit="hours"
                distribution={d}
                within="ship within"
              />
            ) : (
              <p className={shared.note}>No distribution in this range.</p>
            )}
          </section>

          <section className="panel" aria-labelledby="stages-h">
            <h2 id="stages-h">Where the time goes</h2>
            <ol className={styles.steps}>
              {stages.map((s, i) => (
                <li
                  key={s.stage}
                  className={s.stage === 'delivery' ? styles.stepAfter : styles.step}
                >
                  <span className={styles.stepName}>
                    {i + 1}. {stageNames[s.stage]}
                  </span>
                  <span className={styles.stepValue}>{formatKpiValue(s.meanHours, 'hours')}</span>
                  <span className={styles.stepNote}>
                    mean · median {formatKpiValue(s.medianHours, 'hours')}
                  </span>
                  <span className={styles.stepNote}>
                    {s.label}
                    {s.stage === 'delivery' ? ' (after the cycle time ends)' : ''} ·{' '}
                    {formatCount(s.n)} orders
                  </span>
                </li>
              ))}
            </ol>
            <StageBar title="Stage hours, mean and median" stages={stages} />
          </section>

          <section className="panel" aria-labelledby="by-h">
            <h2 id="by-h">By site, carrier, channel and ship mode</h2>
            <p className={shared.note}>
              Fastest first. With four or more segments, each is placed in the quartiles of its
              peers (Q1 = fastest quarter); with fewer, they are ranked.
            </p>
            <div className={styles.smallMultiples}>
              {BREAKDOWNS.map((by, i) => (
                <div key={by} className={styles.multiple}>
                  <h3 className={styles.h3}>
                    By {dimensionLabels[by].toLowerCase()}{' '}
                    <Link
                      className={styles.more}
                      href={`/kpis/${KPI}${searchStringOf({ filters, by })}#breakdown`}
                    >
                      details
                      <span className="visually-hidden">
                        {' '}
                        by {dimensionLabels[by].toLowerCase()}
                      </span>
                    </Link>
                  </h3>
                  <BreakdownBars
                    title={`Cycle time by ${dimensionLabels[by].toLowerCase()}`}
                    dimension={dimensionLabels[by].toLowerCase()}
                    unit="hours"
                    direction="lower"
                    rows={rowsOf(breakdowns[i]!)}
                    overall={kpi.value}
                    quartileReason={breakdowns[i]!.internal?.reason ?? null}
                    compact
                    maxBars={8}
                  />
                </div>
              ))}
            </div>
          </section>

          <section className="panel" aria-labelledby="trend-h">
            <h2 id="trend-h">Month by month</h2>
            <TrendChart
              title="Mean cycle time by month"
              measure="mean cycle time"
              unit="hours"
              direction="lower"
              grain="month"
              points={(kpi.series ?? []).flatMap((s) =>
                s.period ? [{ period: s.period, value: s.value, n: s.n }] : [],
              )}
              bands={sets.map((s) => chartBandSet(s, 'hours'))}
              target={kpi.target?.target.value ?? null}
            />
          </section>

          {slowest && (
            <section className="panel" aria-labelledby="slow-h">
              <div className={shared.panelHead}>
                <h2 id="slow-h">The slowest orders</h2>
                <Link
                  className={shared.buttonLink}
                  href={`/orders?kpi=${KPI}&sort=value&direction=desc${and}`}
                >
                  All {formatCount(slowest.total)} orders, slowest first →
                </Link>
              </div>
              <p className={shared.note}>
                The 20 orders that took longest from order to final shipment, with where their time
                went.
              </p>
              <DrillTable
                kpiId={KPI}
                rows={slowest.rows}
                caption="The 20 slowest orders, slowest first"
                unit="hours"
                valueLabel="Cycle time"
              />
            </section>
          )}
        </>
      )}
    </>
  );
}

function Stat({
  label,
  value,
  note,
  big,
}: {
  label: string;
  value: string;
  note: string;
  big?: boolean;
}) {
  return (
    <div className="card">
      <div className="stat-label">{label}</div>
      <div className={`stat-value ${big ? shared.big : ''}`}>{value}</div>
      <div className="stat-note">{note}</div>
    </div>
  );
}

function TargetLine({ entry }: { entry: ScorecardEntry }) {
  if (!entry.target) return <p className={shared.note}>No target is set for the cycle time.</p>;
  const { target, status } = entry.target;
  const gap = entry.value !== null ? entry.value - target.value : null;
  return (
    <p className={styles.target}>
      <strong>Target {formatKpiValue(target.value, 'hours')}</strong>:{' '}
      {status === 'on_track'
        ? '✓ on track'
        : status === 'at_risk'
          ? '! at risk'
          : status === 'off_track'
            ? '✗ off track'
            : 'no value to judge'}
      {gap !== null && gap > 0 && ` — ${formatKpiValue(gap, 'hours')} faster needed to meet it`}
      {gap !== null && gap <= 0 && ` — ${formatKpiValue(-gap, 'hours')} inside it`}
    </p>
  );
}

function rowsOf(entry: ScorecardEntry): BreakdownRow[] {
  const peers = entry.internal?.peers ?? [];
  return (entry.series ?? []).map((s, i) => ({
    label: s.segment ?? '(not recorded)',
    value: s.value,
    n: s.n,
    quartile: peers[i]?.quartile ?? null,
    excluded: peers[i]?.excluded ?? null,
    gap: peers[i]?.gapToNext?.text ?? null,
    median: s.distribution?.median ?? null,
    p90: s.distribution?.p90 ?? null,
  }));
}

/** The fastest segment with enough orders to count (20), if any. */
function bestOf(entry: ScorecardEntry) {
  const candidates = (entry.series ?? []).filter(
    (s): s is typeof s & { value: number } => s.value !== null && s.n >= 20 && !!s.segment,
  );
  return candidates.sort((a, b) => a.value - b.value)[0];
}
