import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ZodError } from 'zod';
import { OrderlensError } from '@/lib/db/errors';
import { getServerDatabase } from '@/lib/db/server';
import { dimensionNames } from '@/lib/kpi/filters';
import { buildReportModel, type ReportModel } from '@/lib/report';
import { trendChartSvg } from '@/lib/report/chart-svg';
import {
  bandText,
  basisText,
  summaryBandText,
  summaryValueText,
  changeText,
  coverageText,
  dataText,
  filtersText,
  noMoversText,
  percentileText,
  targetText,
} from '@/lib/report/labels';
import type { ReportKpi } from '@/lib/report/types';
import { formatKpiValue } from '@/lib/format/kpi-value';
import { DemoBanner } from '../ui/demo-banner';
import { FilterBar } from '../ui/filter-bar';
import { filterContext } from '../ui/kpi-pages/filter-context';
import { FilterNote } from '../ui/kpi-pages/filter-note';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '../ui/kpi-pages/labels';
import { QueryForm } from '../ui/kpi-pages/query-form';
import { kpiQueryFromSearchParams, type SearchParams } from '../ui/search-params';
import styles from './reports.module.css';
import { requirePage } from '../session';
import { can } from '@/lib/auth/roles';
import { RoleNote } from '../ui/role-note';

export const metadata: Metadata = { title: 'Reports' };

const formats = [
  { format: 'pdf', label: 'PDF', what: 'The whole report, paginated, with vector charts' },
  { format: 'pptx', label: 'PowerPoint', what: 'An editable deck: summary, one slide per KPI' },
  { format: 'xlsx', label: 'Excel', what: 'Scorecard, one sheet per KPI, definitions, sources' },
  { format: 'csv', label: 'CSV', what: 'The scorecard, one row per KPI' },
] as const;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** A report the link cannot make (an unknown KPI, say) is explained; anything else is a fault. */
function reportProblem(error: unknown): OrderlensError {
  if (error instanceof OrderlensError) return error;
  if (error instanceof ZodError)
    return new OrderlensError('Part of this link is not a valid report option.', 'bad_options');
  throw error;
}

/** The report's options from the URL: organisation, breakdown, comparison and KPIs. */
function reportOptionsOf(search: SearchParams) {
  const by = first(search.by);
  const kpis = first(search.kpis)
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    organisation: first(search.org).trim(),
    by: (dimensionNames as string[]).includes(by)
      ? (by as (typeof dimensionNames)[number])
      : 'site',
    compare: first(search.compare) === 'last_year' ? ('last_year' as const) : ('previous' as const),
    kpis: kpis.length ? kpis : undefined,
  };
}

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const identity = await requirePage('view', '/reports');
  const search = await searchParams;
  const { query, problems } = kpiQueryFromSearchParams({
    ...search,
    grain: undefined,
  });
  const options = reportOptionsOf(search);
  const db = await getServerDatabase();
  const [model, context] = await Promise.all([
    buildReportModel(db, {
      format: 'pdf',
      filters: query.filters,
      by: options.by,
      compare: options.compare,
      ...(options.organisation ? { organisation: options.organisation } : {}),
      ...(options.kpis ? { kpis: options.kpis } : {}),
    }).catch(reportProblem),
    filterContext(db, query.filters),
  ]);
  const download = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (typeof value === 'string' && value && key !== 'grain') download.set(key, value);
  download.set('by', options.by);
  download.set('compare', options.compare);
  // Download links only for roles that may export; the route checks again.
  const href = can(identity.role, 'export')
    ? (format: string, extra: Record<string, string> = {}) => {
        const params = new URLSearchParams(download);
        params.set('format', format);
        for (const [k, v] of Object.entries(extra)) params.set(k, v);
        return `/api/reports?${params.toString()}`;
      }
    : undefined;

  return (
    <>
      {context.isDemo && <DemoBanner />}
      <header className={shared.header}>
        <div>
          <p className={shared.eyebrow}>Executive benchmark report</p>
          <h1>Reports</h1>
          <p className="lede">
            The scorecard as a document to send: every KPI with its band, target and change, a
            section per KPI, and an appendix with the definitions, the sources of every band and the
            loads behind the numbers, so anyone can reproduce it.
          </p>
        </div>
      </header>
      <FilterBar
        query={{ ...query, compare: options.compare }}
        options={context.options}
        dataSpan={context.span}
        matching={context.matching}
      />
      <FilterNote filters={query.filters} problems={problems} asOf="each KPI’s own as-of date" />
      <QueryForm
        action="/reports"
        params={search}
        texts={[
          {
            name: 'org',
            label: 'Organisation',
            value: options.organisation,
            placeholder: 'Orderlens',
            maxLength: 120,
          },
        ]}
        controls={[
          {
            name: 'by',
            label: 'Breakdown by',
            value: options.by,
            options: dimensionNames.map((d) => ({ value: d, label: dimensionLabels[d] })),
          },
        ]}
        submitLabel="Update preview"
      />

      <section className="panel" aria-labelledby="download-h">
        <h2 id="download-h">Download</h2>
        {href ? (
          <ul className={styles.formats}>
            {formats.map((f) => (
              <li key={f.format}>
                <a className={styles.format} href={href(f.format)} download>
                  <span className={styles.formatName}>{f.label}</span>
                  <span className={styles.formatWhat}>{f.what}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <RoleNote identity={identity} permission="export" />
        )}
        <p className={shared.note}>
          Each KPI section below also has its chart as a PNG (1920 px wide) and the orders behind it
          as CSV. Text cells that a spreadsheet could run as a formula are neutralised.
        </p>
      </section>

      {model instanceof OrderlensError ? (
        <section className="panel" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          <p role="alert">The report could not be prepared: {model.message}</p>
        </section>
      ) : (
        <Preview model={model} href={href} />
      )}
    </>
  );
}

function Preview({
  model,
  href,
}: {
  model: ReportModel;
  href?: (format: string, extra?: Record<string, string>) => string;
}) {
  return (
    <section aria-labelledby="preview-h" className={styles.preview}>
      <h2 id="preview-h">Preview</h2>
      <div className={styles.cover}>
        <p className={shared.eyebrow}>{model.organisation}</p>
        <p className={styles.coverTitle}>Order management benchmark report</p>
        <dl className={styles.facts}>
          <div>
            <dt>Period</dt>
            <dd>{model.period.text}</dd>
          </div>
          <div>
            <dt>Filters</dt>
            <dd>{filtersText(model)}</dd>
          </div>
          <div>
            <dt>Compared with</dt>
            <dd>{model.comparison?.text ?? 'No comparison period in the data'}</dd>
          </div>
          <div>
            <dt>Data</dt>
            <dd>
              {dataText(model)}
              {model.data.isDemo && ' (demo data)'}
            </dd>
          </div>
        </dl>
      </div>

      <div className="panel">
        <h3 className={styles.h3}>Executive summary</h3>
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">
              Every KPI with its band, target and change
            </caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col">Band</th>
                <th scope="col" className="num">
                  Percentile
                </th>
                <th scope="col">Target</th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {model.kpis.map((k) => (
                <tr key={k.id}>
                  <th scope="row" className="row-head">
                    <a href={`#kpi-${k.id}`}>{k.name}</a>
                  </th>
                  <td className="num nowrap">
                    {k.available ? summaryValueText(k) : 'Unavailable'}
                  </td>
                  <td>{summaryBandText(k) ?? '—'}</td>
                  <td className="num">{percentileText(k.percentile)}</td>
                  <td>{targetText(k)}</td>
                  <td className="num nowrap">{changeText(k)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className={styles.movers}>
          <Movers title="Best movers" movers={model.movers.best} mark="▲" />
          <Movers title="Worst movers" movers={model.movers.worst} mark="▼" />
        </div>
      </div>

      {model.kpis.map((k) => (
        <KpiSection key={k.id} kpi={k} href={href} />
      ))}

      <div className="panel">
        <h3 className={styles.h3}>Appendix: benchmark sources</h3>
        {model.sources.length ? (
          <ul className={styles.sources}>
            {model.sources.map((s) => (
              <li key={s.setId}>
                <strong>{s.name}</strong> — {s.source}, {s.edition}; peer group {s.peerGroup};{' '}
                {s.sampleSize === null ? 'sample size not published' : `n = ${s.sampleSize}`}.{' '}
                <span className={styles.muted}>{s.citation}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className={shared.note}>No band set applies to these KPIs.</p>
        )}
        <h3 className={styles.h3}>Appendix: loads behind the numbers</h3>
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">Loads with their content hashes</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Load
                </th>
                <th scope="col">File</th>
                <th scope="col">Table</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Content hash (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {model.ledger.map((l) => (
                <tr key={l.loadId}>
                  <td className="num">{l.loadId}</td>
                  <td>{l.fileName}</td>
                  <td>{l.target}</td>
                  <td className="num">{l.rows.toLocaleString('en-US')}</td>
                  <td className={styles.hash}>{l.contentHash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className={shared.note}>
          The definitions of every KPI are in the downloads and in the{' '}
          <Link href="/kpis">KPI encyclopedia</Link>.
        </p>
      </div>
    </section>
  );
}

function Movers({
  title,
  movers,
  mark,
}: {
  title: string;
  movers: ReportModel['movers']['best'];
  mark: string;
}) {
  return (
    <div>
      <h4>{title}</h4>
      {movers.length ? (
        <ul>
          {movers.map((m) => (
            <li key={m.id}>
              <span aria-hidden="true">{mark} </span>
              {m.name}: {m.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className={shared.note}>{noMoversText}</p>
      )}
    </div>
  );
}

function KpiSection({
  kpi,
  href,
}: {
  kpi: ReportKpi;
  href?: (format: string, extra?: Record<string, string>) => string;
}) {
  const summary = `${kpi.name}: ${kpi.available ? kpi.formatted : 'unavailable'}; ${basisText(kpi)}; ${bandText(kpi)}; ${targetText(kpi)}; change ${changeText(kpi)}.`;
  return (
    <article className="panel" id={`kpi-${kpi.id}`} aria-labelledby={`kpi-${kpi.id}-h`}>
      <div className={shared.panelHead}>
        <h3 id={`kpi-${kpi.id}-h`} className={styles.h3}>
          {kpi.name}
        </h3>
        {kpi.available && href && (
          <span className={styles.links}>
            <a href={href('png', { chart: kpi.id })} download>
              Chart (PNG)
            </a>
            <a href={href('csv', { drill: kpi.id })} download>
              Orders (CSV)
            </a>
          </span>
        )}
      </div>
      <p className={styles.muted}>{kpi.definition}</p>
      {kpi.available ? (
        <>
          <figure className={styles.chart}>
            <div
              role="img"
              aria-label={summary}
              dangerouslySetInnerHTML={{ __html: trendChartSvg(kpi) }}
            />
            <figcaption>
              {summary} {coverageText(kpi)}.
            </figcaption>
          </figure>
          <details>
            <summary>
              The trend as a table ({kpi.trend.points.length} {kpi.trend.grain}s) and the breakdown
              by {kpi.breakdown.label.toLowerCase()}
            </summary>
            <div className={styles.twoTables}>
              <table>
                <caption>Trend</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col" className="num">
                      n
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {kpi.trend.points.map((p) => (
                    <tr key={p.period}>
                      <td>{p.label}</td>
                      <td className="num">{formatKpiValue(p.value, kpi.unit)}</td>
                      <td className="num">{p.n.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table>
                <caption>By {kpi.breakdown.label.toLowerCase()}</caption>
                <thead>
                  <tr>
                    <th scope="col">{kpi.breakdown.label}</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col" className="num">
                      Quartile
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {kpi.breakdown.segments.map((s) => (
                    <tr key={s.segment}>
                      <td>{s.segment}</td>
                      <td className="num">{s.formatted}</td>
                      <td className="num">{s.quartile ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : (
        <p>Unavailable: {kpi.unavailableReason}.</p>
      )}
    </article>
  );
}
