import 'server-only';
/**
 * Running subscriptions: render the report, mail it and/or file it, record the attempt in the
 * delivery history and the audit log, and move the schedule on. A run that fails is retried after
 * 1, 5 and 30 minutes (only the channel that failed), then left until the next regular slot. A run
 * whose slot passed while the server was down runs once at the next tick, whatever the number of
 * slots missed, because the next slot is always counted from now.
 */
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Database } from '@/lib/db/database';
import { dimensionLabels } from '@/lib/format/labels';
import { factsVersion } from '@/lib/kpi/facts';
import { dimensionNames, type Filters } from '@/lib/kpi/filters';
import { dataHorizon } from '@/lib/kpi/horizon';
import { renderReport } from '@/lib/report';
import { defaultReportPeriod } from '@/lib/kpi/default-period';
import { readBranding } from '@/lib/settings/branding';
import { describeCadence, nextRunAfter } from './cadence';
import { sqlTimestamp, type DeliveryContext } from './context';
import { escapeHtml, MailError, sendMail, type OutgoingMail } from './mailer';
import {
  cadenceOf,
  getSubscription,
  isInside,
  listSubscriptions,
  newId,
  dueSubscriptions,
  SubscriptionNotFoundError,
  type DeliveryStatus,
  type Subscription,
} from './subscriptions';

/** Minutes to wait before each retry of a failed run; after the last, wait for the next slot. */
export const RETRY_MINUTES = [1, 5, 30] as const;

type Channel = 'mail' | 'folder';
/** Why this attempt ran: its slot came, a retry came, or someone asked for it now. */
export type RunKind = 'schedule' | 'retry' | 'now';

export interface DeliveryOutcome {
  subscriptionId: string;
  runKind: RunKind;
  /** 1 for a run's first attempt, 2–4 for its retries. */
  attempt: number;
  status: 'sent' | 'failed';
  fileName: string | null;
  sentTo: string[];
  writtenTo: string | null;
  error: string | null;
  /** When the failed part is tried again (ISO); null when it is not. */
  retryAt: string | null;
}

interface Attempt {
  fileName: string | null;
  sentTo: string[];
  writtenTo: string | null;
  failed: Channel[];
  errors: string[];
  /** False when trying again cannot help (mail not configured, folder not allowed). */
  retryable: boolean;
}

/** Run every subscription whose slot or retry is due; one at a time, oldest due first. */
export async function runDueSubscriptions(
  db: Database,
  context: DeliveryContext,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const subscription of await dueSubscriptions(db, context.now()))
    outcomes.push(await runScheduled(db, subscription, context));
  return outcomes;
}

async function runScheduled(
  db: Database,
  s: Subscription,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const now = context.now();
  const regular = Date.parse(s.nextRunAt) <= now.getTime();
  const runKind: RunKind = regular ? 'schedule' : 'retry';
  const attemptNo = regular ? 1 : s.attempts + 1;
  const channels = regular ? channelsOf(s) : await retryChannels(db, s.id);
  const nextRunAt = regular ? nextRunAfter(cadenceOf(s), s.timeZone, now) : new Date(s.nextRunAt);
  // Claim the slot before delivering: a crash mid-delivery must not send the report again at
  // every restart, and a retry waiting in the queue is superseded by the new regular run.
  await db.transaction((tx) =>
    tx.run(
      `UPDATE report_subscriptions SET next_run_at = $2::TIMESTAMP, retry_at = NULL
       WHERE subscription_id = $1`,
      [s.id, sqlTimestamp(nextRunAt)],
    ),
  );
  const result = await attempt(db, s, channels, context);
  const failed = result.failed.length > 0;
  const retry = failed && result.retryable && attemptNo <= RETRY_MINUTES.length;
  const retryAt = retry ? new Date(now.getTime() + RETRY_MINUTES[attemptNo - 1]! * 60_000) : null;
  const status: DeliveryStatus = !failed ? 'sent' : retry ? 'retrying' : 'failed';
  const outcome = outcomeOf(s.id, runKind, attemptNo, result, retryAt);
  await db.transaction(async (tx) => {
    await insertDelivery(tx, outcome, now);
    await tx.run(
      `UPDATE report_subscriptions SET retry_at = $2::TIMESTAMP, retry_channels = $3,
         attempts = $4, last_run_at = $5::TIMESTAMP, last_status = $6, last_error = $7
       WHERE subscription_id = $1`,
      [
        s.id,
        retryAt ? sqlTimestamp(retryAt) : null,
        retry ? result.failed.join(',') : null,
        retry ? attemptNo : 0,
        sqlTimestamp(now),
        status,
        outcome.error,
      ],
    );
  });
  await auditDelivery(context, s, outcome, status === 'failed' ? nextRunAt : null);
  return outcome;
}

/** Send every subscription at once (trials, tests); the schedule and pending retries stay. */
export async function runAllSubscriptionsNow(
  db: Database,
  context: DeliveryContext,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const s of await listSubscriptions(db)) outcomes.push(await runNow(db, s, context));
  return outcomes;
}

/** Send one subscription now. */
export async function runSubscriptionNow(
  db: Database,
  id: string,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const s = await getSubscription(db, id);
  if (!s) throw new SubscriptionNotFoundError(id);
  return runNow(db, s, context);
}

async function runNow(db: Database, s: Subscription, context: DeliveryContext) {
  const now = context.now();
  const result = await attempt(db, s, channelsOf(s), context);
  const outcome = outcomeOf(s.id, 'now', 1, result, null);
  await db.transaction(async (tx) => {
    await insertDelivery(tx, outcome, now);
    await tx.run(
      `UPDATE report_subscriptions SET last_run_at = $2::TIMESTAMP, last_status = $3,
         last_error = $4 WHERE subscription_id = $1`,
      [s.id, sqlTimestamp(now), outcome.status, outcome.error],
    );
  });
  await auditDelivery(context, s, outcome, null);
  return outcome;
}

const channelsOf = (s: Subscription): Channel[] => [
  ...(s.recipients.length ? (['mail'] as const) : []),
  ...(s.folder ? (['folder'] as const) : []),
];

async function retryChannels(db: Database, id: string): Promise<Channel[]> {
  const [row] = await db.read<{ channels: string | null }>(
    'SELECT retry_channels AS channels FROM report_subscriptions WHERE subscription_id = $1',
    [id],
  );
  return (row?.channels ?? 'mail,folder')
    .split(',')
    .filter((c): c is Channel => c === 'mail' || c === 'folder');
}

function outcomeOf(
  subscriptionId: string,
  runKind: RunKind,
  attemptNo: number,
  result: Attempt,
  retryAt: Date | null,
): DeliveryOutcome {
  return {
    subscriptionId,
    runKind,
    attempt: attemptNo,
    status: result.failed.length ? 'failed' : 'sent',
    fileName: result.fileName,
    sentTo: result.sentTo,
    writtenTo: result.writtenTo,
    error: result.errors.length ? result.errors.join('; ').slice(0, 1000) : null,
    retryAt: retryAt?.toISOString() ?? null,
  };
}

/** Render once, then each channel asked for; one channel's failure does not stop the other. */
async function attempt(
  db: Database,
  s: Subscription,
  channels: Channel[],
  context: DeliveryContext,
): Promise<Attempt> {
  const result: Attempt = {
    fileName: null,
    sentTo: [],
    writtenTo: null,
    failed: [],
    errors: [],
    retryable: true,
  };
  const fail = (channel: Channel, message: string, retryable = true) => {
    result.failed.push(channel);
    result.errors.push(message);
    if (!retryable) result.retryable = false;
  };
  let report;
  try {
    report = await renderReport(db, { format: s.format, ...s.report }, context.now());
  } catch (error) {
    for (const channel of channels)
      fail(channel, `the report could not be made: ${messageOf(error)}`);
    return result;
  }
  const body = report.body as Buffer; // pdf, pptx and xlsx are whole files
  result.fileName = report.fileName;
  if (channels.includes('mail')) {
    try {
      const mail = await reportMail(db, s, { ...report, body }, context);
      const sent = await sendMail(context.mail, mail);
      result.sentTo = s.recipients.filter((r) => !sent.refused.includes(r));
      if (sent.refused.length) result.errors.push(`not accepted for ${sent.refused.join(', ')}`);
    } catch (error) {
      const retryable = !(error instanceof MailError) || error.retryable;
      // "mail is not configured…" names its channel already.
      const message = messageOf(error);
      fail('mail', message.startsWith('mail ') ? message : `mail: ${message}`, retryable);
    }
  }
  if (channels.includes('folder') && s.folder) {
    try {
      result.writtenTo = await writeToFolder(s.folder, report.fileName, body, context.deliveryDirs);
    } catch (error) {
      fail('folder', `folder: ${messageOf(error)}`, !(error instanceof FolderRefusedError));
    }
  }
  return result;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

class FolderRefusedError extends Error {}

/**
 * Write the file into the folder under a name not yet taken (a second run on one day gets -2),
 * after checking the folder, links resolved, still lies in an allowed folder.
 */
async function writeToFolder(
  folder: string,
  fileName: string,
  body: Buffer,
  roots: string[],
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const real = await realpath(folder);
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => path.resolve(r))));
  if (!realRoots.some((root) => isInside(real, root)))
    throw new FolderRefusedError('the folder is no longer inside an allowed delivery folder');
  const { name, ext } = path.parse(fileName);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(real, n === 1 ? fileName : `${name}-${n}${ext}`);
    try {
      await writeFile(file, body, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error('too many files of the same name in the folder');
}

/** The subscription's mail: subject and a short text and HTML body, the report attached. */
export async function reportMail(
  db: Database,
  s: Subscription,
  report: { body: Buffer; fileName: string; contentType: string },
  context: Pick<DeliveryContext, 'publicUrl'>,
): Promise<OutgoingMail> {
  const [branding, period] = await Promise.all([
    readBranding(db),
    reportPeriod(db, s.report.filters),
  ]);
  const organisation = s.report.organisation ?? branding.organisation;
  const filters = filterText(s.report.filters);
  const schedule = describeCadence(cadenceOf(s), s.timeZone);
  const link = `${context.publicUrl}/reports`;
  const label = s.name ? `"${s.name}"` : s.id;
  const lines = [
    `The KPI benchmark report of ${organisation} for ${period} is attached (${report.fileName}).`,
    '',
    `Filters: ${filters}`,
    `Schedule: ${schedule}`,
    `Open Orderlens: ${link}`,
    '',
    `You receive this mail as a recipient of the report subscription ${label} in Orderlens; it is changed or removed on the reports page.`,
  ];
  const html = [
    `<p>The KPI benchmark report of <strong>${escapeHtml(organisation)}</strong> for ${escapeHtml(period)} is attached (${escapeHtml(report.fileName)}).</p>`,
    `<p>Filters: ${escapeHtml(filters)}<br>Schedule: ${escapeHtml(schedule)}<br><a href="${escapeHtml(link)}">Open Orderlens</a></p>`,
    `<p style="color:#666;font-size:small">You receive this mail as a recipient of the report subscription ${escapeHtml(label)} in Orderlens; it is changed or removed on the reports page.</p>`,
  ].join('\n');
  return {
    to: s.recipients,
    subject: `${organisation}: KPI benchmark report, ${period}`,
    text: lines.join('\n'),
    html,
    attachments: [
      { filename: report.fileName, content: report.body, contentType: report.contentType },
    ],
  };
}

/**
 * The period the report covers, as its subject names it: the filters' range, else the report's
 * own default (the last complete month before the data's horizon).
 */
async function reportPeriod(db: Database, filters: Filters): Promise<string> {
  if (filters.from && filters.to) return rangeText(filters.from, filters.to);
  if (filters.from) return `${filters.from} onwards`;
  if (filters.to) return `up to ${filters.to}`;
  const horizon = await dataHorizon(db, await factsVersion(db));
  const period = defaultReportPeriod(horizon);
  return period ? rangeText(period.from, period.to) : 'no data loaded yet';
}

/** "February 2024" for a whole month, else "2024-02-03 to 2024-02-17". */
export function rangeText(from: string, to: string): string {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const wholeMonth = start.day === 1 && start.endOf('month').toISODate() === to && start.isValid;
  return wholeMonth ? start.setLocale('en-GB').toFormat('LLLL yyyy') : `${from} to ${to}`;
}

function filterText(filters: Filters): string {
  const parts = dimensionNames.flatMap((d) =>
    filters[d]?.length ? [`${dimensionLabels[d]} ${filters[d].join(', ')}`] : [],
  );
  if (filters.sku?.length) parts.push(`SKU ${filters.sku.join(', ')}`);
  return parts.join('; ') || 'none';
}

async function insertDelivery(tx: Database, outcome: DeliveryOutcome, at: Date) {
  await tx.run(
    `INSERT INTO report_deliveries (delivery_id, subscription_id, attempted_at, run_kind, attempt,
       status, file_name, sent_to, written_to, error)
     VALUES ($1, $2, $3::TIMESTAMP, $4, $5, $6, $7, $8, $9, $10)`,
    [
      newId(),
      outcome.subscriptionId,
      sqlTimestamp(at),
      outcome.runKind,
      outcome.attempt,
      outcome.status,
      outcome.fileName,
      JSON.stringify(outcome.sentTo),
      outcome.writtenTo,
      outcome.error,
    ],
  );
}

async function auditDelivery(
  context: DeliveryContext,
  s: Subscription,
  outcome: DeliveryOutcome,
  gaveUpUntil: Date | null,
) {
  const where = [
    outcome.sentTo.length ? `mailed to ${outcome.sentTo.join(', ')}` : '',
    outcome.writtenTo ? `written to ${outcome.writtenTo}` : '',
  ].filter(Boolean);
  const next = outcome.retryAt
    ? `retry at ${outcome.retryAt}`
    : gaveUpUntil
      ? `no more retries; next run ${gaveUpUntil.toISOString()}`
      : '';
  await context.audit({
    action: 'subscriptions.deliver',
    outcome: outcome.status === 'sent' ? 'ok' : 'failed',
    target: `subscription ${s.id}: ${outcome.fileName ?? s.format}`,
    detail: [`${outcome.runKind} attempt ${outcome.attempt}`, ...where, outcome.error ?? '', next]
      .filter(Boolean)
      .join('; '),
  });
}

/** A delivery of the history, as the reports page lists it. */
export type Delivery = Omit<DeliveryOutcome, 'retryAt'> & { id: string; attemptedAt: string };

/** The latest deliveries, newest first, of one subscription or of all. */
export async function listDeliveries(
  db: Database,
  options: { subscriptionId?: string; limit?: number } = {},
): Promise<Delivery[]> {
  const rows = await db.read<Omit<Delivery, 'sentTo'> & { sentTo: string | null }>(
    `SELECT delivery_id AS id, subscription_id AS "subscriptionId",
       strftime(attempted_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "attemptedAt", run_kind AS "runKind",
       attempt, status, file_name AS "fileName", sent_to AS "sentTo", written_to AS "writtenTo", error
     FROM report_deliveries WHERE $1::VARCHAR IS NULL OR subscription_id = $1
     ORDER BY attempted_at DESC, delivery_id LIMIT $2`,
    [options.subscriptionId ?? null, options.limit ?? 50],
  );
  return rows.map((r) => ({ ...r, sentTo: r.sentTo ? (JSON.parse(r.sentTo) as string[]) : [] }));
}
