/**
 * One KPI of the scorecard as a card: value, direction, benchmark band, target, change against the
 * comparison period and the monthly trend. Server-rendered; every signal carried by colour is also
 * said in text or shape (arrows, icons, words).
 */
import Link from 'next/link';
import { placementIsWeak } from '@/lib/benchmarks/weak';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { Comparison } from '@/lib/kpi/types';
import { engine } from '@/runtime/engine';
import {
  formatCount,
  formatKpiChange,
  formatKpiValue,
  isFlatChange,
  kpiValueParts,
} from './format';
import styles from './scorecard.module.css';
import { Sparkline } from './sparkline';

/* ------------------------------------------------------------------------------------------------
 * Groups: the scorecard and the KPI encyclopedia show the catalogue in the same sections.
 * --------------------------------------------------------------------------------------------- */

export type KpiGroupId =
  'core' | 'fulfilment' | 'delivery' | 'quality' | 'returns' | 'productivity' | 'other';

export const kpiGroups: { id: KpiGroupId; title: string; blurb: string }[] = [
  {
    id: 'core',
    title: 'Core KPIs',
    blurb: 'Cycle time, fill, returns and accuracy: the measures most benchmarks publish.',
  },
  {
    id: 'fulfilment',
    title: 'Fulfilment',
    blurb: 'From order receipt to the warehouse door: entry, release, picking and shipping.',
  },
  {
    id: 'delivery',
    title: 'Delivery',
    blurb: 'Shipped and delivered on the promised, committed or requested date.',
  },
  {
    id: 'quality',
    title: 'Quality',
    blurb: 'Orders without damage or paperwork errors, and the perfect order.',
  },
  {
    id: 'returns',
    title: 'Returns',
    blurb: 'How returns move from authorisation to credit, and how many go back on the shelf.',
  },
  {
    id: 'productivity',
    title: 'Productivity and cost',
    blurb: 'Orders per full-time equivalent and the cost to manage an order, from entered figures.',
  },
  { id: 'other', title: 'More KPIs', blurb: 'Further KPIs of the catalogue.' },
];

/** The core KPIs are the first seven of the catalogue, whatever they are. */
const CORE_COUNT = 7;
const coreIds = new Set(engine.catalogue.kpis.slice(0, CORE_COUNT).map((k) => k.id));

const groupById: Record<string, KpiGroupId> = {
  order_shipment_cycle_time_working_days: 'fulfilment',
  order_entry_cycle_time: 'fulfilment',
  order_release_cycle_time: 'fulfilment',
  release_to_ship_cycle_time: 'fulfilment',
  backorder_rate: 'fulfilment',
  split_shipment_rate: 'fulfilment',
  cancellation_rate: 'fulfilment',
  order_to_delivery_cycle_time: 'delivery',
  order_to_delivery_cycle_time_working_days: 'delivery',
  on_time_shipment_rate: 'delivery',
  on_time_delivery_rate: 'delivery',
  on_time_to_request_rate: 'delivery',
  damage_free_rate: 'quality',
  documentation_accuracy: 'quality',
  perfect_order_index: 'quality',
  perfect_order_rate: 'quality',
  return_authorisation_to_receipt_time: 'returns',
  return_receipt_to_inspection_time: 'returns',
  return_receipt_to_disposition_time: 'returns',
  returns_processing_cycle_time: 'returns',
  restock_rate: 'returns',
  orders_per_fte: 'productivity',
  cost_per_order: 'productivity',
};

export function kpiGroupOf(id: string): KpiGroupId {
  if (coreIds.has(id)) return 'core';
  return groupById[id] ?? 'other';
}

/** Items split into the groups, in group order then catalogue order; empty groups left out. */
export function groupKpis<T extends { id: string }>(
  items: readonly T[],
): { group: (typeof kpiGroups)[number]; items: T[] }[] {
  return kpiGroups
    .map((group) => ({ group, items: items.filter((item) => kpiGroupOf(item.id) === group.id) }))
    .filter((g) => g.items.length > 0);
}

/* ------------------------------------------------------------------------------------------------
 * Words and numbers
 * --------------------------------------------------------------------------------------------- */

export const directionText = (direction: 'higher' | 'lower') =>
  direction === 'higher' ? '↑ higher is better' : '↓ lower is better';

const comparisonName: Record<Comparison['kind'], string> = {
  previous: 'previous period',
  last_year: 'same period last year',
};

const targetWords = {
  on_track: { text: 'On track', icon: '✓', className: styles.onTrack },
  at_risk: { text: 'At risk', icon: '!', className: styles.atRisk },
  off_track: { text: 'Off track', icon: '✕', className: styles.offTrack },
} as const;

function formatPercentile(p: NonNullable<ScorecardEntry['placements'][number]>): string | null {
  if (p.estimatedPercentile === null) return null;
  const pct = Math.round(p.estimatedPercentile);
  if (!p.percentileClamped) return `≈ ${ordinal(pct)} percentile`;
  return p.rank === 1
    ? `at or above the ${ordinal(pct)} percentile`
    : `at or below the ${ordinal(pct)} percentile`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/* ------------------------------------------------------------------------------------------------
 * The card
 * --------------------------------------------------------------------------------------------- */

export function KpiCard({ entry, search }: { entry: ScorecardEntry; search: string }) {
  const headingId = `kpi-${entry.id}`;
  const excluded = entry.excluded.reduce((sum, e) => sum + e.count, 0);
  const series = entry.series?.filter((s) => s.period) ?? [];
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <div className={`${styles.cardTop} ${series.length ? styles.withSpark : ''}`}>
        {/* The link carries the name and the value; the whole card is its click target. */}
        <Link href={`/kpis/${entry.id}${search}`} className={styles.cardLink}>
          <h3 id={headingId} className={styles.cardTitle}>
            {entry.name}
          </h3>
          <KpiValue value={entry.value} unit={entry.unit} />
        </Link>
        <p className={styles.direction}>{directionText(entry.direction)}</p>
        {series.length > 0 && (
          <div className={styles.spark}>
            <Sparkline
              points={series.map((s) => ({ period: s.period!, value: s.value }))}
              unit={entry.unit}
              format={formatKpiValue}
              target={entry.target?.target.value ?? null}
            />
          </div>
        )}
      </div>
      {/* Below the top row, whose sparkline sits at its bottom right. */}
      {entry.basis !== 'measured' && <BasisNote entry={entry} />}

      {entry.comparisons?.map((c, _, all) => (
        <ChangeLine key={c.kind} comparison={c} entry={entry} labelled={all.length > 1} />
      ))}

      <dl className={styles.facts}>
        <dt className="visually-hidden">Benchmark</dt>
        <dd>
          <BenchmarkPlacement entry={entry} search={search} />
        </dd>
        <dt className="visually-hidden">Target</dt>
        <dd>
          <TargetStatusText entry={entry} />
        </dd>
      </dl>

      <p className={styles.cardFoot}>
        {formatCount(entry.n)} {entry.n === 1 ? 'order' : 'orders'}
        {excluded > 0 && (
          <span title={entry.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`).join('; ')}>
            {' '}
            · {formatCount(excluded)} excluded
          </span>
        )}
      </p>
    </article>
  );
}

/** The number large, its unit smaller beside it ("48.7 h", "12.30 per order", "95.0%"). */
function KpiValue({ value, unit }: { value: number | null; unit: KpiUnit }) {
  const parts = kpiValueParts(value, unit);
  if (!parts.unit)
    return (
      <span className={styles.value}>
        <span className={styles.number}>{parts.number}</span>
      </span>
    );
  // The text between the spans is the formatter's own (a space, or none before "%"), so the
  // card reads as the formatted value wherever it is copied or read aloud.
  const gap = parts.text.slice(parts.number.length, parts.text.length - parts.unit.length);
  return (
    <span className={styles.value}>
      <span className={styles.number}>{parts.number}</span>
      {gap}
      <span className={styles.unit}>{parts.unit}</span>
    </span>
  );
}

const shortComparison: Record<Comparison['kind'], string> = {
  previous: 'prev. period',
  last_year: 'last year',
};

function ChangeLine({
  comparison,
  entry,
  labelled,
}: {
  comparison: Comparison;
  entry: ScorecardEntry;
  /** Name the comparison (when there are two); otherwise the page header names it. */
  labelled: boolean;
}) {
  const name = comparisonName[comparison.kind];
  const range = `${name}, ${comparison.range.from} to ${comparison.range.to}`;
  if (comparison.change === null) {
    return (
      <p className={styles.change} title={range}>
        <span className={styles.changeNone}>
          {comparison.n === 0 ? 'No orders' : 'No value'}{' '}
          {comparison.kind === 'last_year' ? 'last year' : 'in the previous period'}
        </span>
      </p>
    );
  }
  const text = formatKpiChange(comparison.change, entry.unit);
  const flat = isFlatChange(comparison.change, entry.unit);
  const better = entry.direction === 'higher' ? comparison.change > 0 : comparison.change < 0;
  const verdict = flat ? 'unchanged' : better ? 'better' : 'worse';
  const arrow = flat ? '▬' : comparison.change > 0 ? '▲' : '▼';
  const tone = flat ? styles.changeFlat : better ? styles.changeGood : styles.changeBad;
  return (
    <p className={styles.change} title={range}>
      <span className={tone}>
        <span aria-hidden="true">{arrow} </span>
        {text} <span className={styles.verdict}>{verdict}</span>
      </span>{' '}
      <span className={styles.changeVs}>
        <span aria-hidden="true">
          vs {formatKpiValue(comparison.value, entry.unit)}
          {labelled && ` ${shortComparison[comparison.kind]}`}
        </span>
        <span className="visually-hidden">
          than the {name}, which was {formatKpiValue(comparison.value, entry.unit)}
        </span>
      </span>
    </p>
  );
}

/** An assumed or partial value, said in words beside the value, with what it rests on one click away. */
export function BasisNote({ entry }: { entry: Pick<ScorecardEntry, 'basis' | 'basisNotes'> }) {
  const partial = entry.basis === 'partial';
  return (
    <details className={styles.basis}>
      <summary>
        <span className={styles.differs}>{partial ? 'Partial' : 'Assumed'}</span>{' '}
        {partial ? 'not every component had data' : 'rests on an assumption'}
      </summary>
      <ul>
        {entry.basisNotes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </details>
  );
}

/** The KPIs whose definition carries improvement practices. */
const withPractices = new Set(
  engine.catalogue.kpis.filter((k) => k.practices?.length).map((k) => k.id),
);

function BenchmarkPlacement({ entry, search }: { entry: ScorecardEntry; search: string }) {
  const [first, ...more] = entry.placements;
  // Only a survey's band belongs on the card: a study, guideline or requirement is no band of
  // peers, and the KPI page shows it in its own terms.
  const unplaced = entry.notPlaced?.find((x) => x.source.bands);
  if (!first && unplaced)
    return (
      <span className={styles.bandMeta}>
        {unplaced.reference ? 'Reference only' : 'Not placed'}: {unplaced.notPlaced} (
        {unplaced.source.source}, {unplaced.source.edition})
      </span>
    );
  if (!first) return <span className={styles.muted}>No published band</span>;
  const percentile = formatPercentile(first);
  return (
    <>
      <span className={styles.band}>
        <BandMeter rank={first.rank} count={first.bandCount} />
        <span>{first.band}</span>
      </span>
      <span className={styles.bandMeta}>
        {percentile && <>{percentile} · </>}
        {first.source.source}, {first.source.edition}
        {first.definitionDiffers && <span className={styles.differs}>definition differs</span>}
      </span>
      {entry.bandChoice && entry.bandChoice.candidates > 1 && (
        <span className={styles.bandMeta}>
          {entry.bandChoice.name}: {entry.bandChoice.reason}
        </span>
      )}
      {first.gapToNext && (
        <span className={styles.bandMeta}>{capitalise(first.gapToNext.text)}</span>
      )}
      {entry.placements.some((p) => placementIsWeak(p)) && withPractices.has(entry.id) && (
        <Link href={`/kpis/${entry.id}${search}#practices`} className={styles.practicesLink}>
          How to improve it <span aria-hidden="true">→</span>
        </Link>
      )}
      {more.length > 0 && (
        <span className={styles.bandMeta}>
          +{more.length} more {more.length === 1 ? 'source' : 'sources'}:{' '}
          {more.map((p) => `${p.band} (${p.source.source})`).join('; ')}
        </span>
      )}
    </>
  );
}

/** Bands as segments, best on the right; the text beside it says the same. */
function BandMeter({ rank, count }: { rank: number; count: number }) {
  const position = count - rank; // 0 = worst band
  return (
    <span className={styles.meter} aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className={i <= position ? styles.meterOn : styles.meterOff} />
      ))}
    </span>
  );
}

function TargetStatusText({ entry }: { entry: ScorecardEntry }) {
  if (!entry.target) return <span className={styles.muted}>No target set</span>;
  const goal = `${entry.direction === 'higher' ? '≥' : '≤'} ${formatKpiValue(entry.target.target.value, entry.unit)}`;
  const status = entry.target.status;
  if (!status) return <span className={styles.muted}>Target {goal}, no value to judge</span>;
  const words = targetWords[status];
  return (
    <span className={`${styles.target} ${words.className}`}>
      <span className={styles.targetIcon} aria-hidden="true">
        {words.icon}
      </span>
      {words.text}
      <span className={styles.muted}> · target {goal}</span>
    </span>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A muted one-line card for KPIs the loaded data cannot compute. */
export function UnavailableKpi({ entry }: { entry: ScorecardEntry }) {
  return (
    <li className={styles.unavailableItem}>
      <Link href={`/kpis/${entry.id}`}>{entry.name}</Link>
      <span className={styles.muted}> — {entry.unavailableReason ?? 'not available'}</span>
    </li>
  );
}
