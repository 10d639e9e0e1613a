import type { Practice, PracticeSource } from '@/lib/semantic/kpi';
import type { KpiView } from './view';
import styles from './practices.module.css';

/** A source as a reader would look it up: title, publisher and year, linked where public. */
function SourceItem({ source }: { source: PracticeSource }) {
  const name = (
    <>
      <cite>{source.title}</cite>, {source.publisher}
      {source.year !== undefined && <>, {source.year}</>}
    </>
  );
  return (
    <li>
      {source.url ? (
        <a href={source.url} rel="noreferrer noopener" target="_blank">
          {name}
        </a>
      ) : (
        name
      )}
    </li>
  );
}

function PracticeCard({ practice, index }: { practice: Practice; index: number }) {
  const headingId = `practice-${index + 1}`;
  return (
    <li className={styles.practice}>
      <h3 id={headingId} className={styles.title}>
        <span className={styles.number} aria-hidden="true">
          {index + 1}
        </span>
        {practice.title}
      </h3>
      <p className={styles.what}>{practice.what}</p>
      <dl className={styles.facts}>
        <dt>Why it moves this KPI</dt>
        <dd>{practice.why}</dd>
        <dt>How to start</dt>
        <dd>{practice.start}</dd>
        <dt>What to watch</dt>
        <dd>{practice.measure}</dd>
      </dl>
      <div className={styles.sources}>
        <h4 className={styles.sourcesHead}>
          {practice.sources.length === 1 ? 'Source' : 'Sources'}
        </h4>
        <ul>
          {practice.sources.map((s) => (
            <SourceItem key={`${s.publisher} ${s.title}`} source={s} />
          ))}
        </ul>
      </div>
    </li>
  );
}

/**
 * How to improve the KPI: its practices as cards, each with why it works, how to start, what to
 * watch and the public sources it rests on. Data of the KPI's definition: no query.
 */
export function PracticesPanel({ view }: { view: Pick<KpiView, 'definition'> }) {
  const practices = view.definition.practices ?? [];
  return (
    <section className="panel" id="practices" aria-labelledby="practices-h">
      <h2 id="practices-h">How to improve it</h2>
      {practices.length ? (
        <>
          <p className={styles.lede}>
            What to do when this KPI is weak: {practices.length} practices, written in our own
            words, each with why it moves the KPI, how to start, what to watch, and the public
            sources it rests on. They carry no benchmark figures: those are in the benchmark bands
            above.
          </p>
          <ol className={styles.list}>
            {practices.map((p, i) => (
              <PracticeCard key={p.title} practice={p} index={i} />
            ))}
          </ol>
        </>
      ) : (
        <p className={styles.lede}>No improvement practices are written for this KPI yet.</p>
      )}
    </section>
  );
}
