import 'server-only';
/**
 * orderlens alerts: rules that watch a KPI (add, list, remove), the alerts they raised (list,
 * ack), and a check of every rule now (what the server does after each load and on its tick).
 */
import { alertEvaluationsSettled, evaluateAlertRules, retryAlertMail } from '@/lib/alerts/evaluate';
import {
  acknowledgeAlert,
  AlertRuleValidationError,
  createAlertRule,
  listAlertRules,
  listAlerts,
  removeAlertRule,
  unitOf,
  type Alert,
} from '@/lib/alerts/rules';
import { deliveryContext } from '@/lib/delivery/context';
import { lineOf } from '@/lib/errors';
import { formatKpiValue } from '@/lib/format/kpi-value';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';
import { cliActor, listOf } from './subscriptions';

const FLAG_OF: Record<string, string> = {
  when: 'when',
  by: 'by',
  direction: 'direction',
  dimension: 'segment',
  segment: 'segment',
  recipients: 'to',
};

export async function alertsCommand(args: string[], io: Io): Promise<number> {
  const [action = 'list', ...rest] = args[0]?.startsWith('-') ? ['list', ...args] : args;
  switch (action) {
    case 'add':
      return addRule(rest, io);
    case 'list':
      return listCommand(rest, io);
    case 'remove':
      return removeCommand(rest, io);
    case 'ack':
      return ackCommand(rest, io);
    case 'check':
      return checkCommand(rest, io);
    default:
      throw new UsageError('alerts takes add, list, remove, ack or check.');
  }
}

async function addRule(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    kpi: { type: 'string' },
    when: { type: 'string' },
    by: { type: 'string' },
    direction: { type: 'string' },
    segment: { type: 'string' },
    to: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('alerts add takes flags only.');
  if (!values.kpi || !values.when)
    throw new UsageError('alerts add needs --kpi ID and --when target|band|change.');
  const by = values.by as string | undefined;
  if (by !== undefined && !/^\d+(\.\d+)?$/.test(by))
    throw new UsageError('--by takes a number in the KPI unit (2 for 2 percentage points).');
  const segment = values.segment as string | undefined;
  const [dimension, value] = segment?.split(/=(.*)/s) ?? [];
  if (segment !== undefined && (!dimension || !value))
    throw new UsageError('--segment takes DIMENSION=VALUE, e.g. --segment site=DC1.');
  const input = Object.fromEntries(
    Object.entries({
      kpi: values.kpi,
      when: values.when,
      by: by === undefined ? undefined : Number(by),
      direction: values.direction,
      dimension: dimension?.trim(),
      segment: value?.trim(),
      recipients: listOf(values.to as string | undefined),
    }).filter(([, v]) => v !== undefined),
  );
  const db = await openCliDatabase(values.db as string | undefined, 'targets');
  const rule = await createAlertRule(db, input, { by: await cliActor(db), now: new Date() }).catch(
    (error: unknown) => {
      if (!(error instanceof AlertRuleValidationError)) throw error;
      const lines = error.problems.map((p) => {
        const field = p.path?.replace(/\[\d+\]$/, '');
        return lineOf({ ...p, path: `--${(field && FLAG_OF[field]) ?? field ?? 'kpi'}` });
      });
      throw new UsageError(lines.join('\n'));
    },
  );
  await auditCli(db, {
    action: 'alerts.rule_add',
    outcome: 'ok',
    target: `rule ${rule.id}`,
    detail: `${rule.description}; to ${rule.recipients.join(', ') || 'nobody (listed only)'}`,
  });
  io.out(
    values.json ? JSON.stringify(rule, null, 2) : `Alert rule ${rule.id}: ${rule.description}.`,
  );
  return 0;
}

async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    all: { type: 'boolean' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('alerts list takes --all, --db and --json.');
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const [alerts, rules] = await Promise.all([
    listAlerts(db, { all: values.all === true }),
    listAlertRules(db),
  ]);
  if (values.json) {
    io.out(JSON.stringify({ alerts, rules }, null, 2));
    return 0;
  }
  io.out(
    rules.length
      ? [
          'Rules:',
          ...rules.map(
            (r) =>
              `  ${r.id}  ${r.state.padEnd(9)}  ${r.description}${r.lastNote ? ` (${r.lastNote})` : ''}`,
          ),
        ].join('\n')
      : 'No alert rules. Add one with: orderlens alerts add --kpi ID --when target --to EMAIL',
  );
  io.out(
    alerts.length
      ? [values.all ? 'Alerts:' : 'Open alerts:', ...alerts.map(alertLine)].join('\n')
      : values.all
        ? 'No alerts.'
        : 'No open alerts.',
  );
  return 0;
}

function alertLine(a: Alert): string {
  const ack = a.acknowledgedAt ? `, acknowledged by ${a.acknowledgedBy}` : '';
  return `  ${a.id}  ${a.triggeredAt.slice(0, 16).replace('T', ' ')}  ${a.message} [mail: ${a.delivery.status}${a.delivery.error ? `: ${a.delivery.error}` : ''}${ack}]`;
}

async function removeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('alerts remove takes one rule ID.');
  const id = positionals[0]!;
  const db = await openCliDatabase(values.db as string | undefined, 'targets');
  const removed = await removeAlertRule(db, id);
  await auditCli(db, {
    action: 'alerts.rule_remove',
    outcome: 'ok',
    target: `rule ${id}`,
    detail: removed.description,
  });
  io.out(values.json ? JSON.stringify({ removed: id }) : `Alert rule ${id} removed.`);
  return 0;
}

async function ackCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('alerts ack takes one alert ID.');
  const id = positionals[0]!;
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const alert = await acknowledgeAlert(db, id, await cliActor(db), new Date());
  await auditCli(db, {
    action: 'alerts.acknowledge',
    outcome: 'ok',
    target: `alert ${id}: ${alert.kpi}`,
    detail: alert.headline,
  });
  io.out(values.json ? JSON.stringify(alert, null, 2) : `Alert ${id} acknowledged.`);
  return 0;
}

async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('alerts check takes --db and --json.');
  // As POST /api/alerts/check: those who own the rules run them out of turn.
  const db = await openCliDatabase(values.db as string | undefined, 'targets');
  const context = deliveryContext(db, { audit: (event) => auditCli(db, event) });
  const evaluation = await evaluateAlertRules(db, context);
  await retryAlertMail(db, context);
  await alertEvaluationsSettled(db);
  if (values.json) {
    io.out(JSON.stringify(evaluation, null, 2));
    return 0;
  }
  const rules = await listAlertRules(db);
  io.out(
    `${evaluation.checked} rule${evaluation.checked === 1 ? '' : 's'} checked, ${evaluation.fired.length} alert${evaluation.fired.length === 1 ? '' : 's'} raised.`,
  );
  for (const a of evaluation.fired) io.out(alertLine(a));
  for (const r of rules.filter((x) => x.lastNote)) io.out(`  ${r.id}: not decided, ${r.lastNote}.`);
  for (const r of rules.filter((x) => !x.lastNote && x.lastValue !== null && x.state === 'armed'))
    io.out(`  ${r.id}: clear (${formatKpiValue(r.lastValue, unitOf(r.kpi))} in ${r.lastPeriod}).`);
  return 0;
}
