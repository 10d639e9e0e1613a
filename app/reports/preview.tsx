/**
 * The report's on-screen preview, told as the executive pack tells it: the cover, the summary's
 * sentences, a scorecard of status, value and change, the movers, and one collapsed section per
 * KPI that has something to say (its chart drawn only when opened). KPIs without data are listed
 * once, not given a row or a section each.
 */
import Link from 'next/link';
import { type ReportModel } from '@/lib/report';
import { formatKpiValue, isFlatChange } from '@/lib/format/kpi-value';
import {
  basisText,
  bandText,
  changeText,
  coverageText,
  dataText,
  filtersText,
  noMoversText,
  summaryBandText,
  summaryValueText,
  targetText,
} from '@/lib/report/labels';
import type { ReportKpi, ReportMessage, StatusColour } from '@/lib/report/types';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import card from '../ui/scorecard.module.css';
import { KpiChart } from './kpi-chart';
import styles from './reports.module.css';

export type ReportHref = (format: string, extra?: Record<string, string>) => string;

export function Preview({
  model,
  href,
  logoSrc,
}: {
  model: ReportModel;
  href?: ReportHref;
  /** Where the page reads the organisation's logo, when one is kept. */
  logoSrc?: string;
}) {
  const shown = model.kpis.filter((k) => k.available);
  const missing = model.kpis.filter((k) => !k.available);
  const sections = shown.filter((k) => k.section);
  return (
    <section aria-labelledby="preview-h" className={styles.preview}>
      <h2 id="preview-h">Preview</h2>
      <Cover model={model} logoSrc={logoSrc} />

      <div className="panel" aria-labelledby="summary-h">
        <h3 id="summary-h" className={styles.h3}>
          Executive summary
        </h3>
        <Messages messages={model.messages} />
        <div className={styles.movers}>
          <Movers title="Best movers" movers={model.movers.best} mark="▲" />
          <Movers title="Worst movers" movers={model.movers.worst} mark="▼" />
        </div>
      </div>

      <div className="panel" aria-labelledby="scorecard-h">
        <h3 id="scorecard-h" className={styles.h3}>
          Scorecard
        </h3>
        {shown.length ? (
          <Scorecard kpis={shown} />
        ) : (
          <p className={shared.note}>No KPI has a value for this period and these filters.</p>
        )}
        {missing.length > 0 && <Missing kpis={missing} />}
      </div>

      {sections.length > 0 && (
        <div className="panel" aria-labelledby="sections-h">
          <h3 id="sections-h" className={styles.h3}>
            KPI by KPI
          </h3>
          <p className={shared.note}>
            Open a KPI for its trend, what moved it, its breakdown and the orders behind it.
          </p>
          <ul className={styles.sections}>
            {sections.map((k) => (
              <li key={k.id}>
                <KpiSection kpi={k} href={href} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <Appendix model={model} />
    </section>
  );
}

function Cover({ model, logoSrc }: { model: ReportModel; logoSrc?: string }) {
  return (
    <div className={styles.cover}>
      <div className={styles.coverHead}>
        <div>
          <p className={shared.eyebrow}>{model.organisation}</p>
          <p className={styles.coverTitle}>Order management benchmark report</p>
        </div>
        {model.logo && logoSrc && (
          // A stored image of any size, scaled by CSS: next/image would only add a resize step.
          // eslint-disable-next-line @next/next/no-img-element
          <img className={styles.logo} src={logoSrc} alt={`${model.organisation} logo`} />
        )}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Period</dt>
          <dd>{model.period.text}</dd>
        </div>
        <div>
          <dt>Compared with</dt>
          <dd>{model.comparison?.text ?? 'No comparison period in the data'}</dd>
        </div>
        <div>
          <dt>Filters</dt>
          <dd>{filtersText(model)}</dd>
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
  );
}

const toneWords: Record<ReportMessage['tone'], { mark: string; words: string }> = {
  good: { mark: '▲', words: 'Good news' },
  bad: { mark: '▼', words: 'Needs attention' },
};

function Messages({ messages }: { messages: ReportMessage[] }) {
  if (!messages.length)
    return (
      <p className={shared.note}>
        Nothing stands out: no KPI moved more than it usually does, crossed a band or missed its
        target in this period.
      </p>
    );
  return (
    <ol className={styles.messages}>
      {messages.map((m) => (
        <li key={`${m.kpiId}-${m.kind}`} className={m.tone === 'good' ? styles.good : styles.bad}>
          <span className={styles.tone} aria-hidden="true">
            {toneWords[m.tone].mark}
          </span>
          <span className="visually-hidden">{toneWords[m.tone].words}: </span>
          <span className={styles.messageText}>{m.text}</span>
        </li>
      ))}
    </ol>
  );
}

const dotClass: Record<StatusColour, string> = {
  green: styles.green!,
  amber: styles.amber!,
  red: styles.red!,
  grey: styles.grey!,
};

/** The colour as a dot of its own shape, and always its words beside it. */
function Status({ kpi }: { kpi: ReportKpi }) {
  return (
    <span className={`${styles.status} ${dotClass[kpi.status.colour]}`}>
      <span className={styles.dot} aria-hidden="true" />
      {kpi.status.label}
    </span>
  );
}

/** The change with an arrow that follows the number and a word that follows the KPI's direction. */
function Change({ kpi }: { kpi: ReportKpi }) {
  const change = kpi.change?.change;
  if (change === null || change === undefined)
    return <span className={card.changeNone}>{kpi.change ? 'No earlier value' : '—'}</span>;
  const flat = isFlatChange(change, kpi.unit);
  const better = (kpi.change!.improvement ?? 0) > 0;
  const tone = flat ? card.changeFlat : better ? card.changeGood : card.changeBad;
  return (
    <span className={tone}>
      <span aria-hidden="true">{flat ? '▬' : change > 0 ? '▲' : '▼'} </span>
      {changeText(kpi)}{' '}
      <span className={card.verdict}>{flat ? 'unchanged' : better ? 'better' : 'worse'}</span>
    </span>
  );
}

/** The band cell adds nothing to the status: the same band name, or neither band nor target. */
const saysNoMore = (k: ReportKpi) =>
  !k.target && (summaryBandText(k) ?? null) === (k.band ? k.status.label : null);

function Scorecard({ kpis }: { kpis: ReportKpi[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.scorecard}>
        <caption className="visually-hidden">
          Every KPI with a value: its status, value, change, band and target
        </caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Band · target</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.id}>
              <th scope="row" className="row-head">
                {k.section ? <a href={`#kpi-${k.id}`}>{k.name}</a> : k.name}
              </th>
              <td>
                <Status kpi={k} />
              </td>
              <td className="num">{summaryValueText(k)}</td>
              <td className={`num ${styles.changeCell}`}>
                <Change kpi={k} />
              </td>
              <td className={`${styles.bandCell} ${saysNoMore(k) ? styles.sameAsStatus : ''}`}>
                <span>{summaryBandText(k) ?? 'No band'}</span>
                {k.target && <span className={styles.muted}>Target {targetText(k)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The KPIs this period and these filters give no value: named once, their reasons a click away. */
function Missing({ kpis }: { kpis: ReportKpi[] }) {
  return (
    <details className={styles.missing}>
      <summary>
        No data for {kpis.length} KPI{kpis.length === 1 ? '' : 's'}:{' '}
        {kpis.map((k) => k.name).join(', ')}
      </summary>
      <ul>
        {kpis.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong>: {k.unavailableReason ?? 'no value'}.
          </li>
        ))}
      </ul>
    </details>
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

function KpiSection({ kpi, href }: { kpi: ReportKpi; href?: ReportHref }) {
  return (
    <details className={styles.section} id={`kpi-${kpi.id}`}>
      {/* A tile of a grid until opened; then the section spans the panel's width. */}
      <summary>
        <span className={styles.sectionName}>{kpi.name}</span>
        <span className={styles.sectionLine}>
          <Status kpi={kpi} />
          <span className={styles.sectionValue}>{summaryValueText(kpi)}</span>
        </span>
      </summary>
      <div className={styles.sectionBody}>
        {kpi.context && <p className={styles.context}>{kpi.context}</p>}
        <p className={styles.muted}>{kpi.definition}</p>
        <dl className={styles.sectionFacts}>
          <div>
            <dt>Band</dt>
            <dd>{bandText(kpi)}</dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>{targetText(kpi)}</dd>
          </div>
          {kpi.driver && (
            <div>
              <dt>What moved it</dt>
              <dd>{kpi.driver.text}</dd>
            </div>
          )}
          <div>
            <dt>Basis</dt>
            <dd>{basisText(kpi)}</dd>
          </div>
        </dl>
        <KpiChart kpi={kpi} />
        <details className={styles.tables}>
          <summary>
            The trend as a table ({kpi.trend.points.length} {kpi.trend.grain}s) and the breakdown by{' '}
            {kpi.breakdown.label.toLowerCase()}
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
                    <td>
                      {p.label}
                      {p.partial && ' (partial)'}
                    </td>
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
        <p className={styles.muted}>{coverageText(kpi)}.</p>
        {href && (
          <p className={styles.links}>
            <a href={href('png', { chart: kpi.id })} download>
              Chart (PNG)
            </a>
            <a href={href('csv', { drill: kpi.id })} download>
              Orders (CSV)
            </a>
          </p>
        )}
      </div>
    </details>
  );
}

function Appendix({ model }: { model: ReportModel }) {
  return (
    <div className="panel" aria-labelledby="appendix-h">
      <h3 id="appendix-h" className={styles.h3}>
        Appendix
      </h3>
      <details className={styles.appendix}>
        <summary>Benchmark sources ({model.sources.length})</summary>
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
      </details>
      <details className={styles.appendix}>
        <summary>Loads behind the numbers ({model.ledger.length})</summary>
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
      </details>
      <p className={shared.note}>
        The definitions of every KPI are in the downloads and in the{' '}
        <Link href="/kpis">KPI encyclopedia</Link>.
      </p>
    </div>
  );
}
