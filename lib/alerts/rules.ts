import 'server-only';
/**
 * Alert rules and the alerts they raise. A rule watches one KPI, for the whole data or one
 * segment (a dimension's value), and fires when the last complete month misses the KPI's target,
 * falls into a worse benchmark band than the month before, or moves by more than a stated amount
 * from the month before. A rule is armed until it fires and re-armed only once its condition has
 * cleared; an alert stays listed until someone acknowledges it.
 */
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';
import { kpiUnitStyles } from '@/lib/format/kpi-value';
import { dimensionLabels } from '@/lib/format/labels';
import { getKpi } from '@/lib/kpi/engine';
import { dimensionNames, type Dimension } from '@/lib/kpi/filters';
import { kpiShape } from '@/lib/benchmarks/kpis';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { instantOf, sqlTimestamp } from '@/lib/delivery/context';
import { newId, recipientsSchema } from '@/lib/delivery/subscriptions';

export const alertKinds = ['target', 'band', 'change'] as const;
export type AlertKind = (typeof alertKinds)[number];
export const changeDirections = ['any', 'worse'] as const;
export type ChangeDirection = (typeof changeDirections)[number];

export const alertRuleInputSchema = z
  .object({
    kpi: z.string().refine((id) => !!kpiShape(id), 'not a KPI id of the catalogue'),
    when: z.enum(alertKinds),
    /** change: the amount in the KPI's unit (percentage points for a rate). */
    by: z.number({ error: 'must be a number' }).positive('must be more than 0').optional(),
    /** change: any direction, or only a change for the worse (the KPI's direction). */
    direction: z.enum(changeDirections).optional(),
    dimension: z.enum(dimensionNames as [Dimension, ...Dimension[]]).optional(),
    segment: z.string().trim().min(1).max(200).optional(),
    recipients: recipientsSchema.default([]),
  })
  .strict()
  .refine((r) => r.when !== 'change' || r.by !== undefined, {
    path: ['by'],
    message: 'a change rule needs the amount (e.g. 2 for 2 percentage points)',
  })
  .refine((r) => r.when === 'change' || (r.by === undefined && r.direction === undefined), {
    path: ['by'],
    message: 'only a change rule takes an amount and a direction',
  })
  .refine((r) => (r.dimension === undefined) === (r.segment === undefined), {
    path: ['segment'],
    message: 'a segment needs both its dimension and its value (e.g. site = DC1)',
  });
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;

export type RuleState = 'armed' | 'triggered';

/** A type, not an interface, so it fits Database row generics. */
export type AlertRule = {
  id: string;
  kpi: string;
  kpiName: string;
  when: AlertKind;
  by: number | null;
  direction: ChangeDirection;
  dimension: Dimension | null;
  segment: string | null;
  recipients: string[];
  /** The rule in words: "Order fill rate for site DC1 misses its target". */
  description: string;
  /** Triggered: it fired and waits for its condition to clear before it can fire again. */
  state: RuleState;
  /** What the last check found; unknown when the data could not say (lastNote says why). */
  lastResult: 'triggered' | 'clear' | 'unknown' | null;
  /** The last check: when, the month it read, the value, and why it could not decide if so. */
  lastCheckedAt: string | null;
  lastPeriod: string | null;
  lastValue: number | null;
  lastNote: string | null;
  createdAt: string;
  createdBy: string | null;
};

export type AlertDeliveryStatus =
  'pending' | 'sent' | 'retrying' | 'failed' | 'not_configured' | 'no_recipients';

/** The rule id of alerts raised by the inbox for a file it could not load (no KPI rule). */
export const INBOX_RULE_ID = 'inbox';

export type Alert = {
  id: string;
  ruleId: string;
  /** What the alert is about: a KPI's rule, or a file of the inbox. */
  about: 'kpi' | 'inbox';
  kpi: string;
  kpiName: string;
  /** The rule in words, as it read when the alert fired. */
  rule: string;
  /** What happened, short: "Order shipment cycle time missed its target in Feb 2024". */
  headline: string;
  /** What happened, with the values and the month. */
  message: string;
  /** The month the alert is about (its first day). */
  period: string | null;
  value: number | null;
  previousValue: number | null;
  unit: KpiUnit;
  link: string;
  recipients: string[];
  triggeredAt: string;
  delivery: { status: AlertDeliveryStatus; error: string | null; attempts: number };
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export class AlertRuleValidationError extends OrderlensError {
  constructor(problems: readonly Problem[]) {
    super(
      `The alert rule is not valid:\n${problems.map(lineOf).join('\n')}`,
      'invalid_alert_rule',
      problems,
    );
  }
}

export class AlertRuleNotFoundError extends OrderlensError {
  constructor(id: string) {
    super(`There is no alert rule "${id.slice(0, 80)}".`, 'alert_rule_not_found');
  }
}

export class AlertNotFoundError extends OrderlensError {
  constructor(id: string) {
    super(`There is no alert "${id.slice(0, 80)}".`, 'alert_not_found');
  }
}

export async function createAlertRule(
  db: Database,
  input: unknown,
  creation: { by: string; now: Date },
): Promise<AlertRule> {
  const parsed = alertRuleInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AlertRuleValidationError(
      problemsOfZod(parsed.error, { root: '(rule)', brackets: true }),
    );
  const r = parsed.data;
  const id = newId();
  await db.transaction((tx) =>
    tx.run(
      `INSERT INTO alert_rules (rule_id, kpi_id, kind, amount, change_direction, dimension, segment,
         recipients, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::TIMESTAMP, $10)`,
      [
        id,
        r.kpi,
        r.when,
        r.by ?? null,
        r.direction ?? 'any',
        r.dimension ?? null,
        r.segment ?? null,
        JSON.stringify([...new Set(r.recipients)]),
        sqlTimestamp(creation.now),
        creation.by,
      ],
    ),
  );
  return (await getAlertRule(db, id))!;
}

const ruleColumns = `rule_id AS id, kpi_id AS kpi, kind AS "when", amount AS "by",
  change_direction AS direction, dimension, segment, recipients, armed,
  last_state AS "lastResult", last_checked_at,
  last_period AS "lastPeriod", last_value AS "lastValue", last_note AS "lastNote", created_at,
  created_by AS "createdBy"`;

type RuleRow = Record<string, unknown> &
  Omit<AlertRule, 'recipients' | 'kpiName' | 'description' | 'state'> & {
    recipients: string;
    armed: boolean;
  };

function ruleOf(row: RuleRow): AlertRule {
  const { armed, last_checked_at, created_at, recipients, ...rest } = row;
  const rule = {
    id: rest.id,
    kpi: rest.kpi,
    when: rest.when,
    by: rest.by,
    direction: rest.direction,
    dimension: rest.dimension,
    segment: rest.segment,
  };
  return {
    ...rule,
    kpiName: kpiNameOf(rule.kpi),
    recipients: JSON.parse(recipients) as string[],
    description: describeRule(rule),
    state: armed ? 'armed' : 'triggered',
    lastResult: rest.lastResult,
    lastCheckedAt: instantOf(last_checked_at)?.toISOString() ?? null,
    lastPeriod: rest.lastPeriod,
    lastValue: rest.lastValue,
    lastNote: rest.lastNote,
    createdAt: instantOf(created_at)!.toISOString(),
    createdBy: rest.createdBy,
  };
}

/** The KPI's name; a KPI no longer in the catalogue keeps its id. */
export function kpiNameOf(id: string): string {
  try {
    return getKpi(id).name;
  } catch {
    return id;
  }
}

export function unitOf(id: string): KpiUnit {
  return kpiShape(id)?.unit ?? 'percent';
}

type RuleWords = Pick<AlertRule, 'kpi' | 'when' | 'by' | 'direction' | 'dimension' | 'segment'>;

/** "Order fill rate for site DC1", the KPI and its segment. */
export function subjectOf(rule: Pick<AlertRule, 'kpi' | 'dimension' | 'segment'>): string {
  const segment =
    rule.dimension && rule.segment
      ? ` for ${dimensionLabels[rule.dimension].toLowerCase()} ${rule.segment}`
      : '';
  return `${kpiNameOf(rule.kpi)}${segment}`;
}

/** The rule in words, as the alerts list and the mail state it. */
export function describeRule(rule: RuleWords): string {
  const subject = subjectOf(rule);
  switch (rule.when) {
    case 'target':
      return `${subject} misses its target in a complete month`;
    case 'band':
      return `${subject} falls into a worse benchmark band than the month before (measured values only)`;
    case 'change': {
      const amount = changeAmountText(rule.by ?? 0, unitOf(rule.kpi));
      return rule.direction === 'worse'
        ? `${subject} gets worse by more than ${amount} from one complete month to the next`
        : `${subject} changes by more than ${amount} from one complete month to the next`;
    }
  }
}

/** An amount of change in the KPI's unit: "2 percentage points", "4.5 h". */
export function changeAmountText(amount: number, unit: KpiUnit): string {
  if (unit === 'percent') return `${amount} percentage point${amount === 1 ? '' : 's'}`;
  return `${amount}${kpiUnitStyles[unit].changeSuffix}`;
}

export async function listAlertRules(db: Database): Promise<AlertRule[]> {
  const rows = await db.read<RuleRow>(
    `SELECT ${ruleColumns} FROM alert_rules ORDER BY created_at, rule_id`,
  );
  return rows.map(ruleOf);
}

export async function getAlertRule(db: Database, id: string): Promise<AlertRule | undefined> {
  const [row] = await db.read<RuleRow>(
    `SELECT ${ruleColumns} FROM alert_rules WHERE rule_id = $1`,
    [id],
  );
  return row && ruleOf(row);
}

/** Remove a rule; the alerts it raised stay listed (with its words) until acknowledged. */
export async function removeAlertRule(db: Database, id: string): Promise<AlertRule> {
  const rule = await getAlertRule(db, id);
  if (!rule) throw new AlertRuleNotFoundError(id);
  await db.transaction((tx) => tx.run('DELETE FROM alert_rules WHERE rule_id = $1', [id]));
  return rule;
}

const alertColumns = `alert_id AS id, rule_id AS "ruleId", kpi_id AS kpi, rule_text AS rule, headline, message,
  period, value, previous_value AS "previousValue", link, recipients, triggered_at,
  delivery_status, delivery_error, delivery_attempts, acknowledged_at,
  acknowledged_by AS "acknowledgedBy"`;

type AlertRow = Record<string, unknown> &
  Pick<
    Alert,
    | 'id'
    | 'ruleId'
    | 'kpi'
    | 'rule'
    | 'headline'
    | 'message'
    | 'period'
    | 'value'
    | 'previousValue'
    | 'link'
    | 'acknowledgedBy'
  > & {
    recipients: string;
    delivery_status: AlertDeliveryStatus;
    delivery_error: string | null;
    delivery_attempts: number;
  };

function alertOf(row: AlertRow): Alert {
  return {
    id: row.id,
    ruleId: row.ruleId,
    about: row.ruleId === INBOX_RULE_ID ? 'inbox' : 'kpi',
    kpi: row.kpi,
    kpiName: row.ruleId === INBOX_RULE_ID ? 'the inbox' : kpiNameOf(row.kpi),
    rule: row.rule,
    headline: row.headline,
    message: row.message,
    period: row.period,
    value: row.value,
    previousValue: row.previousValue,
    unit: unitOf(row.kpi),
    link: row.link,
    recipients: JSON.parse(row.recipients) as string[],
    triggeredAt: instantOf(row.triggered_at)!.toISOString(),
    delivery: {
      status: row.delivery_status,
      error: row.delivery_error,
      attempts: row.delivery_attempts,
    },
    acknowledgedAt: instantOf(row.acknowledged_at)?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
  };
}

/** The alerts not yet acknowledged (or, with `all`, every alert), newest first. */
export async function listAlerts(
  db: Database,
  options: { all?: boolean; limit?: number } = {},
): Promise<Alert[]> {
  const rows = await db.read<AlertRow>(
    `SELECT ${alertColumns} FROM alerts WHERE $1 OR acknowledged_at IS NULL
     ORDER BY triggered_at DESC, alert_no DESC LIMIT $2`,
    [options.all === true, options.limit ?? 200],
  );
  return rows.map(alertOf);
}

export async function getAlert(db: Database, id: string): Promise<Alert | undefined> {
  const [row] = await db.read<AlertRow>(`SELECT ${alertColumns} FROM alerts WHERE alert_id = $1`, [
    id,
  ]);
  return row && alertOf(row);
}

/** Acknowledge an alert: it leaves the list. Acknowledging it again changes nothing. */
export async function acknowledgeAlert(
  db: Database,
  id: string,
  by: string,
  now: Date,
): Promise<Alert> {
  const alert = await getAlert(db, id);
  if (!alert) throw new AlertNotFoundError(id);
  if (alert.acknowledgedAt) return alert;
  await db.transaction((tx) =>
    tx.run(
      `UPDATE alerts SET acknowledged_at = $2::TIMESTAMP, acknowledged_by = $3
       WHERE alert_id = $1 AND acknowledged_at IS NULL`,
      [id, sqlTimestamp(now), by],
    ),
  );
  return (await getAlert(db, id))!;
}
