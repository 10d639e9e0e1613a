import 'server-only';
/**
 * Report subscriptions: a report (format, filters, KPIs, breakdown) sent on a cadence to
 * recipients and/or written to a folder. Each row also holds its schedule's state: the next
 * regular run, a pending retry, and the last outcome the reports page shows.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';
import { getKpi } from '@/lib/kpi/engine';
import { dimensionNames, filtersSchema, grains, type Dimension } from '@/lib/kpi/filters';
import type { Filters, Grain } from '@/lib/kpi/filters';
import {
  describeCadence,
  formatCadence,
  isTimeZone,
  nextRunAfter,
  parseCadence,
  serverTimeZone,
  type Cadence,
} from './cadence';
import { instantOf, sqlTimestamp } from './context';

export const subscriptionFormats = ['pdf', 'pptx', 'xlsx'] as const;
export type SubscriptionFormat = (typeof subscriptionFormats)[number];

/** Enough for a distribution list; a longer one belongs in a mailing list of the mail server. */
export const MAX_RECIPIENTS = 50;

const kpiId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a KPI id');
export const recipientsSchema = z
  .array(z.email('not an e-mail address').max(254))
  .max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`);

export const subscriptionInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional().describe('A label for the reports page'),
    format: z.enum(subscriptionFormats),
    recipients: recipientsSchema.default([]),
    folder: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('A folder under the exports folder, or one of ORDERLENS_DELIVERY_DIRS'),
    cadence: z.string().min(1).max(80).describe('daily 07:00 | weekly mon 07:00 | monthly 1 07:00'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'not a time zone (an IANA name such as Europe/Berlin)')
      .optional()
      .describe("Default: the server's time zone"),
    filters: filtersSchema.default({}),
    kpis: z.array(kpiId).min(1).max(100).optional(),
    by: z.enum(dimensionNames as [Dimension, ...Dimension[]]).optional(),
    grain: z.enum(grains).optional(),
    compare: z.enum(['previous', 'last_year']).optional(),
    organisation: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
  .refine((s) => s.recipients.length > 0 || s.folder !== undefined, {
    path: ['recipients'],
    message: 'give at least one recipient or a folder',
  });
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

/** The report a subscription renders, as lib/report takes it (without its format). */
export interface SubscribedReport {
  filters: Filters;
  kpis?: string[];
  by?: Dimension;
  grain?: Grain;
  compare?: 'previous' | 'last_year';
  organisation?: string;
}

export type DeliveryStatus = 'sent' | 'retrying' | 'failed';

/** A type, not an interface, so it fits Database row generics. */
export type Subscription = {
  id: string;
  name: string | null;
  format: SubscriptionFormat;
  recipients: string[];
  /** Absolute; null when the report is only mailed. */
  folder: string | null;
  /** Canonical: "weekly mon 07:00". */
  cadence: string;
  /** In words: "every Monday at 07:00 (Europe/Berlin)". */
  cadenceText: string;
  timeZone: string;
  report: SubscribedReport;
  /** The next regular run (ISO instant). */
  nextRunAt: string;
  /** A failed run's next attempt, before the next regular run; null when none is pending. */
  retryAt: string | null;
  /** Failed attempts of the current run so far (0 when none is pending). */
  attempts: number;
  lastRunAt: string | null;
  lastStatus: DeliveryStatus | null;
  lastError: string | null;
  createdAt: string;
  createdBy: string | null;
};

/** A subscription refused, with every problem found by field. */
export class SubscriptionValidationError extends OrderlensError {
  constructor(problems: readonly Problem[]) {
    super(
      `The subscription is not valid:\n${problems.map(lineOf).join('\n')}`,
      'invalid_subscription',
      problems,
    );
  }
}

export class SubscriptionNotFoundError extends OrderlensError {
  constructor(id: string) {
    super(`There is no subscription "${id.slice(0, 80)}".`, 'subscription_not_found');
  }
}

interface Creation {
  /** Who subscribed (the audit log has it too; the page shows it). */
  by: string;
  now: Date;
  /** Folders a subscription's folder must lie in; the first takes relative names. */
  deliveryDirs: string[];
}

/** Validate, place the first run, and store. */
export async function createSubscription(
  db: Database,
  input: unknown,
  creation: Creation,
): Promise<Subscription> {
  const parsed = subscriptionInputSchema.safeParse(input);
  if (!parsed.success)
    throw new SubscriptionValidationError(
      problemsOfZod(parsed.error, { root: '(subscription)', brackets: true }),
    );
  const s = parsed.data;
  const cadence = parseCadence(s.cadence);
  for (const id of s.kpis ?? []) getKpi(id); // an unknown KPI is refused now, not at 07:00
  const folder = s.folder === undefined ? null : deliveryFolder(s.folder, creation.deliveryDirs);
  const timeZone = s.timeZone ?? serverTimeZone();
  const report: SubscribedReport = {
    filters: s.filters,
    ...(s.kpis ? { kpis: s.kpis } : {}),
    ...(s.by ? { by: s.by } : {}),
    ...(s.grain ? { grain: s.grain } : {}),
    ...(s.compare ? { compare: s.compare } : {}),
    ...(s.organisation ? { organisation: s.organisation } : {}),
  };
  const id = newId();
  await db.transaction((tx) =>
    tx.run(
      `INSERT INTO report_subscriptions (subscription_id, name, format, report_options, recipients,
         folder, cadence, time_zone, next_run_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::TIMESTAMP, $10::TIMESTAMP, $11)`,
      [
        id,
        s.name ?? null,
        s.format,
        JSON.stringify(report),
        JSON.stringify(unique(s.recipients)),
        folder,
        formatCadence(cadence),
        timeZone,
        sqlTimestamp(nextRunAfter(cadence, timeZone, creation.now)),
        sqlTimestamp(creation.now),
        creation.by,
      ],
    ),
  );
  return (await getSubscription(db, id))!;
}

/** Twelve hex digits: short enough to type in `orderlens subscriptions remove ID`. */
export const newId = () => randomUUID().replace(/-/g, '').slice(0, 12);

const unique = (list: string[]) => [...new Set(list.map((a) => a.trim()))];

/**
 * The absolute folder a subscription writes to: a relative name lies under the first allowed
 * folder (the exports folder); whatever is given must resolve inside one of them, so a
 * subscription cannot make the server write anywhere else on its disk.
 */
export function deliveryFolder(folder: string, deliveryDirs: string[]): string {
  const resolved = path.resolve(deliveryDirs[0]!, folder);
  if (!deliveryDirs.some((root) => isInside(resolved, root)))
    throw new SubscriptionValidationError([
      {
        path: 'folder',
        message:
          'must lie in the exports folder or a folder listed in ORDERLENS_DELIVERY_DIRS (a relative name is taken under the exports folder)',
      },
    ]);
  return resolved;
}

export function isInside(file: string, root: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const columns = `subscription_id AS id, name, format, report_options, recipients, folder, cadence,
  time_zone AS "timeZone", next_run_at, retry_at, attempts, last_run_at,
  last_status AS "lastStatus", last_error AS "lastError", created_at, created_by AS "createdBy"`;

type StoredRow = Record<string, unknown> & {
  id: string;
  name: string | null;
  format: SubscriptionFormat;
  report_options: string;
  recipients: string;
  folder: string | null;
  cadence: string;
  timeZone: string;
  attempts: number;
  lastStatus: DeliveryStatus | null;
  lastError: string | null;
  createdBy: string | null;
};

function subscriptionOf(row: StoredRow): Subscription {
  const iso = (value: unknown) => instantOf(value)?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    recipients: JSON.parse(row.recipients) as string[],
    folder: row.folder,
    cadence: row.cadence,
    cadenceText: describeCadence(parseCadence(row.cadence), row.timeZone),
    timeZone: row.timeZone,
    report: JSON.parse(row.report_options) as SubscribedReport,
    nextRunAt: iso(row.next_run_at)!,
    retryAt: iso(row.retry_at),
    attempts: row.attempts,
    lastRunAt: iso(row.last_run_at),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: iso(row.created_at)!,
    createdBy: row.createdBy,
  };
}

export async function listSubscriptions(db: Database): Promise<Subscription[]> {
  const rows = await db.read<StoredRow>(
    `SELECT ${columns} FROM report_subscriptions ORDER BY created_at, subscription_id`,
  );
  return rows.map(subscriptionOf);
}

export async function getSubscription(db: Database, id: string): Promise<Subscription | undefined> {
  const [row] = await db.read<StoredRow>(
    `SELECT ${columns} FROM report_subscriptions WHERE subscription_id = $1`,
    [id],
  );
  return row && subscriptionOf(row);
}

/** Subscriptions whose regular run or retry is due at `now`. */
export async function dueSubscriptions(db: Database, now: Date): Promise<Subscription[]> {
  const rows = await db.read<StoredRow>(
    `SELECT ${columns} FROM report_subscriptions
     WHERE next_run_at <= $1::TIMESTAMP OR retry_at <= $1::TIMESTAMP
     ORDER BY least(next_run_at, coalesce(retry_at, next_run_at)), subscription_id`,
    [sqlTimestamp(now)],
  );
  return rows.map(subscriptionOf);
}

/** Remove a subscription; its delivery history stays for the record. */
export async function removeSubscription(db: Database, id: string): Promise<Subscription> {
  const existing = await getSubscription(db, id);
  if (!existing) throw new SubscriptionNotFoundError(id);
  await db.transaction((tx) =>
    tx.run('DELETE FROM report_subscriptions WHERE subscription_id = $1', [id]),
  );
  return existing;
}

export const cadenceOf = (s: Pick<Subscription, 'cadence'>): Cadence => parseCadence(s.cadence);
