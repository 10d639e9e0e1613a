import type { ReactNode } from 'react';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { kindOf, kindText, yieldsBands, type Scheme } from '@/lib/benchmarks/schema';
import { listBandSets, type StoredBandSet } from '@/lib/benchmarks/store';
import { listTargets } from '@/lib/benchmarks/targets';
import { getServerDatabase } from '@/lib/db/server';
import { listKpiInputs } from '@/lib/kpi/inputs';
import { kpiCatalogue } from '@/metrics';
import { formatCount, formatPublishedFigure, isKpiUnit } from '../ui/format';
import {
  BandImportForm,
  DeleteButton,
  InputForm,
  TargetForm,
  type KpiChoice,
} from './benchmark-forms';
import styles from './benchmarks.module.css';
import { requirePage } from '../session';
import { can } from '@/lib/auth/roles';
import { RoleNote } from '../ui/role-note';

export const metadata: Metadata = { title: 'Benchmarks' };

const kpiChoices: KpiChoice[] = kpiCatalogue.map((k) => ({
  id: k.id,
  name: k.name,
  unit: k.unit,
  direction: k.direction,
}));
const kpiName = (id: string) => kpiCatalogue.find((k) => k.id === id)?.name ?? id;

/** A published or entered figure, as the KPI pages print band figures; bare for an unknown KPI. */
const value = (n: number | null, unit: string): string =>
  n === null
    ? 'not public'
    : isKpiUnit(unit)
      ? formatPublishedFigure(n, unit)
      : formatPublishedFigure(n, null);

export default async function BenchmarksPage() {
  await connection();
  const identity = await requirePage('view', '/benchmarks');
  const db = await getServerDatabase();
  const [sets, targets, inputs] = await Promise.all([
    listBandSets(db),
    listTargets(db),
    listKpiInputs(db),
  ]);
  const shipped = sets.filter((s) => s.origin === 'shipped');
  const imported = sets.filter((s) => s.origin !== 'shipped');
  return (
    <>
      <h1>Benchmarks</h1>
      <p className="lede">
        The bands your KPIs are placed against, the targets you set, and the FTE and cost figures
        behind the productivity KPIs.
      </p>
      <nav className={styles.jump} aria-label="On this page">
        <a href="#bands">
          Band sets <span className={styles.count}>{sets.length}</span>
        </a>
        <a href="#import">Import a band set</a>
        <a href="#targets">
          Targets <span className={styles.count}>{targets.length}</span>
        </a>
        <a href="#inputs">
          FTE and cost <span className={styles.count}>{inputs.length}</span>
        </a>
      </nav>

      <div className={styles.notice} role="note" aria-label="Where the bands come from">
        <span className={styles.noticeIcon} aria-hidden="true">
          i
        </span>
        <div>
          <strong>Shipped band sets hold only publicly confirmed figures.</strong> Each names its
          source, edition and citation; where a source publishes only a median or a best-in-class
          threshold, only that is shipped. Every other band, such as full quintiles from a paid
          report you hold or the figures of your internal peers, comes from you: import it below.
          Each set says what kind of figure it is: only a survey of many companies places your value
          in a band; a study or a practitioner&rsquo;s guideline is a reference figure, and a
          marketplace requirement is met or not.
        </div>
      </div>

      <section id="bands" aria-labelledby="bands-heading" className={styles.section}>
        <h2 id="bands-heading">Band sets</h2>
        <h3 className={styles.groupHeading}>
          Shipped with Orderlens <span className={styles.count}>{shipped.length}</span>
        </h3>
        <div className={styles.cards}>
          {shipped.map((set) => (
            <BandCard key={set.id} set={set} canRemove={can(identity.role, 'bands')} />
          ))}
        </div>
        <h3 className={styles.groupHeading}>
          Imported by you <span className={styles.count}>{imported.length}</span>
        </h3>
        {imported.length ? (
          <div className={styles.cards}>
            {imported.map((set) => (
              <BandCard key={set.id} set={set} canRemove={can(identity.role, 'bands')} />
            ))}
          </div>
        ) : (
          <p className={styles.emptyNote}>
            None yet. Import bands from a report you hold or from your internal peers below.
          </p>
        )}
      </section>

      <section id="import" aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">Import a band set</h2>
        <p className={styles.help}>
          A JSON file (one set, or an array of sets) or a CSV file with one set per row. Every
          problem is listed with its row and column, and nothing is stored until the whole file is
          valid. Importing an id again stores a new version; the old one stays on record.
        </p>
        {can(identity.role, 'bands') ? (
          <BandImportForm kpis={kpiChoices} />
        ) : (
          <RoleNote identity={identity} permission="bands" />
        )}
      </section>

      <section id="targets" aria-labelledby="targets-heading" className="panel">
        <h2 id="targets-heading">Targets</h2>
        <p className={styles.help}>
          A target for a KPI, optionally for one segment (a site, a channel…) and one period. A
          value that misses the target by less than the at-risk margin shows as at risk rather than
          off track. Setting a target for a scope that has one replaces it.
        </p>
        {targets.length ? (
          <div className={styles.tableWrap}>
            <table>
              <caption className="visually-hidden">Targets</caption>
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col">Applies to</th>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">
                    At risk within
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets.map((t) => {
                  const unit = kpiChoices.find((k) => k.id === t.kpi)?.unit ?? '';
                  const direction = kpiChoices.find((k) => k.id === t.kpi)?.direction;
                  return (
                    <tr key={t.id}>
                      <th scope="row" className="row-head">
                        {kpiName(t.kpi)}
                      </th>
                      <td className="num">
                        <span aria-hidden="true">{direction === 'lower' ? '≤ ' : '≥ '}</span>
                        {value(t.value, unit)}
                      </td>
                      <td>
                        {t.dimension ? (
                          <>
                            {t.dimension.replaceAll('_', ' ')}{' '}
                            <strong>{t.segment ?? 'each segment'}</strong>
                          </>
                        ) : (
                          <span className={styles.muted}>All orders</span>
                        )}
                      </td>
                      <td className="nowrap">
                        {t.from || t.to ? (
                          `${t.from ?? '…'} – ${t.to ?? '…'}`
                        ) : (
                          <span className={styles.muted}>Any</span>
                        )}
                      </td>
                      <td className="num">{value(t.atRiskWithin, unit)}</td>
                      <td className={styles.actions}>
                        {can(identity.role, 'targets') && (
                          <DeleteButton
                            url={`/api/targets/${encodeURIComponent(t.id)}`}
                            what={`the ${kpiName(t.kpi)} target`}
                            label="Delete"
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className={styles.emptyNote}>No targets yet.</p>
        )}
        {can(identity.role, 'targets') ? (
          <>
            <h3 className={styles.formHeading}>Set a target</h3>
            <TargetForm kpis={kpiChoices} />
          </>
        ) : (
          <RoleNote identity={identity} permission="targets" />
        )}
      </section>

      <section id="inputs" aria-labelledby="inputs-heading" className="panel">
        <h2 id="inputs-heading">FTE and cost</h2>
        <p className={styles.help}>
          Orders per FTE and cost per order need figures no extract holds: the order-management FTEs
          and cost of each period. Only periods that overlap a KPI&rsquo;s date range count.
          Entering the same period and team again replaces its figures.
        </p>
        {inputs.length ? (
          <div className={styles.tableWrap}>
            <table>
              <caption className="visually-hidden">FTE and cost figures</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Team</th>
                  <th scope="col" className="num">
                    FTE
                  </th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {inputs.map((i) => (
                  <tr key={`${String(i.from)}-${String(i.to)}-${String(i.team)}`}>
                    <td className="nowrap">
                      {String(i.from)} – {String(i.to)}
                    </td>
                    <td>
                      {i.team ? String(i.team) : <span className={styles.muted}>Whole team</span>}
                    </td>
                    <td className="num">
                      {typeof i.fte === 'number' ? i.fte.toLocaleString('en-US') : '—'}
                    </td>
                    <td className="num">
                      {typeof i.cost === 'number'
                        ? `${i.cost.toLocaleString('en-US', { maximumFractionDigits: 2 })}${i.currency ? ` ${String(i.currency)}` : ''}`
                        : '—'}
                    </td>
                    <td className={styles.actions}>
                      {can(identity.role, 'inputs') && (
                        <DeleteButton
                          url={`/api/inputs?${new URLSearchParams({ from: String(i.from), to: String(i.to), team: String(i.team ?? '') }).toString()}`}
                          what={`the figures for ${String(i.from)} – ${String(i.to)}${i.team ? ` (${String(i.team)})` : ''}`}
                          label="Delete"
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className={styles.emptyNote}>
            No figures yet, so orders per FTE and cost per order show as unavailable.
          </p>
        )}
        {can(identity.role, 'inputs') ? (
          <>
            <h3 className={styles.formHeading}>Enter figures for a period</h3>
            <InputForm />
          </>
        ) : (
          <RoleNote identity={identity} permission="inputs" />
        )}
      </section>
    </>
  );
}

function BandCard({ set, canRemove }: { set: StoredBandSet; canRemove: boolean }) {
  const shipped = set.origin === 'shipped';
  return (
    <article className={styles.card} aria-labelledby={`set-${set.id}`}>
      <div className={styles.cardTop}>
        <span className={styles.kpiChip}>{kpiName(set.kpi)}</span>
        {shipped ? (
          <span className={`${styles.origin} ${styles.originShipped}`}>Shipped</span>
        ) : (
          <span className={`${styles.origin} ${styles.originImported}`}>
            Imported · version {set.version}
            {set.importedAt ? ` · ${set.importedAt.slice(0, 10)}` : ''}
          </span>
        )}
      </div>
      <h4 id={`set-${set.id}`} className={styles.cardTitle}>
        {set.name}
      </h4>
      <p className={styles.kind}>
        <strong>{kindText(set)}</strong> · {kindUse(set)}
      </p>
      <dl className={styles.meta}>
        <div>
          <dt>Source</dt>
          <dd>{set.source}</dd>
        </div>
        <div>
          <dt>Edition</dt>
          <dd>{set.edition}</dd>
        </div>
        <div>
          <dt>Peer group</dt>
          <dd>{set.peerGroup}</dd>
        </div>
        <div>
          <dt>Sample</dt>
          <dd>{set.sampleSize ? `n = ${formatCount(set.sampleSize)}` : 'not published'}</dd>
        </div>
      </dl>
      <SchemeView scheme={set.scheme} unit={set.unit} direction={set.direction} />
      <details className={styles.details}>
        <summary>Definition and citation</summary>
        <dl>
          <dt>The source&rsquo;s definition</dt>
          <dd>{set.sourceDefinition}</dd>
          {set.definitionDifference && (
            <>
              <dt>How it differs from ours</dt>
              <dd>{set.definitionDifference}</dd>
            </>
          )}
          <dt>Citation</dt>
          <dd>{set.citation}</dd>
          {set.note && (
            <>
              <dt>Note</dt>
              <dd>{set.note}</dd>
            </>
          )}
          <dt>Id</dt>
          <dd>
            <code>{set.id}</code>
          </dd>
        </dl>
      </details>
      {!shipped && canRemove && (
        <div className={styles.cardActions}>
          <DeleteButton
            url={`/api/bands/${encodeURIComponent(set.id)}`}
            what={`the band set “${set.name}”`}
            label="Remove"
          />
        </div>
      )}
    </article>
  );
}

/** How a set's figure is used against a KPI value, in the kind's own terms. */
function kindUse(set: StoredBandSet): string {
  const differs = set.definitionDiffers
    ? ' Its definition differs from ours, so it is shown as a labelled reference only.'
    : '';
  if (yieldsBands(set)) return `Places a measured value in its bands.${differs}`;
  switch (kindOf(set)) {
    case 'requirement':
      return `Says whether a measured value meets it; never a percentile of peers.${differs}`;
    case 'practitioner':
      return `A consultant's stated good performance: a reference range, never a percentile.${differs}`;
    default:
      return `A reference figure with your value's difference to it; never a band.${differs}`;
  }
}

function SchemeView({
  scheme,
  unit,
  direction,
}: {
  scheme: Scheme;
  unit: string;
  direction: 'higher' | 'lower';
}) {
  const better = (
    <span className={styles.direction}>
      <span aria-hidden="true">{direction === 'higher' ? '↑' : '↓'}</span>{' '}
      {direction === 'higher' ? 'higher' : 'lower'} is better
    </span>
  );
  switch (scheme.type) {
    case 'threshold':
      return (
        <div className={styles.scheme}>
          <div className={styles.schemeHead}>Threshold {better}</div>
          <div className={styles.threshold}>
            <span className={styles.bandLabel}>{scheme.label}</span>
            <span className={styles.bandValue}>
              {scheme.comparison} {value(scheme.value, unit)}
            </span>
          </div>
        </div>
      );
    case 'quartiles':
      return (
        <Ladder
          head={<>Quartiles {better}</>}
          unit={unit}
          steps={[
            ['25th percentile', scheme.p25],
            ['Median', scheme.median],
            ['75th percentile', scheme.p75],
          ]}
        />
      );
    case 'range':
      return (
        <Ladder
          head={<>Range {better}</>}
          unit={unit}
          steps={[
            ['Minimum', scheme.min],
            ['Average', scheme.average],
            ['Maximum', scheme.max],
          ]}
        />
      );
    case 'reference':
      return (
        <div className={styles.scheme}>
          <div className={styles.schemeHead}>Reference figures {better}</div>
          <ol className={styles.ladder}>
            {scheme.figures.map((f) => (
              <li key={f.label}>
                <span className={styles.bandLabel}>{f.label}</span>
                <span className={styles.bandValue}>
                  {f.value !== undefined
                    ? value(f.value, unit)
                    : `${formatPublishedFigure(f.low!, null)}–${value(f.high!, unit)}`}
                </span>
              </li>
            ))}
          </ol>
        </div>
      );
    case 'quintiles': {
      // Boundaries ascend in value; labels run worst first, so a lower-is-better KPI reads them reversed.
      const labels = direction === 'higher' ? scheme.labels : [...scheme.labels].reverse();
      const b = scheme.boundaries;
      const ranges = [
        `< ${value(b[0], unit)}`,
        `${value(b[0], unit)} – ${value(b[1], unit)}`,
        `${value(b[1], unit)} – ${value(b[2], unit)}`,
        `${value(b[2], unit)} – ${value(b[3], unit)}`,
        `≥ ${value(b[3], unit)}`,
      ];
      return (
        <div className={styles.scheme}>
          <div className={styles.schemeHead}>Quintiles {better}</div>
          <ol className={styles.quintiles}>
            {labels.map((label, i) => (
              <li key={`${label}-${i}`}>
                <span className={styles.bandLabel}>{label}</span>
                <span className={styles.bandValue}>{ranges[i]}</span>
              </li>
            ))}
          </ol>
        </div>
      );
    }
  }
}

/** A scheme's named values in order; a value the source does not state is shown as unknown. */
function Ladder({
  head,
  unit,
  steps,
}: {
  head: ReactNode;
  unit: string;
  steps: [string, number | null | undefined][];
}) {
  return (
    <div className={styles.scheme}>
      <div className={styles.schemeHead}>{head}</div>
      <ol className={styles.ladder}>
        {steps.map(([label, v]) => (
          <li key={label} className={v == null ? styles.unknown : undefined}>
            <span className={styles.bandLabel}>{label}</span>
            <span className={styles.bandValue}>{value(v ?? null, unit)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
