import 'server-only';
/**
 * Checking alert rules against the data: after each committed load and on the scheduler's tick.
 * A rule reads the last complete month (one that ends before the data's horizon) and the month
 * before it, through the scorecard, so its values, targets and band placements are the ones the
 * app shows. A firing is recorded and mailed once; the rule re-arms only when a check finds its
 * condition cleared. A check that cannot decide (no data, no target, a value not measured) leaves
 * the rule as it was.
 */
import { DateTime } from 'luxon';
import type { Database } from '@/lib/db/database';
import { listTargets, targetStatus, type Target } from '@/lib/benchmarks/targets';
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import { periodLabel } from '@/lib/format/units';
import { currentDataHorizon } from '@/lib/kpi/facts';
import { comparisonRange, type Filters } from '@/lib/kpi/filters';
import { defaultReportPeriod } from '@/lib/kpi/default-period';
import { applicableTarget, scorecard, type ScorecardEntry } from '@/lib/kpi/scorecard';
import { readBranding } from '@/lib/settings/branding';
import { sqlTimestamp, type DeliveryContext } from '@/lib/delivery/context';
import { RETRY_MINUTES } from '@/lib/delivery/deliver';
import { escapeHtml, MAIL_NOT_CONFIGURED, MailError, sendMail } from '@/lib/delivery/mailer';
import { newId } from '@/lib/delivery/subscriptions';
import {
  changeAmountText,
  describeRule,
  getAlert,
  listAlertRules,
  subjectOf,
  type Alert,
  type AlertDeliveryStatus,
  type AlertRule,
} from './rules';

/** A month of the data: its first and last day. */
interface Month {
  period: string;
  from: string;
  to: string;
}

export interface RuleCheck {
  /** Triggered: the condition holds; clear: it does not; unknown: the data cannot say. */
  state: 'triggered' | 'clear' | 'unknown';
  period: string | null;
  value: number | null;
  previousValue: number | null;
  /** Short, for a mail's subject: "Order fill rate missed its target in Feb 2024". */
  headline: string;
  /** What the check found, with the values. */
  message: string;
  /** Why the check could not decide. */
  note: string | null;
}

/** The last complete month before the horizon and the one before it; null without data. */
export function lastCompleteMonths(
  horizon: string | null,
): { last: Month; previous: Month } | null {
  // The same month a report opens on, so an alert and the next report agree.
  const last = defaultReportPeriod(horizon, 'month');
  if (!last) return null;
  const before = comparisonRange({ from: last.from, to: last.to }, 'previous')!;
  return {
    last: { period: last.from, from: last.from, to: last.to },
    previous: { period: before.from!, from: before.from!, to: before.to! },
  };
}

const monthText = (m: Month) => periodLabel(m.period, 'month');

/** Measured (or not said otherwise): the only values the product places in a band. */
const measured = (entry: ScorecardEntry) => entry.basis === 'measured' || entry.basis === undefined;

/** Check one rule against the data as committed now. */
export async function checkRule(db: Database, rule: AlertRule): Promise<RuleCheck> {
  const months = lastCompleteMonths(await currentDataHorizon(db));
  const unknown = (note: string, period: string | null = null): RuleCheck => ({
    state: 'unknown',
    period,
    value: null,
    previousValue: null,
    headline: '',
    message: '',
    note,
  });
  if (!months) return unknown('no data is loaded');
  const { last, previous } = months;
  const segment: Filters =
    rule.dimension && rule.segment ? { [rule.dimension]: [rule.segment] } : {};
  const entryOf = async (m: Month) =>
    (
      await scorecard(db, { filters: { ...segment, from: m.from, to: m.to }, details: false }, [
        rule.kpi,
      ])
    )[0]!;
  const now = await entryOf(last);
  if (!now.available || now.value === null)
    return unknown(now.unavailableReason ?? `no value in ${monthText(last)}`, last.period);
  const subject = subjectOf(rule);
  const shown = (v: number | null) => formatKpiValue(v, now.unit);

  if (rule.when === 'target') {
    const target = segmentTarget(await listTargets(db, rule.kpi), rule, last) ?? now.target?.target;
    if (!target) return unknown('the KPI has no target for this scope', last.period);
    const status = targetStatus(now.value, target, now.direction);
    const missed = status !== 'on_track';
    return {
      state: missed ? 'triggered' : 'clear',
      period: last.period,
      value: now.value,
      previousValue: null,
      headline: `${subject} missed its target in ${monthText(last)}`,
      message: missed
        ? `${subject} was ${shown(now.value)} in ${monthText(last)}, missing its target of ${shown(target.value)} (${status === 'at_risk' ? 'at risk' : 'off track'}).`
        : `${subject} was ${shown(now.value)} in ${monthText(last)}, meeting its target of ${shown(target.value)}.`,
      note: null,
    };
  }

  const before = await entryOf(previous);
  if (rule.when === 'band') {
    // The product's first principle: an assumed or partial value is never placed in a band.
    if (!measured(now) || !measured(before))
      return unknown(
        'the value rests on assumed or missing data, so it is not placed in a band',
        last.period,
      );
    const moves = now.placements.flatMap((p) => {
      const was = before.placements.find((b) => b.source.setId === p.source.setId);
      return was ? [{ now: p, was }] : [];
    });
    if (!moves.length)
      return unknown('no benchmark band set places this value in both months', last.period);
    const worse = moves.find((m) => m.now.rank > m.was.rank);
    const shownMove = worse ?? moves[0]!;
    return {
      state: worse ? 'triggered' : 'clear',
      period: last.period,
      value: now.value,
      previousValue: before.value,
      headline: `${subject} fell into a worse benchmark band in ${monthText(last)}`,
      message: worse
        ? `${subject} fell from the band "${worse.was.band}" in ${monthText(previous)} (${shown(before.value)}) to "${worse.now.band}" in ${monthText(last)} (${shown(now.value)}), in ${worse.now.source.name}.`
        : `${subject} is in the band "${shownMove.now.band}" in ${monthText(last)}, no worse than in ${monthText(previous)}.`,
      note: null,
    };
  }

  if (before.value === null || !before.available)
    return unknown(`no value in ${monthText(previous)} to compare with`, last.period);
  const change = now.value - before.value;
  const worsening = now.direction === 'higher' ? -change : change;
  const size = rule.direction === 'worse' ? worsening : Math.abs(change);
  // Float noise must not fire a rule exactly at its limit (96.0 − 94.0 = 2.0000000000000004).
  const fired = size > (rule.by ?? 0) + 1e-9;
  const amount = changeAmountText(rule.by ?? 0, now.unit);
  return {
    state: fired ? 'triggered' : 'clear',
    period: last.period,
    value: now.value,
    previousValue: before.value,
    headline: `${subject} ${rule.direction === 'worse' ? 'got worse' : 'changed'} by ${formatKpiChange(change, now.unit)} in ${monthText(last)}`,
    message: `${subject} went from ${shown(before.value)} in ${monthText(previous)} to ${shown(now.value)} in ${monthText(last)} (${formatKpiChange(change, now.unit)}), ${fired ? 'more' : 'not more'} than the ${amount} the rule allows.`,
    note: null,
  };
}

/** A target set for the rule's segment and covering the month, else one for all its periods. */
function segmentTarget(targets: Target[], rule: AlertRule, month: Month): Target | undefined {
  if (!rule.dimension) return applicableTarget(targets, month.from, month.to);
  const own = targets.filter((t) => t.dimension === rule.dimension && t.segment === rule.segment);
  const covers = (t: Target) => (!t.from || t.from <= month.from) && (!t.to || t.to >= month.to);
  return (
    own.filter((t) => (t.from || t.to) && covers(t)).at(-1) ?? own.find((t) => !t.from && !t.to)
  );
}

export interface Evaluation {
  checked: number;
  /** Alerts raised by this evaluation. */
  fired: Alert[];
}

/** The evaluation last begun, kept with the database (one per process, whichever bundle asks). */
const runningOf = (db: Database) =>
  db.shared('alert-evaluation', () => ({ last: undefined as Promise<unknown> | undefined }));

/**
 * Check every rule, record and mail what fires. Evaluations of one database run one after the
 * other (a load's and the tick's may ask at once), so a rule cannot fire twice for one slip.
 */
export function evaluateAlertRules(
  db: Database,
  context: DeliveryContext,
  /** Start only once this has settled too (a load's commit). */
  after?: Promise<unknown>,
): Promise<Evaluation> {
  const previous = runningOf(db).last ?? Promise.resolve();
  const next = Promise.all([previous.catch(() => undefined), after?.catch(() => undefined)]).then(
    () => evaluateNow(db, context),
  );
  runningOf(db).last = next;
  return next;
}

/** Resolves once the evaluations asked for so far have finished (tests, shutdown). */
export async function alertEvaluationsSettled(db: Database): Promise<void> {
  for (;;) {
    const current = runningOf(db).last;
    await current?.catch(() => undefined);
    if (runningOf(db).last === current) return;
  }
}

async function evaluateNow(db: Database, context: DeliveryContext): Promise<Evaluation> {
  const fired: Alert[] = [];
  const rules = await listAlertRules(db);
  for (const rule of rules) {
    let check: RuleCheck;
    try {
      check = await checkRule(db, rule);
    } catch (error) {
      // One rule's failure (a KPI no longer in the catalogue) must not keep the others unchecked.
      check = {
        state: 'unknown',
        period: null,
        value: null,
        previousValue: null,
        headline: '',
        message: '',
        note: `the check failed: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          300,
        ),
      };
    }
    if (unchanged(rule, check, context.now())) continue;
    const alertId = await recordCheck(db, rule, check, context);
    if (!alertId) continue;
    const alert = (await getAlert(db, alertId))!;
    await context.audit({
      action: 'alerts.trigger',
      outcome: 'ok',
      target: `rule ${rule.id}: ${rule.kpi}`,
      detail: check.message,
    });
    fired.push(await sendAlert(db, alert, context));
  }
  return { checked: rules.length, fired };
}

/** How long a check that finds what the last one found may go unrecorded. */
const RECHECK_RECORDED_EVERY_MS = 60 * 60_000;

/**
 * Whether the check found what the rule already records, recently enough: then nothing is
 * written. Every write invalidates the database's per-request memos (targets, band sets), and the
 * tick checks every rule each 45 seconds.
 */
function unchanged(rule: AlertRule, check: RuleCheck, now: Date): boolean {
  const fires = check.state === 'triggered' && rule.state === 'armed';
  const rearms = check.state === 'clear' && rule.state === 'triggered';
  return (
    !fires &&
    !rearms &&
    rule.lastResult === check.state &&
    rule.lastPeriod === check.period &&
    rule.lastValue === check.value &&
    rule.lastNote === check.note &&
    rule.lastCheckedAt !== null &&
    now.getTime() - Date.parse(rule.lastCheckedAt) < RECHECK_RECORDED_EVERY_MS
  );
}

/** Store the check on its rule; when it fires an armed rule, record the alert. Its id, if so. */
async function recordCheck(
  db: Database,
  rule: AlertRule,
  check: RuleCheck,
  context: DeliveryContext,
): Promise<string | null> {
  const now = context.now();
  return db.transaction(async (tx) => {
    // Read again inside the writer: the rule may have been removed or fired since it was listed.
    const [row] = await tx.all<{ armed: boolean }>(
      'SELECT armed FROM alert_rules WHERE rule_id = $1',
      [rule.id],
    );
    if (!row) return null;
    const fires = check.state === 'triggered' && row.armed;
    const armed = check.state === 'unknown' ? row.armed : check.state === 'clear';
    await tx.run(
      `UPDATE alert_rules SET armed = $2, last_state = $3, last_checked_at = $4::TIMESTAMP,
         last_period = $5, last_value = $6, last_note = $7
       WHERE rule_id = $1`,
      [rule.id, armed, check.state, sqlTimestamp(now), check.period, check.value, check.note],
    );
    if (!fires) return null;
    const id = newId();
    await tx.run(
      `INSERT INTO alerts (alert_id, rule_id, kpi_id, rule_text, headline, message, period, value,
         previous_value, link, recipients, triggered_at, delivery_status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::TIMESTAMP, 'pending')`,
      [
        id,
        rule.id,
        rule.kpi,
        describeRule(rule),
        check.headline,
        check.message,
        check.period,
        check.value,
        check.previousValue,
        kpiLink(context.publicUrl, rule, check.period),
        JSON.stringify(rule.recipients),
        sqlTimestamp(now),
      ],
    );
    return id;
  });
}

/** The KPI's page for the month and segment the alert is about. */
function kpiLink(publicUrl: string, rule: AlertRule, period: string | null): string {
  const query = new URLSearchParams();
  if (period) {
    const first = DateTime.fromISO(period, { zone: 'utc' });
    query.set('from', period);
    query.set('to', first.endOf('month').toISODate()!);
  }
  if (rule.dimension && rule.segment) query.set(rule.dimension, rule.segment);
  const search = query.toString();
  return `${publicUrl}/kpis/${encodeURIComponent(rule.kpi)}${search ? `?${search}` : ''}`;
}

/**
 * Mail an alert to its recipients and store how that went. Without recipients or mail settings
 * the alert is only listed, and says so. A failed send is retried after 1, 5 and 30 minutes.
 */
export async function sendAlert(
  db: Database,
  alert: Alert,
  context: DeliveryContext,
): Promise<Alert> {
  let status: AlertDeliveryStatus;
  let error: string | null = null;
  let attempts = alert.delivery.attempts;
  let retryAt: Date | null = null;
  if (!alert.recipients.length) status = 'no_recipients';
  else if (!context.mail.smtpUrl) {
    status = 'not_configured';
    error = MAIL_NOT_CONFIGURED;
  } else {
    attempts += 1;
    try {
      await sendMail(context.mail, await alertMail(db, alert));
      status = 'sent';
    } catch (e) {
      error = e instanceof MailError ? e.message : String(e);
      const retry = attempts <= RETRY_MINUTES.length;
      status = retry ? 'retrying' : 'failed';
      if (retry)
        retryAt = new Date(context.now().getTime() + RETRY_MINUTES[attempts - 1]! * 60_000);
    }
    if (status !== 'sent' || attempts > 1)
      await context.audit({
        action: 'alerts.trigger',
        outcome: status === 'sent' ? 'ok' : 'failed',
        target: `alert ${alert.id}: ${alert.kpi}`,
        detail: `mail attempt ${attempts} to ${alert.recipients.join(', ')}: ${status}${error ? ` (${error})` : ''}${retryAt ? `; retry at ${retryAt.toISOString()}` : ''}`,
      });
  }
  await db.transaction((tx) =>
    tx.run(
      `UPDATE alerts SET delivery_status = $2, delivery_error = $3, delivery_attempts = $4,
         retry_at = $5::TIMESTAMP WHERE alert_id = $1`,
      [alert.id, status, error, attempts, retryAt ? sqlTimestamp(retryAt) : null],
    ),
  );
  return (await getAlert(db, alert.id))!;
}

/** Send again the alerts whose mail failed and whose retry is due. */
export async function retryAlertMail(db: Database, context: DeliveryContext): Promise<Alert[]> {
  const due = await db.read<{ id: string }>(
    `SELECT alert_id AS id FROM alerts WHERE delivery_status = 'retrying' AND retry_at <= $1::TIMESTAMP
     ORDER BY retry_at`,
    [sqlTimestamp(context.now())],
  );
  const sent: Alert[] = [];
  for (const { id } of due) {
    const alert = await getAlert(db, id);
    if (alert) sent.push(await sendAlert(db, alert, context));
  }
  return sent;
}

/** The alert's mail: what happened, the rule in words, and a link to the KPI. */
async function alertMail(db: Database, alert: Alert) {
  const { organisation } = await readBranding(db);
  const inbox = alert.about === 'inbox';
  const open = inbox ? 'Open the inbox' : 'Open the KPI';
  const after = inbox
    ? 'The alert stays listed in Orderlens until someone acknowledges it. The file waits in the failed folder of the inbox, with a note saying why.'
    : 'The alert stays listed in Orderlens until someone acknowledges it. The rule fires again only after its condition has cleared.';
  const lines = [alert.message, '', `Rule: ${alert.rule}.`, `${open}: ${alert.link}`, '', after];
  const html = [
    `<p>${escapeHtml(alert.message)}</p>`,
    `<p>Rule: ${escapeHtml(alert.rule)}.<br><a href="${escapeHtml(alert.link)}">${open} in Orderlens</a></p>`,
    `<p style="color:#666;font-size:small">${escapeHtml(after)}</p>`,
  ].join('\n');
  return {
    to: alert.recipients,
    subject: `${organisation}: ${inbox ? 'inbox alert' : 'KPI alert'}, ${alert.headline}`,
    text: lines.join('\n'),
    html,
  };
}
