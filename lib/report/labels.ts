/** Words the renderers share for statuses, percentiles and coverage, so every format says the same. */
import { formatCount, isFlatChange } from '@/lib/format/kpi-value';
import type { TargetStatus } from '@/lib/benchmarks/targets';
import type { Grain } from '@/lib/kpi/filters';
import type { ReportKpi, ReportMessage, ReportModel, StatusColour } from './types';

export const targetStatusText: Record<TargetStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};

export const percentileText = (p: number | null) =>
  p === null ? '—' : `${Math.round(p)}${ordinal(Math.round(p))}`;

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

export const targetText = (k: ReportKpi) =>
  k.target
    ? `${k.target.formatted} · ${k.target.status ? targetStatusText[k.target.status] : 'no value'}`
    : 'No target';

/**
 * Every placement with its source; a KPI can be placed in several band sets. The first is the
 * headline, and with several the set it is in is named with the reason.
 */
export const bandText = (k: ReportKpi) =>
  k.placements.length
    ? k.placements
        .map(
          (p) =>
            `${p.band} (${p.source}${p.percentile === null ? '' : `, ${percentileText(p.percentile)} percentile`})`,
        )
        .join('; ') + headlineText(k)
    : (k.notPlacedText ?? 'No band set');

/** ". Headline: SET, because REASON" when the value is placed in several sets. */
function headlineText(k: ReportKpi): string {
  if (k.placements.length < 2 || !k.bandChoice) return '';
  return `. Headline: ${k.bandChoice.name} (${k.bandChoice.reason})`;
}

export const changeText = (k: ReportKpi) => k.change?.text ?? '—';

/** "Measured", or "Assumed: Shipped quantities were not in the extract; …". */
export const basisText = (k: ReportKpi) =>
  k.basis === 'measured'
    ? 'Measured'
    : `${k.basis === 'partial' ? 'Partial' : 'Assumed'}: ${k.basisNotes.join(' ') || 'not every field it needs was in the data.'}`;

/** The summary's band cell: the band, or why an assumed or partial value has none. */
export const summaryBandText = (k: ReportKpi) => k.band ?? k.notPlacedText;

/** The summary's value: marked when it rests on an assumption or misses components. */
export const summaryValueText = (k: ReportKpi) =>
  k.basis === 'measured' ? k.formatted : `${k.formatted} (${k.basis})`;

/** "1,234 orders counted; excluded: 12 no promised date, 3 cancelled". */
export function coverageText(k: ReportKpi): string {
  const used = `${formatCount(k.coverage.counted)} ${k.coverage.countWord} counted`;
  if (!k.coverage.excluded.length) return `${used}; none excluded`;
  const excluded = k.coverage.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`);
  return `${used}; excluded: ${excluded.join('; ')}`;
}

export const dataText = (m: ReportModel) =>
  `${formatCount(m.data.loads)} load${m.data.loads === 1 ? '' : 's'}; orders from ${m.data.firstOrder ?? '—'} to ${m.data.lastOrder ?? '—'}; ${formatCount(m.data.ordersCounted)} orders in this report's scope`;

export const filtersText = (m: ReportModel) =>
  m.filters.length ? m.filters.map((f) => `${f.label}: ${f.value}`).join('; ') : 'None (all data)';

/** Said where a movers list is empty, in every format. */
export const noMoversText =
  'None: no KPI with enough history to judge its usual change moved this way.';

/** Said on the summary when no KPI has a message, so silence reads as news, not as a gap. */
export const noMessagesText =
  'No KPI moved beyond its usual period-to-period variation, crossed a band or missed a target.';

/** A message's tone in words, printed beside its colour. */
export const toneText: Record<ReportMessage['tone'], string> = {
  good: 'Good news',
  bad: 'Needs attention',
};

/** What each status colour stands for, for counts and keys (a KPI's own label is more exact). */
export const statusColourText: Record<StatusColour, string> = {
  green: 'on target or in the best band',
  amber: 'at risk or between bands',
  red: 'off target or in the weakest band',
  grey: 'no target or band to judge by',
};

/** ▲ or ▼: which way the number moved, whichever way is good for the KPI; '' when flat. */
export function changeArrow(k: ReportKpi): string {
  const change = k.change?.change;
  if (change === null || change === undefined || isFlatChange(change, k.unit)) return '';
  return change > 0 ? '▲' : '▼';
}

/** Whether the change is good news, in a word; null without a like-for-like comparison. */
export function changeVerdict(k: ReportKpi): 'better' | 'worse' | 'unchanged' | null {
  const { change, improvement, partial } = k.change ?? {};
  if (change === null || change === undefined || improvement === null || partial) return null;
  if (isFlatChange(change, k.unit)) return 'unchanged';
  return improvement! > 0 ? 'better' : 'worse';
}

/** "▲ +1.2 pp better": the change with its direction and, in a word, its meaning. */
export function changeSentence(k: ReportKpi): string {
  const verdict = changeVerdict(k);
  return [changeArrow(k), changeText(k), verdict && verdict !== 'unchanged' ? verdict : '']
    .filter(Boolean)
    .join(' ');
}

/** "daily", "weekly": a trend's grain as an adjective. */
export const grainAdjective: Record<Grain, string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};
