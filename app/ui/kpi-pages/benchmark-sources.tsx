import { rankBandSets, type HeadlineChoice } from '@/lib/benchmarks/choose';
import { describePeer } from '@/lib/benchmarks/peer';
import { comparisonSymbol, kindText, yieldsBands } from '@/lib/benchmarks/schema';
import { placementIsWeak } from '@/lib/benchmarks/weak';
import type { StoredBandSet } from '@/lib/benchmarks/store';
import type { NotPlaced, Placement, ReferenceComparison } from '@/lib/kpi/bands';
import type { ReactNode } from 'react';
import { formatCount, formatPublishedFigure, type KpiUnit } from '../charts/units';
import styles from './kpi-pages.module.css';

/** A band set's scheme in words, in value order. */
export function schemeText(set: Pick<StoredBandSet, 'scheme'>, unit: KpiUnit): string {
  const f = (v: number) => formatPublishedFigure(v, unit);
  const s = set.scheme;
  switch (s.type) {
    case 'threshold':
      return `${s.label}: ${comparisonSymbol[s.comparison]} ${f(s.value)}`;
    case 'quartiles':
      return [
        `25th percentile ${s.p25 === null ? 'not public' : f(s.p25)}`,
        `median ${f(s.median)}`,
        `75th percentile ${s.p75 === null ? 'not public' : f(s.p75)}`,
      ].join(' · ');
    case 'range':
      return `Reported from ${f(s.min)} to ${f(s.max)}, average ${f(s.average)}`;
    case 'quintiles':
      return `Quintile boundaries ${s.boundaries.map(f).join(' · ')} (20th to 80th percentile)`;
    case 'reference':
      return s.figures
        .map((x) =>
          x.value !== undefined
            ? `${x.label} ${f(x.value)}`
            : `${x.label} ${formatPublishedFigure(x.low!, null)}–${f(x.high!)}`,
        )
        .join(' · ');
  }
}

const populationTerm = {
  survey: 'Peer group',
  study: 'Studied',
  practitioner: 'Drawn from',
  requirement: 'Applies to',
} as const;

/** What the scheme's figures are called beside the set, by kind. */
function figuresTerm(set: Pick<StoredBandSet, 'kind' | 'scheme'>): string {
  if (set.kind === 'requirement') return 'Requirement';
  if (set.kind === 'practitioner') return 'Guideline';
  return yieldsBands(set) ? 'Bands' : 'Figures';
}

/**
 * A comparison in its kind's own terms: a requirement met or not (a mark and words, not colour
 * alone), or reference figures with the value's difference to each; never a band.
 */
function ComparisonView({
  comparison,
  practicesHref,
}: {
  comparison: ReferenceComparison;
  practicesHref?: string;
}) {
  if (comparison.meets !== null) {
    const [figure] = comparison.figures;
    return (
      <div className={styles.placement}>
        <span className={styles.band}>
          <span aria-hidden="true">{comparison.meets ? '✓ ' : '✕ '}</span>
          {comparison.meets ? 'Meets the requirement' : 'Does not meet the requirement'}
        </span>
        {figure && (
          <span className={styles.pct}>
            {figure.label} {figure.figure}
          </span>
        )}
        {!comparison.meets && figure && (
          <div className={styles.gap}>{capitalise(figure.text)}.</div>
        )}
        {!comparison.meets && <PracticesLink href={practicesHref} />}
      </div>
    );
  }
  return (
    <div className={styles.placement}>
      <span className={styles.band}>Reference, not a band</span>
      <ul className={styles.gap}>
        {comparison.figures.map((f) => (
          <li key={f.label}>
            {capitalise(f.label)} {f.figure}: yours {f.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where a weak placement leads: the KPI's improvement practices. */
function PracticesLink({ href }: { href?: string }) {
  if (!href) return null;
  return (
    <a className={styles.practicesLink} href={href}>
      How to improve it <span aria-hidden="true">→</span>
    </a>
  );
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
  notPlaced = [],
  unit,
  headingLevel = 3,
  empty,
  practicesHref,
  choice,
  switchHref,
}: {
  sets: StoredBandSet[];
  placements: Placement[];
  /** Sets the value is not placed in (assumed, partial, another definition), with the reason. */
  notPlaced?: NotPlaced[];
  unit: KpiUnit;
  headingLevel?: 3 | 4;
  /** What to say when the KPI has no band set. */
  empty: ReactNode;
  /** The KPI's practices, linked from a placement below the median or short of a threshold. */
  practicesHref?: string;
  /** The set the headline placement uses, marked with the reason. */
  choice?: HeadlineChoice | null;
  /** The address that heads the placements with a set (null: the best match), to switch. */
  switchHref?: (setId: string | null) => string;
}) {
  if (!sets.length) return <div className={styles.noBand}>{empty}</div>;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const [shown, folded] = foldSets(sets, placements, choice);
  const item = (set: StoredBandSet) => {
    const p = placements.find((x) => x.source.setId === set.id);
    const refused = notPlaced.find((x) => x.source.setId === set.id);
    return (
      <li key={set.id} className={styles.source}>
        <H className={styles.sourceName}>{set.name}</H>
        <div className={styles.sourceMeta}>
          <span className="tag">{kindText(set)}</span> {set.source} · {set.edition}
          {set.origin === 'imported' && <span className="tag">imported</span>}
          {choice?.setId === set.id && <span className="tag">headline</span>}
        </div>
        <HeadlineSwitch setId={set.id} placed={!!p} choice={choice} switchHref={switchHref} />
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
            {placementIsWeak(p) && <PracticesLink href={practicesHref} />}
          </div>
        ) : refused?.comparison ? (
          <ComparisonView comparison={refused.comparison} practicesHref={practicesHref} />
        ) : refused ? (
          <div className={styles.placement}>
            <span className={styles.na}>
              {refused.reference ? 'Reference only' : 'Not placed'}: {refused.notPlaced}.
            </span>
          </div>
        ) : (
          <div className={styles.placement}>
            <span className={styles.na}>
              {yieldsBands(set)
                ? 'No value to place in this range.'
                : 'No value to compare with these figures.'}
            </span>
          </div>
        )}
        <dl className={styles.sourceFacts}>
          <dt>{figuresTerm(set)}</dt>
          <dd>{schemeText(set, unit)}</dd>
          <dt>{populationTerm[set.kind ?? 'survey']}</dt>
          <dd>{set.peerGroup}</dd>
          {describePeer(set.peer) && (
            <>
              <dt>Peers stated</dt>
              <dd>{describePeer(set.peer)}</dd>
            </>
          )}
          {set.dataYear !== undefined && (
            <>
              <dt>Data year</dt>
              <dd>{set.dataYear}</dd>
            </>
          )}
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
        {set.definitionDifference && (
          <p className={styles.differs} role="note">
            <strong>How their definition differs from ours.</strong> {set.definitionDifference}
          </p>
        )}
        {(p ?? refused)?.definitionDiffers && !set.definitionDifference && (
          <p className={styles.differs} role="note">
            <strong>Definition differs.</strong> {(p ?? refused)?.note ?? 'Compare with care.'}
          </p>
        )}
      </li>
    );
  };
  return (
    <>
      <ul className={styles.sources}>{shown.map(item)}</ul>
      {folded.length > 0 && (
        <details className={styles.moreSets}>
          <summary>
            {folded.length} more published {folded.length === 1 ? 'set' : 'sets'}, none placing this
            value
          </summary>
          <ul className={styles.sources}>{folded.map(item)}</ul>
        </details>
      )}
    </>
  );
}

/**
 * On the set the headline uses: why; on another set the value is placed in: a link to head the
 * placements with it; on a set the user picked: a link back to the best match.
 */
function HeadlineSwitch({
  setId,
  placed,
  choice,
  switchHref,
}: {
  setId: string;
  placed: boolean;
  choice?: HeadlineChoice | null;
  switchHref?: (setId: string | null) => string;
}) {
  if (!choice) return null;
  if (choice.setId === setId) {
    const several = choice.candidates > 1 || choice.by !== 'newest';
    return (
      <p className={styles.choice}>
        {several && <>Used for the headline: {choice.reason}. </>}
        {choice.by === 'user' && switchHref && <a href={switchHref(null)}>Use the best match</a>}
      </p>
    );
  }
  if (!placed || !switchHref) return null;
  return (
    <p className={styles.choice}>
      <a href={switchHref(setId)}>Use this set for the headline</a>
    </p>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sets shown open before the rest fold away. */
const OPEN_SETS = 3;

/**
 * The sets in the order a reader wants them, split into those shown and those folded: the headline
 * set, then the others the value is placed in, then the rest, each group newest first (the
 * ranking without a profile). Only sets that place nothing fold, and only past the first three.
 */
function foldSets(
  sets: StoredBandSet[],
  placements: Placement[],
  choice: HeadlineChoice | null | undefined,
): [StoredBandSet[], StoredBandSet[]] {
  const placed = new Set(placements.map((p) => p.source.setId));
  const weight = (set: StoredBandSet) =>
    set.id === choice?.setId ? 0 : placed.has(set.id) ? 1 : 2;
  const newestFirst = rankBandSets(sets, {}).map((r) => r.set);
  const ordered = newestFirst.sort((a, b) => weight(a) - weight(b));
  const open = Math.max(OPEN_SETS, ordered.filter((set) => weight(set) < 2).length);
  return [ordered.slice(0, open), ordered.slice(open)];
}
