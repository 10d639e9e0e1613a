/** The report's on-screen preview: what the PDF says, KPI by KPI. */
import Link from 'next/link';
import { type ReportModel } from '@/lib/report';
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
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import styles from './reports.module.css';

export function Preview({
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
