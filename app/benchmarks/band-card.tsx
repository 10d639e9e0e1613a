/** A band set as a card: what it is, where it comes from, its figures, and its removal. */
import type { ReactNode } from 'react';
import { describePeer } from '@/lib/benchmarks/peer';
import {
  comparisonSymbol,
  kindOf,
  kindText,
  yieldsBands,
  type Scheme,
} from '@/lib/benchmarks/schema';
import type { StoredBandSet } from '@/lib/benchmarks/store';
import { formatCount, formatPublishedFigure } from '../ui/format';
import { figureText, kpiName } from './catalogue';
import { DeleteButton } from './forms/delete-button';
import styles from './benchmarks.module.css';

export function BandCard({ set, canRemove }: { set: StoredBandSet; canRemove: boolean }) {
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
          <dt>Peers stated</dt>
          <dd>{describePeer(set.peer) ?? 'none as attributes'}</dd>
        </div>
        <div>
          <dt>Data year</dt>
          <dd>{set.dataYear ?? 'not stated'}</dd>
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
              {comparisonSymbol[scheme.comparison]} {figureText(scheme.value, unit)}
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
                    ? figureText(f.value, unit)
                    : `${formatPublishedFigure(f.low!, null)}–${figureText(f.high!, unit)}`}
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
        `< ${figureText(b[0], unit)}`,
        `${figureText(b[0], unit)} – ${figureText(b[1], unit)}`,
        `${figureText(b[1], unit)} – ${figureText(b[2], unit)}`,
        `${figureText(b[2], unit)} – ${figureText(b[3], unit)}`,
        `≥ ${figureText(b[3], unit)}`,
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
            <span className={styles.bandValue}>{figureText(v ?? null, unit)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
