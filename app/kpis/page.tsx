import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { comparisonSymbol, type Scheme } from '@/lib/benchmarks/schema';
import type { StoredBandSet } from '@/lib/benchmarks/store';
import { listBandSets } from '@/lib/benchmarks/store';
import { getServerDatabase } from '@/runtime/database';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import type { KpiDefinition, KpiUnit } from '@/lib/semantic/kpi';
import { engine } from '@/runtime/engine';
import { DemoBanner } from '../ui/demo-banner';
import { formatCount, formatPublishedFigure } from '../ui/format';
import { groupKpis } from '../ui/kpi-card';
import { capitalise } from '../ui/kpi-pages/labels';
import { describeNeeds } from '../ui/kpi-pages/needs';
import styles from './kpis.module.css';
import { DataNeeded } from '@/app/ui/kpi-pages/data-needed';
import { requirePage } from '../session';

export const metadata: Metadata = {
  title: 'KPIs',
  description:
    'Every KPI Orderlens computes: formula, standard, data needed and benchmark sources.',
};

const unitWords: Record<KpiUnit, string> = {
  percent: 'Percent (%)',
  hours: 'Hours',
  days: 'Days',
  orders_per_fte: 'Orders per full-time equivalent',
  currency_per_order: 'Currency per order (as entered)',
};

const countWords: Record<KpiDefinition['counts'], string> = {
  order: 'Orders (one row per order)',
  line: 'Order lines',
  unit: 'Units (quantities)',
  return: 'Return lines',
};

const kindWords: Record<KpiDefinition['kind'], string> = {
  ratio: 'Ratio of counts',
  duration: 'Mean duration',
  product: 'Product of component rates',
  all_of: 'Share passing every component',
  input: 'From entered figures',
};

const nameOf = new Map(engine.catalogue.kpis.map((k) => [k.id, k.name]));
const variantsOf = (id: string) => engine.catalogue.kpis.filter((k) => k.variantOf === id);

export default async function KpiEncyclopediaPage() {
  await connection();
  await requirePage('view', '/kpis');
  const db = await getServerDatabase();
  const [sets, coverage] = await Promise.all([listBandSets(db), getDataCoverage(db)]);
  const setsByKpi = new Map<string, StoredBandSet[]>();
  for (const set of sets) setsByKpi.set(set.kpi, [...(setsByKpi.get(set.kpi) ?? []), set]);
  const groups = groupKpis(engine.catalogue.kpis);
  const banded = engine.catalogue.kpis.filter((k) => setsByKpi.has(k.id)).length;

  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>KPIs</h1>
      <p className="lede">
        The {engine.catalogue.kpis.length} KPIs Orderlens computes: the formula in words, the
        standard each follows, the data it needs, and the published band sets it can be placed in (
        {banded} KPIs have at least one; the others say so rather than borrow a band).
      </p>

      <div className={styles.layout}>
        <nav className={styles.toc} aria-labelledby="toc-heading">
          <h2 id="toc-heading" className={styles.tocTitle}>
            Contents
          </h2>
          {/* The key first, where it is seen with the list rather than below it. */}
          <p className={styles.tocLegend}>
            <span aria-hidden="true">◆</span> has a published band set
          </p>
          {groups.map(({ group, items }) => (
            <div key={group.id} className={styles.tocGroup}>
              <a className={styles.tocGroupLink} href={`#group-${group.id}`}>
                {group.title}
              </a>
              <ul>
                {items
                  .filter((kpi) => !kpi.variantOf)
                  .map((kpi) => (
                    <li key={kpi.id}>
                      <a href={`#${kpi.id}`}>
                        {kpi.name}
                        {setsByKpi.has(kpi.id) && (
                          <span className={styles.tocBadge} title="Has a published band set">
                            <span aria-hidden="true">◆</span>
                            <span className="visually-hidden"> (banded)</span>
                          </span>
                        )}
                      </a>
                      {/* A variant (the same KPI in working days) sits on its KPI's line. */}
                      {variantsOf(kpi.id).map((variant) => (
                        <a key={variant.id} href={`#${variant.id}`} className={styles.tocVariant}>
                          <span className="visually-hidden">{variant.name}: </span>
                          <span aria-hidden="true">↳ </span>in working days
                        </a>
                      ))}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>

        <div className={styles.entries}>
          {groups.map(({ group, items }) => (
            <section key={group.id} aria-labelledby={`group-${group.id}`} className={styles.group}>
              <h2 id={`group-${group.id}`} className={styles.groupTitle}>
                {group.title}
              </h2>
              <p className={styles.groupBlurb}>{group.blurb}</p>
              {items.map((kpi) => (
                <KpiEntry key={kpi.id} kpi={kpi} sets={setsByKpi.get(kpi.id) ?? []} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}

function KpiEntry({ kpi, sets }: { kpi: KpiDefinition; sets: StoredBandSet[] }) {
  const needs = describeNeeds(kpi.needs);
  return (
    <article id={kpi.id} className={styles.entry} aria-labelledby={`${kpi.id}-name`}>
      <header className={styles.entryHead}>
        <h3 id={`${kpi.id}-name`}>{kpi.name}</h3>
        <Link href={`/kpis/${kpi.id}`} className={styles.open}>
          Open with your data<span className="visually-hidden">: {kpi.name}</span>
          <span aria-hidden="true"> →</span>
        </Link>
      </header>
      <p className={styles.formula}>{kpi.definition}</p>

      <dl className={styles.facts}>
        <div>
          <dt>Standard</dt>
          <dd>{kpi.standard}</dd>
        </div>
        <div>
          <dt>Variant</dt>
          <dd>{kpi.variant}</dd>
        </div>
        <div>
          <dt>Unit</dt>
          <dd>{unitWords[kpi.unit]}</dd>
        </div>
        <div>
          <dt>Better</dt>
          <dd>{kpi.direction === 'higher' ? '↑ Higher is better' : '↓ Lower is better'}</dd>
        </div>
        <div>
          <dt>As of</dt>
          <dd>{capitalise(kpi.asOfLabel)}: the date that puts a row in a period</dd>
        </div>
        <div>
          <dt>Counted over</dt>
          <dd>
            {countWords[kpi.counts]} · {kindWords[kpi.kind]}
          </dd>
        </div>
        <div className={styles.wide}>
          <dt>Data needed</dt>
          <dd>
            <DataNeeded needs={needs} className={styles.needs} columnsClassName={styles.columns} />
          </dd>
        </div>
        {kpi.exclusions.length > 0 && (
          <div className={styles.wide}>
            <dt>Left out</dt>
            <dd>
              {capitalise(kpi.exclusions.map((e) => e.reason).join('; '))}. Counted and shown beside
              the value as excluded.
            </dd>
          </div>
        )}
        {kpi.components?.length ? (
          <div className={styles.wide}>
            <dt>Components</dt>
            <dd>
              {kpi.components.map((c, i) => (
                <span key={c.kpi}>
                  {i > 0 && (kpi.kind === 'product' ? ' × ' : ' and ')}
                  <a href={`#${c.kpi}`}>{nameOf.get(c.kpi) ?? c.kpi}</a>
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>

      <section className={styles.bands} aria-label={`Band sets for ${kpi.name}`}>
        <h4>Band sets</h4>
        {sets.length === 0 ? (
          <p className={styles.noBand}>
            No published band set. Orderlens shows the value without a placement rather than borrow
            a band from another definition; you can import one you hold on{' '}
            <Link href="/benchmarks">Benchmarks</Link>.
          </p>
        ) : (
          sets.map((set) => <BandSetEntry key={set.id} set={set} unit={kpi.unit} />)
        )}
      </section>
    </article>
  );
}

function BandSetEntry({ set, unit }: { set: StoredBandSet; unit: KpiUnit }) {
  return (
    <div className={styles.bandSet}>
      <div className={styles.bandHead}>
        <strong>{set.source}</strong>
        <span className={styles.edition}>{set.edition}</span>
        {set.origin === 'imported' && (
          <span className={styles.imported}>
            imported{set.importedAt ? ` ${set.importedAt.slice(0, 10)}` : ''}
          </span>
        )}
      </div>
      <dl className={styles.bandFacts}>
        <div>
          <dt>Peer group</dt>
          <dd>{set.peerGroup}</dd>
        </div>
        <div>
          <dt>Sample</dt>
          <dd>{set.sampleSize ? `n = ${formatCount(set.sampleSize)}` : 'n not published'}</dd>
        </div>
        <div className={styles.wide}>
          <dt>Published figures</dt>
          <dd>{schemeText(set.scheme, unit)}</dd>
        </div>
        <div className={styles.wide}>
          <dt>Source’s definition</dt>
          <dd>{set.sourceDefinition}</dd>
        </div>
        {set.note && (
          <div className={styles.wide}>
            <dt>Note</dt>
            <dd>{set.note}</dd>
          </div>
        )}
        <div className={styles.wide}>
          <dt>Citation</dt>
          <dd>
            <cite className={styles.citation}>{set.citation}</cite>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The figures a scheme publishes, in the KPI unit; missing points said as such. */
function schemeText(scheme: Scheme, unit: KpiUnit): string {
  const v = (n: number | null) => (n === null ? 'not published' : formatPublishedFigure(n, unit));
  switch (scheme.type) {
    case 'quintiles': {
      const [a, b, c, d] = scheme.boundaries;
      return (
        `Quintiles. 20th/40th/60th/80th percentile values: ${v(a)}, ${v(b)}, ${v(c)}, ${v(d)}. ` +
        `Bands, worst first: ${scheme.labels.join(', ')}.`
      );
    }
    case 'quartiles':
      return `Quartiles. 25th percentile ${v(scheme.p25)}, median ${v(scheme.median)}, 75th percentile ${v(scheme.p75)}.`;
    case 'range':
      return `Reported range: minimum ${v(scheme.min)}, average ${v(scheme.average)}, maximum ${v(scheme.max)}.`;
    case 'threshold':
      return `Threshold. ${scheme.label}: ${comparisonSymbol[scheme.comparison]} ${v(scheme.value)}.`;
    case 'reference':
      return `Reference figures, not bands: ${scheme.figures
        .map((f) =>
          f.value !== undefined
            ? `${f.label} ${v(f.value)}`
            : `${f.label} ${formatPublishedFigure(f.low!, null)}–${v(f.high!)}`,
        )
        .join('; ')}.`;
  }
}
