import 'server-only';
/**
 * The open-returns backlog as of a day D: the returns authorised or received on or before D and
 * not credited by D, each at the stage it was waiting at on D, by the age of the return (days from
 * its authorisation, or from its receipt when it has none) and by stage, in returns and units.
 *
 * A stage the extract does not record at all is skipped (a received return whose inspection the
 * extract never records waits for its disposition, not for an inspection nobody logs) and reported
 * as not recorded rather than as zero. Without credit dates no return can be seen to close: the
 * returns past every recorded stage are then left out and said to be unknown. Returns of cancelled
 * orders are left out and counted apart, as in the returns KPIs.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { isCalendarDate } from '@/lib/model/iso-date';
import { readPerVersion } from '@/lib/db/per-version';
import { currentDataHorizon, factsVersion } from './facts';
import { filterConditions, type Filters } from './filters';
import { notRecordedText, recordedStages, type RecordedStages } from './returns-stages';

export const backlogStages = [
  'awaiting_receipt',
  'awaiting_inspection',
  'awaiting_disposition',
  'awaiting_credit',
] as const;
export type BacklogStage = (typeof backlogStages)[number];

export const backlogStageLabel: Record<BacklogStage, string> = {
  awaiting_receipt: 'Awaiting receipt',
  awaiting_inspection: 'Awaiting inspection',
  awaiting_disposition: 'Awaiting disposition',
  awaiting_credit: 'Awaiting credit',
};

/** The stage whose date ends the wait at each backlog stage. */
const endedBy = {
  awaiting_receipt: 'received',
  awaiting_inspection: 'inspected',
  awaiting_disposition: 'disposition',
  awaiting_credit: 'credited',
} as const;

/** Age buckets in whole days since the return was authorised (or received). */
export const ageBuckets = [
  { id: '0-7', label: '0–7 days', max: 7 },
  { id: '8-14', label: '8–14 days', max: 14 },
  { id: '15-30', label: '15–30 days', max: 30 },
  { id: '31-60', label: '31–60 days', max: 60 },
  { id: 'over-60', label: 'over 60 days', max: null },
] as const;
export type AgeBucket = (typeof ageBuckets)[number]['id'];

export interface BacklogCell {
  /** Open returns (return lines). */
  count: number;
  /** Units on them (returns without a quantity add none; see unitsUnknown). */
  units: number;
}

export interface BacklogStageRow {
  stage: BacklogStage;
  label: string;
  /** False when the extract has no date at all for the stage that ends this wait. */
  recorded: boolean;
  /** Why the row has no counts, when it is not recorded. */
  notRecorded: string | null;
  /** Per age bucket; null when not recorded. */
  buckets: Record<AgeBucket, BacklogCell> | null;
  total: BacklogCell | null;
}

export interface ReturnsBacklog {
  /** The day the backlog is taken at (YYYY-MM-DD); null without any data. */
  asOf: string | null;
  /** Whether the day was asked for or is the data's last date. */
  asOfSource: 'given' | 'data_end';
  stages: BacklogStageRow[];
  /** Per age bucket over the recorded stages. */
  bucketTotals: Record<AgeBucket, BacklogCell>;
  total: BacklogCell;
  /** Open returns without a quantity (counted, but adding no units). */
  unitsUnknown: number;
  /** Open returns of cancelled orders in the same scope, not counted above. */
  cancelledOrderReturns: number;
  /** What the counts cannot say, in words. */
  notes: string[];
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const emptyCell = (): BacklogCell => ({ count: 0, units: 0 });
const emptyBuckets = () =>
  Object.fromEntries(ageBuckets.map((b) => [b.id, emptyCell()])) as Record<AgeBucket, BacklogCell>;

/**
 * The backlog as of `asOf` (YYYY-MM-DD; default the data's last date) for the returns in the
 * filters' dimensions. The filters' date range does not apply: the as-of day chooses the returns.
 */
export async function returnsBacklog(
  db: Database,
  filters: Filters = {},
  asOf?: string,
): Promise<ReturnsBacklog> {
  if (asOf !== undefined && !isCalendarDate(asOf))
    throw new OrderlensError(
      `The as-of date "${asOf}" is not a calendar date as YYYY-MM-DD (for example 2025-03-31).`,
      'invalid_request',
    );
  const horizon = await currentDataHorizon(db);
  const day = asOf ?? horizon?.slice(0, 10) ?? null;
  const recorded = await recordedStages(db);
  const result = emptyBacklog(day, asOf === undefined ? 'data_end' : 'given', recorded);
  if (day === null) {
    result.notes.push('No returns are loaded.');
    return result;
  }
  const rows = await backlogRows(db, filters, day, recorded);
  for (const row of rows) {
    if (row.cancelled) {
      result.cancelledOrderReturns += num(row.count);
      continue;
    }
    const stage = result.stages.find((s) => s.stage === row.stage);
    if (!stage?.buckets || !stage.total) continue;
    const bucket = row.bucket as AgeBucket;
    for (const cell of [
      stage.buckets[bucket],
      stage.total,
      result.bucketTotals[bucket],
      result.total,
    ]) {
      cell.count += num(row.count);
      cell.units += num(row.units);
    }
    result.unitsUnknown += num(row.units_unknown);
  }
  return result;
}

/**
 * The workflow stage whose dates the extract lacks, so that nobody can be seen waiting at a
 * backlog stage: the date that ends the wait, and for receipt also the authorisation that starts it.
 */
function missingStageOf(stage: BacklogStage, recorded: RecordedStages) {
  if (stage === 'awaiting_receipt' && !recorded.authorised) return 'authorised' as const;
  return recorded[endedBy[stage]] ? null : endedBy[stage];
}

function emptyBacklog(
  asOf: string | null,
  asOfSource: ReturnsBacklog['asOfSource'],
  recorded: RecordedStages,
): ReturnsBacklog {
  const notes: string[] = [];
  const stages = backlogStages.map((stage): BacklogStageRow => {
    const missing = missingStageOf(stage, recorded);
    const isRecorded = missing === null;
    const notRecorded = missing && notRecordedText[missing];
    return {
      stage,
      label: backlogStageLabel[stage],
      recorded: isRecorded,
      notRecorded,
      buckets: isRecorded ? emptyBuckets() : null,
      total: isRecorded ? emptyCell() : null,
    };
  });
  if (!recorded.authorised)
    notes.push(
      'Authorisation (RMA) dates are not recorded in this extract: returns count from their receipt, and none can be seen awaiting receipt.',
    );
  if (!recorded.credited)
    notes.push(
      'Credit dates are not recorded in this extract: no return can be seen to close, so returns past their last recorded stage are left out.',
    );
  return {
    asOf,
    asOfSource,
    stages,
    bucketTotals: emptyBuckets(),
    total: emptyCell(),
    unitsUnknown: 0,
    cancelledOrderReturns: 0,
    notes,
  };
}

type BacklogRow = {
  cancelled: boolean;
  stage: BacklogStage;
  bucket: string;
  count: number;
  units: number;
  units_unknown: number;
};

/** Open returns grouped by cancelled order, stage and age bucket. */
async function backlogRows(
  db: Database,
  filters: Filters,
  day: string,
  recorded: RecordedStages,
): Promise<BacklogRow[]> {
  // The date range is the as-of day's business here; only the dimensions filter.
  const dimensions: Filters = { ...filters, from: undefined, to: undefined };
  const where = filterConditions(dimensions, 'return_ts', 'kpi_return_facts');
  const dayParam = `$${where.params.length + 1}`;
  // A stage is passed on the day when its date falls before the day's end.
  const end = `(CAST(${dayParam} AS DATE) + INTERVAL 1 DAY)`;
  const authorised = `coalesce(authorised_ts < ${end}, false)`;
  const received = `coalesce(return_ts < ${end}, false)`;
  const inspected = `coalesce(inspected_ts < ${end}, false)`;
  const decided = `coalesce(disposition_ts < ${end}, false)`;
  const credited = `coalesce(credited_ts < ${end}, false)`;
  // The stage after the latest one passed, skipping those the extract does not record.
  const next = nextStages(recorded);
  const stage = `CASE ${recorded.disposition ? `WHEN ${decided} THEN ${next.afterDisposition}` : ''}
                      ${recorded.inspected ? `WHEN ${inspected} THEN ${next.afterInspection}` : ''}
                      WHEN ${received} THEN ${next.afterReceipt} ELSE 'awaiting_receipt' END`;
  const start = `CASE WHEN ${authorised} THEN authorised_ts ELSE return_ts END`;
  const age = `date_diff('day', CAST(${start} AS DATE), CAST(${dayParam} AS DATE))`;
  // The buckets of ageBuckets, by their upper bounds.
  const bucket = `CASE WHEN ${age} <= 7 THEN '0-7' WHEN ${age} <= 14 THEN '8-14' WHEN ${age} <= 30 THEN '15-30'
                       WHEN ${age} <= 60 THEN '31-60' ELSE 'over-60' END`;
  const open = `(${authorised} OR ${received}) AND NOT ${credited}`;
  // Kept per facts version: the returns page asks the same on every view.
  return readPerVersion<BacklogRow>(
    db,
    await factsVersion(db),
    `SELECT coalesce(cancelled, false) AS cancelled, stage, ${bucket} AS bucket, count(*) AS count,
            coalesce(sum(qty_returned), 0) AS units, count(*) FILTER (WHERE qty_returned IS NULL) AS units_unknown
       FROM (SELECT *, ${stage} AS stage FROM kpi_return_facts WHERE ${where.sql} AND ${open})
      WHERE stage IS NOT NULL
      GROUP BY ALL`,
    [...where.params, day],
  );
}

type StageLiteral = `'${BacklogStage}'` | 'NULL';

/**
 * The stage an open return waits at after passing a stage: the next one the extract records.
 * Past the last recorded stage with no credit dates in the extract, it is unknown (NULL).
 */
function nextStages(recorded: RecordedStages) {
  const after = (stages: BacklogStage[]): StageLiteral => {
    const next = stages.find((s) => missingStageOf(s, recorded) === null);
    return next ? `'${next}'` : 'NULL';
  };
  return {
    afterDisposition: after(['awaiting_credit']),
    afterInspection: after(['awaiting_disposition', 'awaiting_credit']),
    afterReceipt: after(['awaiting_inspection', 'awaiting_disposition', 'awaiting_credit']),
  };
}
