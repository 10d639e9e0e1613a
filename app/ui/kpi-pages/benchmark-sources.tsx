import type { StoredBandSet } from '@/lib/benchmarks/store';
import type { Placement } from '@/lib/kpi/bands';
import type { ReactNode } from 'react';
import { formatCount, unitSuffix, type KpiUnit } from '../charts/units';
import styles from './kpi-pages.module.css';

const n2 = (v: number) => String(Number(v.toFixed(2)));

/** A band set's scheme in words, in value order. */
export function schemeText(set: Pick<StoredBandSet, 'scheme'>, unit: KpiUnit): string {
  const u = unitSuffix(unit);
  const s = set.scheme;
  switch (s.type) {
    case 'threshold':
      return `${s.label}: ${s.comparison} ${n2(s.value)}${u}`;
    case 'quartiles':
      return [
        `25th percentile ${s.p25 === null ? 'not public' : n2(s.p25) + u}`,
        `median ${n2(s.median)}${u}`,
        `75th percentile ${s.p75 === null ? 'not public' : n2(s.p75) + u}`,
      ].join(' · ');
    case 'range':
      return `Reported from ${n2(s.min)}${u} to ${n2(s.max)}${u}, average ${n2(s.average)}${u}`;
    case 'quintiles':
      return `Quintile boundaries ${s.boundaries.map((b) => n2(b) + u).join(' · ')} (20th to 80th percentile)`;
  }
}

function ordinal(n: number): string {
  const r = Math.round(n);
  if (r % 100 >= 11 && r % 100 <= 13) return `${r}th`;
  return `${r}${['th', 'st', 'nd', 'rd'][r % 10] ?? 'th'}`;
}

/**
 * Every band set of a KPI as a source card: where the value falls and how far the next band is,
 * the source with its edition, peer group and sample, its own definition, and a warning where our
 * definition differs from it.
 */
export function BenchmarkSources({
  sets,
  placements,
  unit,
  headingLevel = 3,
  empty,
}: {
  sets: StoredBandSet[];
  placements: Placement[];
  unit: KpiUnit;
  headingLevel?: 3 | 4;
  /** What to say when the KPI has no band set. */
  empty: ReactNode;
}) {
  if (!sets.length) return <div className={styles.noBand}>{empty}</div>;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul className={styles.sources}>
      {sets.map((set) => {
        const p = placements.find((x) => x.source.setId === set.id);
        return (
          <li key={set.id} className={styles.source}>
            <H className={styles.sourceName}>{set.name}</H>
            <div className={styles.sourceMeta}>
              {set.source} · {set.edition}
              {set.origin === 'imported' && <span className="tag">imported</span>}
            </div>
            {p ? (
              <div className={styles.placement}>
                <span className={styles.band}>{p.band}</span>
                {p.estimatedPercentile !== null && (
                  <span className={styles.pct}>
                    {p.percentileClamped ? 'beyond the ' : '≈ '}
                    {ordinal(p.estimatedPercentile)} percentile
                  </span>
                )}
                <div className={styles.gap}>
                  {p.gapToNext
                    ? `${capitalise(p.gapToNext.text)}.`
                    : 'Already in the best band of this source.'}
                </div>
              </div>
            ) : (
              <div className={styles.placement}>
                <span className={styles.na}>No value to place in this range.</span>
              </div>
            )}
            <dl className={styles.sourceFacts}>
              <dt>Bands</dt>
              <dd>{schemeText(set, unit)}</dd>
              <dt>Peer group</dt>
              <dd>{set.peerGroup}</dd>
              <dt>Sample</dt>
              <dd>
                {set.sampleSize ? `n = ${formatCount(set.sampleSize)}` : 'not stated by the source'}
              </dd>
              <dt>Their definition</dt>
              <dd>{set.sourceDefinition}</dd>
              {set.note && (
                <>
                  <dt>Note</dt>
                  <dd>{set.note}</dd>
                </>
              )}
              <dt>Citation</dt>
              <dd className={styles.citation}>{set.citation}</dd>
            </dl>
            {p?.definitionDiffers && (
              <p className={styles.differs} role="note">
                <strong>Definition differs.</strong> {p.note ?? 'Compare with care.'}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
