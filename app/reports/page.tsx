import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ZodError } from 'zod';
import { can } from '@/lib/auth/roles';
import { OrderlensError } from '@/lib/errors';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import { dimensionNames } from '@/lib/kpi/filters';
import { currentDataHorizon } from '@/lib/kpi/facts';
import { buildReportModel } from '@/lib/report';
import { readBranding } from '@/lib/settings/branding';
import { getServerDatabase } from '@/runtime/database';
import { requirePage } from '../session';
import { DemoBanner } from '../ui/demo-banner';
import { filterContext } from '../ui/kpi-pages/filter-context';
import { FilterNote } from '../ui/kpi-pages/filter-note';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '../ui/kpi-pages/labels';
import { QueryForm } from '../ui/kpi-pages/query-form';
import { RoleNote } from '../ui/role-note';
import { kpiQueryFromSearchParams, type SearchParams } from '../ui/search-params';
import { BrandingForm } from './branding-form';
import { reportPeriodOf } from './period';
import { Preview } from './preview';
import { ReportFilterBar } from './report-filter-bar';
import styles from './reports.module.css';

export const metadata: Metadata = { title: 'Reports' };

const formats = [
  { format: 'pdf', label: 'PDF', what: 'The executive pack, paginated, with vector charts' },
  { format: 'pptx', label: 'PowerPoint', what: 'An editable deck: summary, one slide per KPI' },
  { format: 'xlsx', label: 'Excel', what: 'Scorecard, one sheet per KPI, definitions, sources' },
  { format: 'csv', label: 'CSV', what: 'The scorecard, one row per KPI' },
] as const;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
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
  const { query, problems } = kpiQueryFromSearchParams({ ...search, grain: undefined });
  const options = reportOptionsOf(search);
  const db = await getServerDatabase();
  const [horizon, branding, coverage] = await Promise.all([
    currentDataHorizon(db),
    readBranding(db),
    getDataCoverage(db),
  ]);
  const span = { first: day(coverage.firstOrder), last: day(coverage.lastOrder) };
  // Without dates in the URL: the last complete month, so the preview compares two whole months.
  const period = reportPeriodOf(query.filters, horizon, span);
  const filters = { ...query.filters, from: period.from, to: period.to };
  const [model, context] = await Promise.all([
    buildReportModel(db, {
      format: 'pdf',
      filters,
      by: options.by,
      compare: options.compare,
      ...(options.organisation ? { organisation: options.organisation } : {}),
      ...(options.kpis ? { kpis: options.kpis } : {}),
    }).catch(reportProblem),
    filterContext(db, filters),
  ]);

  // The downloads carry the previewed period's dates: what is previewed is what is downloaded.
  const asked = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (typeof value === 'string' && value && key !== 'grain') asked.set(key, value);
  const download = new URLSearchParams(asked);
  if (period.from) download.set('from', period.from);
  if (period.to) download.set('to', period.to);
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
            The scorecard as a pack to send: what changed, each KPI against its band and target, a
            section per KPI, and an appendix with the sources and the loads behind the numbers.
          </p>
        </div>
      </header>
      <ReportFilterBar
        query={{ ...query, filters }}
        compare={options.compare}
        presets={period.presets}
        options={context.options}
        dataSpan={context.span}
        matching={context.matching}
      />
      {period.source === 'all_data' && span.first && (
        <p className={styles.periodNote} role="status">
          The data holds no complete month yet (its orders run from {span.first} to {span.last}), so
          the report covers all of it, with no earlier period to compare with.
        </p>
      )}
      <FilterNote filters={filters} problems={problems} asOf="each KPI’s own as-of date" />
      <QueryForm
        action="/reports"
        params={{ ...search, from: period.from, to: period.to }}
        texts={[
          {
            name: 'org',
            label: 'Organisation',
            // The kept name, changed here for one report only.
            value: options.organisation || branding.organisation,
            placeholder: branding.organisation,
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
        {href && (
          <p className={shared.note}>
            {/* The URL's own filters, not the default month: a schedule reports the last
                complete month before each delivery unless dates were chosen here. */}
            <a href={`/reports/subscriptions?${asked.toString()}`}>
              Send this report on a schedule
            </a>{' '}
            — by e-mail or to a folder, every week or month.
          </p>
        )}
        <p className={shared.note}>
          Each KPI section below also has its chart as a PNG (1920 px wide) and the orders behind it
          as CSV. Text cells that a spreadsheet could run as a formula are neutralised.
        </p>
        {can(identity.role, 'settings') && (
          <details className={styles.brandingPanel}>
            <summary>
              Organisation name and logo on every report
              <span className={styles.muted}>
                {' '}
                — now “{branding.organisation}”{branding.logo ? ' with a logo' : ', no logo'}
              </span>
            </summary>
            <BrandingForm
              branding={{
                organisation: branding.organisation,
                defaultName: branding.defaultName,
                hasLogo: branding.logo !== null,
              }}
            />
          </details>
        )}
      </section>

      {model instanceof OrderlensError ? (
        <section className="panel" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          <p role="alert">The report could not be prepared: {model.message}</p>
        </section>
      ) : (
        <Preview
          model={model}
          href={href}
          logoSrc={branding.logo ? '/api/settings/branding/logo' : undefined}
        />
      )}
    </>
  );
}
