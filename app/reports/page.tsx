import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ZodError } from 'zod';
import { OrderlensError } from '@/lib/errors';
import { getServerDatabase } from '@/runtime/database';
import { dimensionNames } from '@/lib/kpi/filters';
import { buildReportModel } from '@/lib/report';
import { DemoBanner } from '../ui/demo-banner';
import { KpiFilterBar } from '../ui/filter-bar';
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
import { Preview } from './preview';

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
      <KpiFilterBar
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
