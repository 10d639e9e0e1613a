import 'server-only';
/**
 * The returns flow: how many returns reached each stage of the workflow (authorised, received,
 * inspected, disposition decided, credited) and the median and 90th percentile of the days between
 * consecutive recorded stages, with the dispositions decided. Returns are attributed to their
 * receipt date (to their authorisation date while not received); returns of cancelled orders are
 * left out and counted apart, as in the returns KPIs. A stage the extract does not record at all is
 * reported as not recorded, never as zero returns.
 */
import type { Database } from '@/lib/db/database';
import { returnDispositions } from '@/lib/model/canonical';
import { readPerVersion } from '@/lib/db/per-version';
import { factsVersion } from './facts';
import { filterConditions, type Filters } from './filters';
import {
  notRecordedText,
  recordedStages,
  returnStages,
  stageColumn,
  stageLabel,
  type ReturnStage,
} from './returns-stages';

export interface FlowStage {
  stage: ReturnStage;
  label: string;
  recorded: boolean;
  /** Why there is no count, when not recorded. */
  notRecorded: string | null;
  /** Returns with a date for this stage; null when not recorded. */
  reached: number | null;
}

export interface FlowGap {
  from: ReturnStage;
  to: ReturnStage;
  /** Returns with both dates in order. */
  n: number;
  /** Days; null without any return with both dates. */
  medianDays: number | null;
  p90Days: number | null;
}

export interface ReturnsFlow {
  /** Returns in scope (of non-cancelled orders). */
  total: number;
  stages: FlowStage[];
  /** Between consecutive recorded stages, in workflow order. */
  gaps: FlowGap[];
  /** Returns per disposition decided, in the model's order; null when no disposition is recorded. */
  dispositions: { disposition: string; count: number }[] | null;
  cancelledOrderReturns: number;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The flow of the returns in scope. */
export async function returnsFlow(db: Database, filters: Filters = {}): Promise<ReturnsFlow> {
  const version = await factsVersion(db);
  const recorded = await recordedStages(db);
  const where = filterConditions(filters, 'return_ts', 'kpi_return_facts', 'authorised_ts');
  const counted = 'NOT coalesce(cancelled, false)';
  const shown = returnStages.filter((s) => recorded[s]);
  const pairs = shown.slice(1).map((to, i) => ({ from: shown[i]!, to }));
  const reached = returnStages.map(
    (s, i) => `count(${stageColumn[s]}) FILTER (WHERE ${counted}) AS reached_${i}`,
  );
  const decided = returnDispositions.map(
    (d, i) => `count(*) FILTER (WHERE ${counted} AND disposition = '${d}') AS disposition_${i}`,
  );
  const gaps = pairs.flatMap(({ from, to }, i) => {
    const days = `epoch(${stageColumn[to]} - ${stageColumn[from]}) / 86400`;
    const both = `${counted} AND ${stageColumn[from]} IS NOT NULL AND ${stageColumn[to]} >= ${stageColumn[from]}`;
    return [
      `count(*) FILTER (WHERE ${both}) AS n_${i}`,
      `quantile_cont(${days}, 0.5) FILTER (WHERE ${both}) AS median_${i}`,
      `quantile_cont(${days}, 0.9) FILTER (WHERE ${both}) AS p90_${i}`,
    ];
  });
  const scope = `FROM kpi_return_facts WHERE ${where.sql}`;
  // Kept per facts version: the returns page asks the same on every view.
  const [totals] = await readPerVersion(
    db,
    version,
    `SELECT count(*) FILTER (WHERE ${counted}) AS total,
            count(*) FILTER (WHERE NOT (${counted})) AS cancelled,
            ${[...reached, ...gaps, ...decided].join(', ')}
       ${scope}`,
    where.params,
  );
  const named = recorded.disposition || (await anyDisposition(db, version));
  return {
    total: num(totals?.total),
    stages: returnStages.map((stage, i) => ({
      stage,
      label: stageLabel[stage],
      recorded: recorded[stage],
      notRecorded: recorded[stage] ? null : notRecordedText[stage],
      reached: recorded[stage] ? num(totals?.[`reached_${i}`]) : null,
    })),
    gaps: pairs.map(({ from, to }, i) => ({
      from,
      to,
      n: num(totals?.[`n_${i}`]),
      medianDays: maybe(totals?.[`median_${i}`]),
      p90Days: maybe(totals?.[`p90_${i}`]),
    })),
    dispositions: named
      ? returnDispositions.map((disposition, i) => ({
          disposition,
          count: num(totals?.[`disposition_${i}`]),
        }))
      : null,
    cancelledOrderReturns: num(totals?.cancelled),
  };
}

/** Whether any loaded return names a disposition (an extract may give it without its date). */
async function anyDisposition(db: Database, version: string): Promise<boolean> {
  const [row] = await readPerVersion<{ n: number }>(
    db,
    version,
    'SELECT count(disposition) AS n FROM returns',
  );
  return num(row?.n) > 0;
}
