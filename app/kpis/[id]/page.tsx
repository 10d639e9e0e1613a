import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import { getServerDatabase } from '@/lib/db/server';
import { getKpi, UnknownKpiError } from '@/lib/kpi/compute';
import type { KpiDefinition } from '@/lib/kpi/define';
import { drillKpi, type DrillPage } from '@/lib/kpi/drill';
import { dimensionNames, grains, type Dimension, type Grain } from '@/lib/kpi/filters';
import { scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import { chartBandSet } from '../../ui/charts/bands';
import { BreakdownBars, type BreakdownRow } from '../../ui/charts/breakdown-bars';
import { Histogram } from '../../ui/charts/histogram';
import { StageBar } from '../../ui/charts/stage-bar';
import { TrendChart } from '../../ui/charts/trend-chart';
import { formatCount, formatPercent, formatKpiValue, type ChartGrain } from '../../ui/charts/units';
import { DemoBanner } from '../../ui/demo-banner';
import { FilterBar } from '../../ui/filter-bar';
import { BasisNote } from '../../ui/kpi-card';
import { BenchmarkSources } from '../../ui/kpi-pages/benchmark-sources';
import { DrillTable } from '../../ui/kpi-pages/drill-table';
import { filterContext } from '../../ui/kpi-pages/filter-context';
import { FilterNote } from '../../ui/kpi-pages/filter-note';
import { PageSkeleton } from '../../ui/kpi-pages/page-skeleton';
import shared from '../../ui/kpi-pages/kpi-pages.module.css';
import { capitalise, dimensionLabels, grainLabels } from '../../ui/kpi-pages/labels';
import { describeNeeds } from '../../ui/kpi-pages/needs';
import { QueryForm } from '../../ui/kpi-pages/query-form';
import {
  kpiQueryFromSearchParams,
  searchStringOf,
  type SearchParams,
} from '../../ui/search-params';
import styles from './page.module.css';
import { DataNeeded } from '@/app/ui/kpi-pages/data-needed';
import { requirePage } from '../../session';
import { can } from '@/lib/auth/roles';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

const statusText = {
  on_track: { label: 'On track', mark: '✓', className: 'good' },
  at_risk: { label: 'At risk', mark: '!', className: 'warn' },
  off_track: { label: 'Off track', mark: '✗', className: 'bad' },
} as const;

const grainWords: Record<KpiDefinition['grain'], string> = {
  order: 'one row per order',
  line: 'counted over order lines',
  unit: 'counted over units',
  return: 'one row per return line',
};

function definitionOf(id: string): KpiDefinition {
  try {
    return getKpi(id);
  } catch (error) {
    if (error instanceof UnknownKpiError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: getKpi(id).name };
  } catch {
    return { title: 'KPI not found' };
  }
}

/**
 * The id is checked before the first Suspense boundary so an unknown KPI answers 404; the data
 * streams in behind the skeleton.
 */
export default async function KpiPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  const identity = await requirePage('view', `/kpis/${encodeURIComponent(id)}`);
  const definition = definitionOf(id);
  return (
    <Suspense fallback={<PageSkeleton label="Loading the KPI…" panels={3} />}>
      <KpiDetail
        definition={definition}
        searchParams={searchParams}
        canDrill={can(identity.role, 'drill')}
      />
    </Suspense>
  );
}

async function KpiDetail({
  definition,
  searchParams,
  canDrill,
}: {
  definition: KpiDefinition;
  searchParams: Promise<SearchParams>;
  /** The orders behind the number are shown only to roles that may drill. */
  canDrill: boolean;
}) {
  const id = definition.id;
  const search = await searchParams;
  const { query, problems } = kpiQueryFromSearchParams(search);
  const grain: Grain = query.grain ?? 'month';
  const by: Dimension = query.by ?? 'site';
  const filters = query.filters;
  const isDuration = definition.kind === 'duration';
  const hasFailure = !!definition.failure && definition.failure !== 'false';
  const db = await getServerDatabase();
  const [trendEntries, breakdownEntries, sets, drill, context] = await Promise.all([
    scorecard(db, { filters, grain }, [id]),
    scorecard(db, { filters, by, details: false }, [id]),
    bandSetsForKpi(db, id),
    definition.kind === 'input' || !canDrill
      ? Promise.resolve(null)
      : drillKpi(db, id, {
          filters,
          pageSize: 25,
          ...(isDuration
            ? { sort: 'value', direction: 'desc' as const }
            : { failedOnly: hasFailure }),
        }),
    filterContext(db, filters),
  ]);
  const entry = trendEntries[0]!;
  const byEntry = breakdownEntries[0]!;
  const unit = entry.unit;
  const countWord = definition.base === 'kpi_return_facts' ? 'returns' : 'orders';
  const path = `/kpis/${id}`;
  const filterSearch = searchStringOf({ filters });
  const ordersHref = isDuration
    ? `/orders?kpi=${id}&sort=value&direction=desc${filterSearch.replace('?', '&')}`
    : `/orders?kpi=${id}&failed=1${filterSearch.replace('?', '&')}`;
  // Bands behind an assumed or partial trend would read as a placement it does not have.
  const chartBands = entry.basis === 'measured' ? sets.map((s) => chartBandSet(s, unit)) : [];
  const target = entry.target?.target.value ?? null;
  const best = entry.placements[0];

  return (
    <>
      {context.isDemo && <DemoBanner />}
      <nav aria-label="Breadcrumb" className={shared.crumbs}>
        <ol>
          <li>
            <Link href="/">Scorecard</Link>
          </li>
          <li>
            <Link href="/kpis">KPIs</Link>
          </li>
          <li aria-current="page">{entry.name}</li>
        </ol>
      </nav>
      <header className={shared.header}>
        <div>
          <p className={shared.eyebrow}>KPI · {definition.standard}</p>
          <h1>{entry.name}</h1>
          <p className="lede">
            {capitalise(entry.variant)}. {entry.direction === 'higher' ? 'Higher' : 'Lower'} is
            better.
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
      <FilterNote filters={filters} problems={problems} asOf={`the ${definition.asOfLabel}`} />

      <section aria-label="Headline" className={shared.stats}>
        <div className="card">
          <div className="stat-label">Value</div>
          <div className={`stat-value ${shared.big}`}>
            {entry.available ? formatKpiValue(entry.value, unit) : '—'}
          </div>
          <div className="stat-note">
            {entry.available
              ? `${entry.direction === 'higher' ? '↑ higher' : '↓ lower'} is better`
              : `Unavailable: ${entry.unavailableReason}`}
          </div>
          {entry.available && entry.basis !== 'measured' && <BasisNote entry={entry} />}
        </div>
        <div className="card">
          <div className="stat-label">Counted</div>
          <div className="stat-value">{formatCount(entry.n)}</div>
          <div className="stat-note">
            {countWord}
            {entry.excluded.length > 0 &&
              ` · ${formatCount(entry.excluded.reduce((s, e) => s + e.count, 0))} left out`}
          </div>
        </div>
        <div className="card">
          <div className="stat-label">Target</div>
          {entry.target ? (
            <>
              <div className="stat-value">{formatKpiValue(entry.target.target.value, unit)}</div>
              <div className="stat-note">
                {entry.target.status ? (
                  <span className={shared[statusText[entry.target.status].className]}>
                    <span aria-hidden="true">{statusText[entry.target.status].mark} </span>
                    {statusText[entry.target.status].label}
                  </span>
                ) : (
                  'No value to judge'
                )}
              </div>
            </>
          ) : (
            <>
              <div className={`stat-value ${shared.quiet}`}>None</div>
              <div className="stat-note">No target set for this KPI</div>
            </>
          )}
        </div>
        <div className="card">
          <div className="stat-label">Benchmark</div>
          {best ? (
            <>
              <div className={`stat-value ${shared.mid}`}>{best.band}</div>
              <div className="stat-note">
                {best.source.source} {best.source.edition}
                {entry.placements.length > 1 && ` · +${entry.placements.length - 1} more`}
              </div>
            </>
          ) : (
            <>
              <div className={`stat-value ${shared.quiet}`}>
                {entry.notPlaced?.[0]?.reference ? 'Reference only' : 'No band'}
              </div>
              <div className="stat-note">
                {entry.notPlaced?.[0]
                  ? `Not placed: ${entry.notPlaced[0].notPlaced} (${entry.notPlaced[0].source.source} ${entry.notPlaced[0].source.edition})`
                  : sets.length
                    ? 'No value to place'
                    : 'No published band for this KPI'}
              </div>
            </>
          )}
        </div>
      </section>

      <nav aria-label="On this page" className={shared.toc}>
        <a href="#definition">Definition</a>
        <a href="#benchmarks">Benchmarks</a>
        <a href="#trend">Trend</a>
        <a href="#breakdown">Breakdown</a>
        {isDuration && <a href="#distribution">Distribution</a>}
        <a href="#coverage">Coverage</a>
        {drill && (
          <a href="#orders">
            {isDuration ? 'Slowest' : 'Failed'} {countWord}
          </a>
        )}
      </nav>

      <div className={styles.twoCol}>
        <section className="panel" id="definition" aria-labelledby="definition-h">
          <h2 id="definition-h">Definition</h2>
          <Definition definition={definition} entry={entry} />
        </section>
        <section className="panel" id="benchmarks" aria-labelledby="benchmarks-h">
          <h2 id="benchmarks-h">Benchmark bands</h2>
          <BenchmarkSources
            sets={sets}
            placements={entry.placements}
            notPlaced={entry.notPlaced}
            unit={unit}
            empty={
              <>
                <strong>No published band.</strong> No source whose figures are public benchmarks
                this KPI, so Orderlens ships none. Compare your own sites, channels and carriers in
                the <a href="#breakdown">breakdown</a> below, or import a band set from a report you
                hold.
              </>
            }
          />
        </section>
      </div>

      <section className="panel" id="trend" aria-labelledby="trend-h">
        <div className={shared.panelHead}>
          <h2 id="trend-h">Trend</h2>
          <QueryForm
            action={path}
            params={search}
            controls={[
              {
                name: 'grain',
                label: 'Period',
                value: grain,
                options: grains.map((g) => ({ value: g, label: grainLabels[g] })),
              },
            ]}
          />
        </div>
        {definition.kind === 'product' ? (
          <p className={shared.note}>
            The index is the product of its components, so it has no trend of its own here; see each
            component: <ComponentLinks entry={entry} search={filterSearch} />.
          </p>
        ) : (
          <TrendChart
            title={`${entry.name} by ${grain}`}
            measure={entry.name.toLowerCase()}
            unit={unit}
            direction={entry.direction}
            grain={grain as ChartGrain}
            points={(entry.series ?? []).flatMap((s) =>
              s.period
                ? [
                    {
                      period: s.period,
                      value: s.value,
                      n: s.n,
                      partial: s.partial,
                      maturing: s.maturing,
                    },
                  ]
                : [],
            )}
            bands={chartBands}
            target={target}
            countWord={countWord}
          />
        )}
      </section>

      <section className="panel" id="breakdown" aria-labelledby="breakdown-h">
        <div className={shared.panelHead}>
          <h2 id="breakdown-h">Breakdown by {dimensionLabels[by].toLowerCase()}</h2>
          <QueryForm
            action={path}
            params={search}
            controls={[
              {
                name: 'by',
                label: 'Dimension',
                value: by,
                options: dimensionNames.map((d) => ({ value: d, label: dimensionLabels[d] })),
              },
            ]}
          />
        </div>
        {definition.kind === 'product' ? (
          <p className={shared.note}>
            Break the components down instead:{' '}
            <ComponentLinks entry={entry} search={filterSearch} />.
          </p>
        ) : (
          <>
            <p className={shared.note}>
              Internal benchmark: each {dimensionLabels[by].toLowerCase()} placed in the quartiles
              of all {dimensionLabels[by].toLowerCase()}s with at least 20 {countWord}. Q1 is the
              best quarter, Q4 the worst.
            </p>
            <BreakdownBars
              title={`${entry.name} by ${dimensionLabels[by].toLowerCase()}`}
              dimension={dimensionLabels[by].toLowerCase()}
              unit={unit}
              direction={entry.direction}
              rows={breakdownRows(byEntry)}
              overall={entry.value}
              quartileReason={byEntry.internal?.reason ?? null}
              countWord={countWord}
              maxBars={15}
            />
          </>
        )}
      </section>

      {isDuration && entry.distribution && (
        <section className="panel" id="distribution" aria-labelledby="distribution-h">
          <h2 id="distribution-h">Distribution</h2>
          <dl className={shared.percentiles}>
            {(
              [
                ['Mean', entry.distribution.mean],
                ['Median (p50)', entry.distribution.median],
                ['p90', entry.distribution.p90],
                ['p95', entry.distribution.p95],
                ['Fastest', entry.distribution.min],
                ['Slowest', entry.distribution.max],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{formatKpiValue(value, unit)}</dd>
              </div>
            ))}
          </dl>
          <Histogram
            title={`${entry.name}: ${countWord} by duration`}
            unit={unit}
            distribution={entry.distribution}
            countWord={countWord}
          />
          {entry.stages && (
            <div className={styles.stages}>
              <StageBar title="Where the time goes, stage by stage" stages={entry.stages} />
            </div>
          )}
        </section>
      )}

      <section className="panel" id="coverage" aria-labelledby="coverage-h">
        <h2 id="coverage-h">Coverage</h2>
        <Coverage entry={entry} countWord={countWord} />
      </section>

      {drill && (
        <section className="panel" id="orders" aria-labelledby="orders-h">
          <div className={shared.panelHead}>
            <h2 id="orders-h">
              {isDuration
                ? `The slowest ${countWord}`
                : hasFailure
                  ? `The ${countWord} that failed it`
                  : capitalise(countWord)}
            </h2>
            <Link className={shared.buttonLink} href={ordersHref}>
              {isDuration
                ? `All ${countWord}, slowest first`
                : `All ${formatCount(drill.failed)} failed ${countWord}`}{' '}
              →
            </Link>
          </div>
          <DrillSummary
            drill={drill}
            isDuration={isDuration}
            hasFailure={hasFailure}
            countWord={countWord}
          />
          {drill.rows.length > 0 && (
            <DrillTable
              kpiId={id}
              rows={drill.rows}
              caption={
                isDuration
                  ? `The ${drill.rows.length} slowest ${countWord}`
                  : `The first ${drill.rows.length} ${countWord} that failed, most recent first`
              }
              unit={isDuration ? unit : undefined}
              valueLabel="Time"
            />
          )}
        </section>
      )}
    </>
  );
}

function breakdownRows(entry: ScorecardEntry): BreakdownRow[] {
  const series = entry.series ?? [];
  const peers = entry.internal?.peers ?? [];
  return series.map((s, i) => {
    const peer = peers[i];
    return {
      label: s.segment ?? '(not recorded)',
      value: s.value,
      n: s.n,
      quartile: peer?.quartile ?? null,
      excluded: peer?.excluded ?? null,
      gap: peer?.gapToNext?.text ?? null,
      median: s.distribution?.median ?? null,
      p90: s.distribution?.p90 ?? null,
    };
  });
}

function Definition({ definition, entry }: { definition: KpiDefinition; entry: ScorecardEntry }) {
  const needs = describeNeeds(definition.needs);
  return (
    <dl className={shared.defList}>
      <dt>Formula</dt>
      <dd>{definition.definition}</dd>
      <dt>Standard</dt>
      <dd>{definition.standard}</dd>
      <dt>Variant</dt>
      <dd>{capitalise(definition.variant)}</dd>
      <dt>Counted</dt>
      <dd>
        {capitalise(grainWords[definition.grain])};{' '}
        {definition.unit === 'percent' ? 'a percentage' : `in ${unitName(definition.unit)}`},{' '}
        {definition.direction} is better.
        {definition.exclusions.length > 0 && (
          <> Left out and counted apart: {definition.exclusions.map((e) => e.reason).join('; ')}.</>
        )}
      </dd>
      <dt>As of</dt>
      <dd>
        The {entry.asOf}: a value belongs to the period of its {entry.asOf}, and date filters apply
        to it.
      </dd>
      <dt>Data needed</dt>
      <dd>
        <DataNeeded needs={needs} className={shared.needs} columnsClassName={shared.columns} />
      </dd>
      {entry.components && entry.components.length > 0 && (
        <>
          <dt>Components</dt>
          <dd>
            <ul className={shared.needs}>
              {entry.components.map((c) => (
                <li key={c.kpi}>
                  <Link href={`/kpis/${c.kpi}`}>{c.name}</Link>
                  {c.value !== null && ` · ${formatKpiValue(c.value, 'percent')}`}
                  {!c.used && <span className="stat-note"> · not used: {c.reason}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      <dt>KPI id</dt>
      <dd>
        <code>{definition.id}</code>
      </dd>
    </dl>
  );
}

function Coverage({ entry, countWord }: { entry: ScorecardEntry; countWord: string }) {
  if (!entry.available)
    return (
      <p className={shared.note}>
        Not computed: {entry.unavailableReason}. Load the data it needs on the{' '}
        <Link href="/data">Data</Link> page.
      </p>
    );
  const left = entry.excluded.reduce((s, e) => s + e.count, 0);
  const scope = entry.n + left;
  return (
    <>
      <p className={shared.note}>
        {formatCount(entry.n)} {countWord} counted
        {scope > entry.n
          ? ` of ${formatCount(scope)} in scope (${formatPercent((100 * entry.n) / scope)})`
          : ''}
        {entry.numerator !== null && entry.denominator !== null && entry.unit === 'percent'
          ? `; the rate is ${formatCount(entry.numerator)} ÷ ${formatCount(entry.denominator)}`
          : ''}
        .
      </p>
      {entry.excluded.length > 0 ? (
        <table className={shared.compactTable}>
          <caption className="visually-hidden">Left out of the KPI, by reason</caption>
          <thead>
            <tr>
              <th scope="col">Left out because</th>
              <th scope="col" className="num">
                {capitalise(countWord)}
              </th>
              <th scope="col" className="num">
                Share of scope
              </th>
            </tr>
          </thead>
          <tbody>
            {entry.excluded.map((e) => (
              <tr key={e.reason}>
                <th scope="row" className="row-head">
                  {capitalise(e.reason)}
                </th>
                <td className="num">{formatCount(e.count)}</td>
                <td className="num">{formatPercent((100 * e.count) / scope)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={shared.note}>Nothing in scope was left out.</p>
      )}
    </>
  );
}

function DrillSummary({
  drill,
  isDuration,
  hasFailure,
  countWord,
}: {
  drill: DrillPage;
  isDuration: boolean;
  hasFailure: boolean;
  countWord: string;
}) {
  if (isDuration)
    return (
      <p className={shared.note}>
        A duration has no pass or fail per {countWord.replace(/s$/, '')}: here are the{' '}
        {drill.rows.length} slowest of {formatCount(drill.total)}, with the timestamps that make up
        their time.
      </p>
    );
  if (!hasFailure)
    return (
      <p className={shared.note}>This KPI has no pass or fail per {countWord.replace(/s$/, '')}.</p>
    );
  if (!drill.total) return <p className={shared.note}>No {countWord} failed it in this range.</p>;
  return (
    <p className={shared.note}>
      {formatCount(drill.total)} {countWord} failed it. The {drill.rows.length} most recent are
      below with the fields that explain why.
    </p>
  );
}

function ComponentLinks({ entry, search }: { entry: ScorecardEntry; search: string }) {
  return (
    <>
      {(entry.components ?? []).map((c, i) => (
        <span key={c.kpi}>
          {i > 0 && ', '}
          <Link href={`/kpis/${c.kpi}${search}`}>{c.name}</Link>
        </span>
      ))}
    </>
  );
}

function unitName(unit: ScorecardEntry['unit']): string {
  return (
    {
      percent: 'percent',
      hours: 'hours',
      days: 'days',
      orders_per_fte: 'orders per FTE',
      currency_per_order: 'currency per order',
    }[unit] ?? unit
  );
}
