import 'server-only';
/**
 * Build the report model from the same lib/ API as the app: the scorecard over time and by a
 * dimension, band sets, data coverage and the load ledger. Deterministic for the same data and
 * options; only generatedAt changes from run to run.
 */
import {
  listAnnotations,
  noteLine,
  placeNotes,
  type Annotation,
} from '@/lib/annotations/annotations';
import { chartBandSet } from '@/lib/benchmarks/chart-bands';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import type { Database } from '@/lib/db/database';
import { formatKpiChange, formatKpiValue, unitSuffix } from '@/lib/format/kpi-value';
import { dimensionLabels } from '@/lib/format/labels';
import { fillPeriods } from '@/lib/format/chart-scale';
import { periodLabel } from '@/lib/format/units';
import { getDataCoverage, type DataCoverage } from '@/lib/ingest/load/coverage';
import { listLoads } from '@/lib/ingest/load/ledger';
import { getKpi } from '@/lib/kpi/engine';
import { countMatchingOrders } from '@/lib/kpi/dimension-values';
import {
  comparisonRange,
  dimensionNames,
  type Dimension,
  type Filters,
  type Grain,
} from '@/lib/kpi/filters';
import { currentDataHorizon } from '@/lib/kpi/facts';
import { scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import { readBranding } from '@/lib/settings/branding';
import { config } from '@/lib/config';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { reportOptionsSchema, type ReportOptions, type ReportOptionsInput } from './options';
import type {
  ReportChange,
  ReportFilter,
  ReportKpi,
  ReportModel,
  ReportNote,
  ReportPoint,
  ReportPractices,
  ReportSegment,
  ReportStatus,
} from './types';
import { moversOf, sourcesOf } from './summary';
import { defaultReportPeriod } from '@/lib/kpi/default-period';
import { calendarGrainOf, historyOf, shiftPeriod } from './history';
import { storyOf } from './story-of';
import { rankMessages, statusOf } from './story';

const DAY_MS = 86_400_000;

/**
 * What a format prints, so a report computes no series it does not show: the CSV scorecard has
 * neither trend nor breakdown, a PNG one KPI's trend and no story (each is a pass over the data).
 */
function sectionsOf(format: ReportOptions['format']) {
  const pack = format !== 'csv' && format !== 'png';
  // The CSV scorecard carries each KPI's significance, so it reads the history too.
  return { trend: format !== 'csv', breakdown: pack, story: format !== 'png' };
}

/**
 * Without dates, the last complete month against the one before: two whole periods, so the report
 * opens on a real comparison. Without a complete month in the data, all of it.
 */
function withDefaultPeriod(
  filters: Filters,
  horizon: string | null,
  firstOrder: string | null,
): Filters {
  if (filters.from || filters.to) return filters;
  const period = defaultReportPeriod(horizon, 'month', firstOrder);
  return period ? { ...filters, from: period.from, to: period.to } : filters;
}

/** The report for a query: every number the renderers print, computed once. */
export async function buildReportModel(
  db: Database,
  input: ReportOptionsInput | ReportOptions,
  now: Date = new Date(),
): Promise<ReportModel> {
  const options = reportOptionsSchema.parse(input);
  const [coverage, horizonNow] = await Promise.all([getDataCoverage(db), currentDataHorizon(db)]);
  const filters = withDefaultPeriod(options.filters, horizonNow, coverage.firstOrder);
  const [ordersCounted, loads, branding] = await Promise.all([
    countMatchingOrders(db, filters),
    listLoads(db),
    readBranding(db),
  ]);
  const period = periodOf(filters, coverage);
  const trend = trendWindowOf(filters, options.grain, period);
  const grain = trend.grain;
  const { compare, by } = options;
  const sections = sectionsOf(options.format);
  const previous = comparisonRange(filters, compare);
  const [overTime, trendEntries, bySegment, previousBySegment, history] = await Promise.all([
    // No histograms or stages: no format prints them.
    scorecard(db, { filters, compare, details: false }, options.kpis),
    sections.trend
      ? scorecard(db, { filters: trend.filters, grain, details: false }, options.kpis)
      : undefined,
    sections.breakdown ? scorecard(db, { filters, by, details: false }, options.kpis) : undefined,
    sections.breakdown && previous
      ? scorecard(db, { filters: previous, by, details: false }, options.kpis)
      : undefined,
    sections.story ? historyOf(db, filters, compare, options.kpis) : undefined,
  ]);
  const drafts = await Promise.all(
    overTime.map((entry, i) =>
      reportKpi(db, entry, bySegment?.[i], options, grain, trendEntries?.[i]),
    ),
  );
  const told = await Promise.all(
    drafts.map((k, i) =>
      storyOf(db, k, {
        history,
        current: bySegment?.[i],
        previous: previousBySegment?.[i],
        periodText: period.text,
      }),
    ),
  );
  const notes = await reportNotesOf(
    db,
    trend.filters,
    period,
    told.map((t) => t.kpi),
  );
  const kpis = told.map((t) => withTrendNotes(t.kpi, notes));
  const filterList = describeFilters(filters);
  const comparison = kpis.find((k) => k.change)?.change;
  const horizon = overTime.find((e) => e.horizon !== undefined)?.horizon ?? null;
  return {
    organisation: options.organisation ?? branding.organisation,
    logo: branding.logo,
    generatedAt: now.toISOString(),
    period,
    filters: filterList,
    context: [period.text, ...filterList.map((f) => `${f.label}: ${f.value}`)].join(' · '),
    comparison: comparison ? { kind: comparison.kind, text: comparisonText(comparison) } : null,
    data: {
      loads: coverage.activeLoads,
      firstOrder: day(coverage.firstOrder),
      lastOrder: day(coverage.lastOrder),
      ordersCounted,
      isDemo: coverage.isDemo,
      horizon,
    },
    kpis,
    notes: notes.map(({ note }) => note),
    messages: rankMessages(told.flatMap((t) => (t.message ? [t.message] : []))),
    movers: moversOf(kpis),
    sources: sourcesOf(kpis, overTime),
    ledger: loads
      .filter((l) => l.status === 'loaded')
      .sort((a, b) => a.loadId - b.loadId)
      .map((l) => ({
        loadId: l.loadId,
        fileName: l.fileName,
        contentHash: l.contentHash,
        target: l.target,
        rows: l.rowsRead,
        finishedAt: l.finishedAt,
      })),
  };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/**
 * The notes on dates from the trend window's first day (the period's, when the trend starts with
 * it) to the period's last, about every KPI or one of the report's; each with its report wording.
 */
async function reportNotesOf(
  db: Database,
  trendFilters: Filters,
  period: ReportModel['period'],
  kpis: ReportKpi[],
): Promise<{ annotation: Annotation; note: ReportNote }[]> {
  const starts = [trendFilters.from, period.from].filter((d): d is string => !!d).sort();
  const names = new Map(kpis.map((k) => [k.id, k.name]));
  const annotations = await listAnnotations(db, { from: starts[0] ?? null, to: period.to });
  return annotations
    .filter((a) => a.kpi === null || names.has(a.kpi))
    .map((a) => ({
      annotation: a,
      note: {
        from: a.from,
        to: a.to,
        note: a.note,
        kpi: a.kpi,
        about: a.kpi ? names.get(a.kpi)! : 'all KPIs',
        text: noteLine(a, (id) => names.get(id) ?? id),
      },
    }));
}

/** A KPI with the notes its trend covers (its own and those on every KPI), numbered. */
function withTrendNotes(
  kpi: ReportKpi,
  notes: { annotation: Annotation; note: ReportNote }[],
): ReportKpi {
  const mine = notes.filter((n) => n.annotation.kpi === null || n.annotation.kpi === kpi.id);
  const byId = new Map(mine.map((n) => [n.annotation.id, n.note]));
  const placed = placeNotes(
    mine.map((n) => n.annotation),
    kpi.trend.points.map((p) => p.period),
    kpi.trend.grain,
  );
  return {
    ...kpi,
    notes: placed.map((p) => ({
      ...byId.get(p.annotation.id)!,
      number: p.number,
      firstPeriod: p.firstPeriod,
      lastPeriod: p.lastPeriod,
    })),
  };
}

function periodOf(filters: Filters, coverage: DataCoverage): ReportModel['period'] {
  const from = filters.from ?? day(coverage.firstOrder);
  const to = filters.to ?? day(coverage.lastOrder);
  const span = from && to ? `${from} to ${to}` : null;
  const filtered = filters.from || filters.to;
  const text = filtered
    ? (span ?? `${from ?? '…'} to ${to ?? '…'}`)
    : span
      ? `All data (${span})`
      : 'All data';
  return { from, to, text };
}

/** Periods of the trend behind a calendar period, the report's own included. */
const TREND_PERIODS: Record<Grain, number> = { day: 14, week: 13, month: 13, quarter: 8, year: 5 };

/**
 * The trend a section draws. A calendar month (or quarter…) is shown among the months before it,
 * so the chart says whether this month is unusual; any other range, or a grain asked for, is
 * drawn within the range.
 */
function trendWindowOf(
  filters: Filters,
  asked: Grain | undefined,
  period: ReportModel['period'],
): { filters: Filters; grain: Grain } {
  const calendar = filters.from && filters.to ? calendarGrainOf(filters.from, filters.to) : null;
  if (asked || !calendar) return { filters, grain: asked ?? grainFor(period.from, period.to) };
  const from = shiftPeriod(filters.from!, calendar, 1 - TREND_PERIODS[calendar]);
  return { filters: { ...filters, from }, grain: calendar };
}

/** A grain that gives a readable trend: days for a month, weeks for a quarter, and so on. */
export function grainFor(from: string | null, to: string | null): Grain {
  if (!from || !to) return 'month';
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days <= 31) return 'day';
  if (days <= 120) return 'week';
  if (days <= 3 * 366) return 'month';
  return 'quarter';
}

function describeFilters(filters: Filters): ReportFilter[] {
  const out: ReportFilter[] = [];
  for (const name of dimensionNames) {
    const values = filters[name];
    if (values?.length) out.push({ label: dimensionLabels[name], value: values.join(', ') });
  }
  if (filters.sku?.length) out.push({ label: 'SKU', value: filters.sku.join(', ') });
  return out;
}

function comparisonText(change: ReportChange): string {
  const name = change.kind === 'previous' ? 'the previous period' : 'the same period last year';
  const base = `Change against ${name} (${change.from} to ${change.to})`;
  // The note is a sentence of its own; renderers add the closing full stop.
  return change.note ? `${base}. ${change.note.replace(/\.$/, '')}` : base;
}

async function reportKpi(
  db: Database,
  entry: ScorecardEntry,
  segmented: ScorecardEntry | undefined,
  options: ReportOptions,
  grain: Grain,
  trend: ScorecardEntry | undefined,
): Promise<ReportKpi> {
  // The chart draws the set the headline placement is in (the best match), else the first.
  const sets = await bandSetsForKpi(db, entry.id);
  const set = sets.find((s) => s.id === entry.bandChoice?.setId) ?? sets[0];
  return reportKpiOf(entry, segmented, set ?? null, options.by, grain, trend);
}

/** A KPI of the report from its scorecard entries: every text it prints, with no database. */
export function reportKpiOf(
  entry: ScorecardEntry,
  segmented: ScorecardEntry | undefined,
  set: Parameters<typeof chartBandSet>[0] | null,
  by: Dimension,
  grain: Grain,
  /** The entry whose series is the trend (default: the entry's own). */
  trend: ScorecardEntry = entry,
): ReportKpi {
  const definition = getKpi(entry.id);
  const suffix = unitSuffix(entry.unit);
  const primary = entry.placements[0];
  const kpi: Omit<ReportKpi, 'status'> = {
    id: entry.id,
    name: entry.name,
    unit: entry.unit,
    unitLabel: suffix.trim(),
    direction: entry.direction,
    definition: definition.definition,
    standard: entry.standard,
    variant: entry.variant,
    asOf: definition.asOfLabel,
    needs: definition.needs,
    available: entry.available,
    unavailableReason: entry.unavailableReason ?? null,
    value: entry.value,
    formatted: entry.available ? formatKpiValue(entry.value, entry.unit) : 'Unavailable',
    numerator: entry.numerator,
    denominator: entry.denominator,
    placements: entry.placements.map((p) => ({
      setId: p.source.setId,
      band: p.band,
      rank: p.rank,
      bandCount: p.bandCount,
      percentile: p.estimatedPercentile,
      source: `${p.source.source} ${p.source.edition}`.trim(),
    })),
    bandChoice: entry.bandChoice
      ? {
          setId: entry.bandChoice.setId,
          name: entry.bandChoice.name,
          reason: entry.bandChoice.reason,
        }
      : null,
    basis: entry.basis ?? 'measured',
    basisNotes: entry.basisNotes ?? [],
    notPlacedText: notPlacedTextOf(entry),
    band: primary?.band ?? null,
    percentile: primary?.estimatedPercentile ?? null,
    target: entry.target
      ? {
          value: entry.target.target.value,
          formatted: formatKpiValue(entry.target.target.value, entry.unit),
          status: entry.target.status,
        }
      : null,
    change: changeOf(entry),
    trend: {
      grain,
      points: trendOf(trend, grain),
    },
    // Bands behind an assumed or partial trend would place it by eye.
    chartBands:
      set && (entry.basis ?? 'measured') === 'measured' ? chartBandSet(set, entry.unit) : null,
    breakdown: {
      dimension: by,
      label: dimensionLabels[by],
      segments: segmentsOf(segmented),
    },
    coverage: {
      counted: entry.n,
      countWord: definition.base === 'kpi_return_facts' ? 'returns' : 'orders',
      excluded: entry.excluded,
    },
    movement: null,
    driver: null,
    context: '',
    section: entry.available && entry.value !== null,
  };
  const status = statusOf(kpi);
  return { ...kpi, status, practices: practicesOf(definition, status) };
}

/**
 * For a KPI whose status is amber or red, the titles of its practices and the link to them in
 * full; null for any other status (a grey KPI was judged against nothing, a green one is fine).
 */
export function practicesOf(
  definition: Pick<KpiDefinition, 'id' | 'practices'>,
  status: Pick<ReportStatus, 'colour'>,
): ReportPractices | null {
  const titles = (definition.practices ?? []).map((p) => p.title);
  if (!titles.length || (status.colour !== 'amber' && status.colour !== 'red')) return null;
  const link = `${config().publicUrl}/kpis/${encodeURIComponent(definition.id)}#practices`;
  return {
    titles,
    link,
    text: `How to improve it: ${titles.join('; ')}. Each in full, with its sources, on the KPI page: ${link}`,
  };
}

function changeOf(entry: ScorecardEntry): ReportChange | null {
  const comparison = entry.comparisons?.[0];
  if (!comparison) return null;
  const { change } = comparison;
  const improvement = change === null ? null : entry.direction === 'higher' ? change : -change;
  return {
    kind: comparison.kind,
    from: comparison.range.from,
    to: comparison.range.to,
    previous: comparison.value,
    change,
    improvement,
    partial: comparison.partial === true,
    note: comparison.note ?? null,
    // The change of a range that is not over is no change between like periods: say so beside it.
    text:
      formatKpiChange(change, entry.unit) +
      (comparison.partial && change !== null ? ' (partial period)' : ''),
  };
}

/** Every period from the first value to the last, gaps empty, so the time axis is even. */
function trendOf(entry: ScorecardEntry, grain: Grain): ReportPoint[] {
  const points = (entry.series ?? []).flatMap((s) =>
    s.period
      ? [
          {
            period: s.period,
            value: s.value,
            n: s.n,
            partial: s.partial === true,
            ...(s.maturing !== undefined ? { maturing: s.maturing } : {}),
          },
        ]
      : [],
  );
  // Filled gaps lie between two periods with values, so before the horizon: never partial.
  return fillPeriods(points, grain).map((p) => ({
    period: p.period,
    label: periodLabel(p.period, grain),
    value: p.value,
    n: p.n,
    partial: p.partial === true,
    ...(p.maturing !== undefined ? { maturing: p.maturing } : {}),
  }));
}

/** The label of the orders without the breakdown's attribute: counted, never ranked. */
export const NOT_RECORDED = 'Not recorded';

/**
 * Segments, most orders first (ties by name), so the largest ones lead every table; the orders
 * without the attribute come last, unranked: a gap in the data is not a site or a carrier.
 */
function segmentsOf(entry: ScorecardEntry | undefined): ReportSegment[] {
  if (!entry) return [];
  const quartiles = new Map(entry.internal?.peers.map((p) => [p.label, p.quartile]));
  const rank = (s: { segment?: string | null }) => (s.segment == null ? 1 : 0);
  return [...(entry.series ?? [])]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        b.n - a.n ||
        ((a.segment ?? '') < (b.segment ?? '')
          ? -1
          : (a.segment ?? '') > (b.segment ?? '')
            ? 1
            : 0),
    )
    .map((s) => ({
      segment: s.segment ?? NOT_RECORDED,
      value: s.value,
      formatted: formatKpiValue(s.value, entry.unit),
      n: s.n,
      quartile: s.segment == null ? null : (quartiles.get(s.segment) ?? null),
    }));
}

/**
 * Why a value with no placement has none: an assumed or partial value is never placed; a measured
 * one may have only reference figures (a study, another definition), which the report names rather
 * than say "No band set".
 */
function notPlacedTextOf(entry: ScorecardEntry): string | null {
  const first = entry.notPlaced?.[0];
  if (entry.basis && entry.basis !== 'measured')
    return `Not placed: ${first?.notPlaced ?? `${entry.basis} value`}`;
  if (!first) return null;
  const more = (entry.notPlaced?.length ?? 1) - 1;
  return `Reference only: ${first.notPlaced}${more ? ` (and ${more} more ${more === 1 ? 'set' : 'sets'})` : ''}`;
}
