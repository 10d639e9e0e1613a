import 'server-only';
/**
 * The stages of the returns workflow and which of them an extract records. Every stage is optional
 * in an extract: a stage without a single date in the loaded returns is "not recorded", which is
 * not the same as nobody waiting at it, and the flow and the backlog say so instead of showing 0.
 */
import type { Database } from '@/lib/db/database';

export const returnStages = [
  'authorised',
  'received',
  'inspected',
  'disposition',
  'credited',
] as const;
export type ReturnStage = (typeof returnStages)[number];

/** Each stage's date column in the returns table and the return facts. */
export const stageColumn = {
  authorised: 'authorised_ts',
  received: 'return_ts',
  inspected: 'inspected_ts',
  disposition: 'disposition_ts',
  credited: 'credited_ts',
} as const satisfies Record<ReturnStage, string>;

export const stageLabel: Record<ReturnStage, string> = {
  authorised: 'Authorised (RMA)',
  received: 'Received',
  inspected: 'Inspected',
  disposition: 'Disposition decided',
  credited: 'Credited',
};

/** How a stage missing from the extract is said. */
export const notRecordedText: Record<ReturnStage, string> = {
  authorised: 'authorisation (RMA) dates not recorded in this extract',
  received: 'receipt dates not recorded in this extract',
  inspected: 'inspection not recorded in this extract',
  disposition: 'disposition dates not recorded in this extract',
  credited: 'credit dates not recorded in this extract',
};

export type RecordedStages = Record<ReturnStage, boolean>;

/** Which stages have at least one date among all loaded returns (not only those in a filter). */
export async function recordedStages(db: Database): Promise<RecordedStages> {
  const [row] = await db.read<Record<ReturnStage, boolean>>(
    `SELECT count(authorised_ts) > 0 AS authorised, count(return_ts) > 0 AS received,
            count(inspected_ts) > 0 AS inspected, count(disposition_ts) > 0 AS disposition,
            count(credited_ts) > 0 AS credited
       FROM returns`,
  );
  return {
    authorised: Boolean(row?.authorised),
    received: Boolean(row?.received),
    inspected: Boolean(row?.inspected),
    disposition: Boolean(row?.disposition),
    credited: Boolean(row?.credited),
  };
}
