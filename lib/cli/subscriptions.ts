import 'server-only';
/**
 * orderlens subscriptions: reports sent on a schedule. add, list, remove, and run (what is due
 * now, for an installation that drives deliveries from cron rather than the server; with --now,
 * every subscription at once, for a trial).
 */
import { DateTime } from 'luxon';
import { LOCAL_IDENTITY } from '@/lib/auth/access';
import { countUsers } from '@/lib/auth/users';
import { cliCredentials } from '@/lib/config';
import type { Database } from '@/lib/db/database';
import { deliveryContext } from '@/lib/delivery/context';
import {
  runAllSubscriptionsNow,
  runDueSubscriptions,
  runSubscriptionNow,
  type DeliveryOutcome,
} from '@/lib/delivery/deliver';
import {
  createSubscription,
  listSubscriptions,
  removeSubscription,
  type Subscription,
} from '@/lib/delivery/subscriptions';
import { lineOf, OrderlensError } from '@/lib/errors';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';
import { kpiQueryFlags, kpiQueryFromFlags } from './kpis';

/** Input fields named by the flag the user typed, for a usage error that points at the flag. */
const FLAG_OF: Record<string, string> = {
  recipients: 'to',
  timeZone: 'tz',
  organisation: 'org',
  'filters.from': 'from',
  'filters.to': 'until',
};

export async function subscriptionsCommand(args: string[], io: Io): Promise<number> {
  const [action = 'list', ...rest] = args[0]?.startsWith('-') ? ['list', ...args] : args;
  switch (action) {
    case 'add':
      return addSubscription(rest, io);
    case 'list':
      return listCommand(rest, io);
    case 'remove':
      return removeCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    default:
      throw new UsageError('subscriptions takes add, list, remove or run.');
  }
}

async function addSubscription(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...kpiQueryFlags,
    // --to names the recipients here; the report's last day is --until.
    to: { type: 'string' },
    until: { type: 'string' },
    format: { type: 'string' },
    cadence: { type: 'string' },
    tz: { type: 'string' },
    folder: { type: 'string' },
    name: { type: 'string' },
    by: { type: 'string' },
    grain: { type: 'string' },
    compare: { type: 'string' },
    org: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('subscriptions add takes flags only.');
  if (!values.format) throw new UsageError('subscriptions add needs --format pdf|pptx|xlsx.');
  if (!values.cadence)
    throw new UsageError('subscriptions add needs --cadence, e.g. --cadence "weekly mon 07:00".');
  if (!values.to && !values.folder)
    throw new UsageError('subscriptions add needs --to EMAIL[,EMAIL…] or --folder DIR.');
  const { filters, ids } = kpiQueryFromFlags({ ...values, to: values.until });
  const input = defined({
    name: values.name,
    format: values.format,
    cadence: values.cadence,
    timeZone: values.tz,
    recipients: listOf(values.to as string | undefined),
    folder: values.folder,
    filters,
    kpis: ids,
    by: values.by,
    grain: values.grain,
    compare: values.compare,
    organisation: values.org,
  });
  const db = await openCliDatabase(values.db as string | undefined, 'export');
  const context = deliveryContext(db);
  const subscription = await createSubscription(db, input, {
    by: await cliActor(db),
    now: context.now(),
    deliveryDirs: context.deliveryDirs,
  }).catch((error: unknown) => {
    // The schema's problems and an unreadable cadence alike: each named by its flag.
    if (!(error instanceof OrderlensError) || error.code !== 'invalid_subscription') throw error;
    const lines = error.problems.map((p) => {
      const flag = p.path && (FLAG_OF[p.path] ?? FLAG_OF[p.path.replace(/\[\d+\]$/, '')] ?? p.path);
      return lineOf({ ...p, path: flag ? `--${flag.replace(/^filters\./, '')}` : undefined });
    });
    throw new UsageError(lines.join('\n'));
  });
  await auditCli(db, {
    action: 'subscriptions.add',
    outcome: 'ok',
    target: `subscription ${subscription.id}`,
    detail: `${subscription.format} ${subscription.cadence} (${subscription.timeZone}) to ${[...subscription.recipients, ...(subscription.folder ? [subscription.folder] : [])].join(', ')}`,
  });
  io.out(
    values.json
      ? JSON.stringify(subscription, null, 2)
      : `Subscription ${subscription.id}: ${subscription.format} ${subscription.cadenceText}, first run ${localTime(subscription.nextRunAt, subscription.timeZone)}.`,
  );
  return 0;
}

async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('subscriptions list takes --db and --json only.');
  const db = await openCliDatabase(values.db as string | undefined, 'export');
  const subscriptions = await listSubscriptions(db);
  if (values.json) io.out(JSON.stringify(subscriptions, null, 2));
  else if (!subscriptions.length)
    io.out(
      'No subscriptions. Add one with: orderlens subscriptions add --to EMAIL --format pdf --cadence "weekly mon 07:00"',
    );
  else io.out(subscriptions.map(describe).join('\n\n'));
  return 0;
}

function describe(s: Subscription): string {
  const last = s.lastStatus
    ? `${s.lastStatus} at ${localTime(s.lastRunAt!, s.timeZone)}${s.lastError ? `: ${s.lastError}` : ''}`
    : 'not run yet';
  const where = [...s.recipients, ...(s.folder ? [s.folder] : [])].join(', ');
  return [
    `${s.id}  ${s.format}  ${s.cadenceText}${s.name ? `  "${s.name}"` : ''}`,
    `  to: ${where}`,
    `  next run: ${localTime(s.retryAt ?? s.nextRunAt, s.timeZone)}${s.retryAt ? ' (retry)' : ''}`,
    `  last: ${last}`,
  ].join('\n');
}

async function removeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('subscriptions remove takes one ID.');
  const id = positionals[0]!;
  const db = await openCliDatabase(values.db as string | undefined, 'export');
  const removed = await removeSubscription(db, id);
  await auditCli(db, {
    action: 'subscriptions.remove',
    outcome: 'ok',
    target: `subscription ${id}`,
    detail: `${removed.format} ${removed.cadence}`,
  });
  io.out(values.json ? JSON.stringify({ removed: id }) : `Subscription ${id} removed.`);
  return 0;
}

async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    now: { type: 'boolean' },
    id: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length)
    throw new UsageError('subscriptions run takes --now, --id ID, --db and --json.');
  if (values.id && !values.now) throw new UsageError('--id goes with --now.');
  const db = await openCliDatabase(values.db as string | undefined, 'export');
  const context = deliveryContext(db, { audit: (event) => auditCli(db, event) });
  const outcomes = values.now
    ? values.id
      ? [await runSubscriptionNow(db, values.id as string, context)]
      : await runAllSubscriptionsNow(db, context)
    : await runDueSubscriptions(db, context);
  await auditCli(db, {
    action: 'subscriptions.run',
    outcome: outcomes.every((o) => o.status === 'sent') ? 'ok' : 'failed',
    target: values.id
      ? `subscription ${values.id}`
      : values.now
        ? 'every subscription'
        : 'due subscriptions',
    detail: `${outcomes.filter((o) => o.status === 'sent').length} of ${outcomes.length} sent`,
  });
  if (values.json) io.out(JSON.stringify({ deliveries: outcomes }, null, 2));
  else if (!outcomes.length) io.out(values.now ? 'No subscriptions.' : 'Nothing is due.');
  else io.out(outcomes.map(outcomeLine).join('\n'));
  return outcomes.every((o) => o.status === 'sent') ? 0 : 1;
}

function outcomeLine(o: DeliveryOutcome): string {
  const where = [
    o.sentTo.length ? `mailed to ${o.sentTo.join(', ')}` : '',
    o.writtenTo ? `written to ${o.writtenTo}` : '',
  ].filter(Boolean);
  const retry = o.retryAt ? ` (retry at ${o.retryAt})` : '';
  return `${o.subscriptionId}: ${o.status}${where.length ? `, ${where.join(', ')}` : ''}${o.error ? `: ${o.error}` : ''}${retry}`;
}

/** "2024-03-25 07:00 Europe/Berlin": a run as the subscription's own clock shows it. */
function localTime(iso: string, zone: string): string {
  return `${DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm')} ${zone}`;
}

/** A comma-separated list of e-mail addresses. */
export function listOf(text: string | undefined): string[] | undefined {
  const list = text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list?.length ? list : undefined;
}

/**
 * Who runs the command, as openCliDatabase has already checked: the local user while no user
 * exists, else the signed-in ORDERLENS_USER.
 */
export async function cliActor(db: Database): Promise<string> {
  if ((await countUsers(db)) === 0) return LOCAL_IDENTITY.username;
  return cliCredentials().username?.trim().toLowerCase() ?? LOCAL_IDENTITY.username;
}

function defined(input: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
