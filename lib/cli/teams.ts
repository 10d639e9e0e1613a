import 'server-only';
/**
 * orderlens teams: the teams of the order-management function (lib/org). `teams [list]` lists them
 * with their roles and rules; add, remove, role and rule change them (as the /org page's forms
 * do); `teams report` gives each team's volume, FTE, orders per FTE and cost per order.
 */
import { functionLabels, teamFunctions } from '@/lib/org/functions';
import { teamReport, type FunctionFigures } from '@/lib/org/report';
import { addRole, addRule, listOrg, removeTeam, saveTeam, type Org } from '@/lib/org/teams';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

const flags = {
  function: { type: 'string' },
  parent: { type: 'string' },
  title: { type: 'string' },
  fte: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  value: { type: 'string' },
  priority: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function teamsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, flags);
  const [action = 'list', name, ...extra] = positionals;
  const text = (flag: keyof typeof flags) => values[flag] as string | undefined;
  const json = values.json === true;
  if (extra.length)
    throw new UsageError(`teams ${action}: give one team NAME (quote a name with spaces).`);
  if (action === 'list' || action === 'report') {
    const db = await openCliDatabase(text('db'), 'view');
    if (action === 'list') printOrg(await listOrg(db), json, io);
    else printReport(await teamReport(db, { from: text('from'), to: text('to') }), json, io);
    return 0;
  }
  if (!['add', 'remove', 'role', 'rule'].includes(action))
    throw new UsageError(`teams ${action}: use list, add, remove, role, rule or report.`);
  if (!name) throw new UsageError(`teams ${action}: give the team's NAME.`);
  const db = await openCliDatabase(text('db'), 'inputs');
  if (action === 'add') {
    if (!text('function'))
      throw new UsageError(`teams add: give --function (${teamFunctions.join(', ')}).`);
    const team = await saveTeam(db, { name, function: text('function'), parent: text('parent') });
    await auditCli(db, {
      action: 'teams.save',
      outcome: 'ok',
      target: team.id,
      detail: `${team.name} (${team.function})`,
    });
    io.out(
      json ? JSON.stringify({ team }) : `Added ${team.name} (${functionLabels[team.function]}).`,
    );
  } else if (action === 'remove') {
    const team = await removeTeam(db, name);
    await auditCli(db, {
      action: 'teams.remove',
      outcome: 'ok',
      target: team.id,
      detail: team.name,
    });
    io.out(
      json ? JSON.stringify({ removed: team }) : `Removed ${team.name} with its roles and rules.`,
    );
  } else if (action === 'role') {
    if (!text('title') || !text('fte') || !text('from') || !text('to'))
      throw new UsageError('teams role: give --title T --fte N --from DATE --to DATE.');
    const role = await addRole(db, name, {
      title: text('title'),
      fte: numberOf(text('fte')!, '--fte'),
      from: text('from'),
      to: text('to'),
    });
    await auditCli(db, {
      action: 'teams.role_add',
      outcome: 'ok',
      target: role.teamId,
      detail: `${role.title}: ${role.fte} FTE, ${role.from} to ${role.to}`,
    });
    io.out(
      json
        ? JSON.stringify({ role })
        : `Added ${role.title} to ${name}: ${role.fte} FTE from ${role.from} to ${role.to}.`,
    );
  } else {
    if (!text('by') || !text('value'))
      throw new UsageError(
        'teams rule: give --by site|channel|customer_group|region --value V [--priority N].',
      );
    const priority = text('priority');
    const rule = await addRule(db, name, {
      dimension: text('by'),
      value: text('value'),
      ...(priority === undefined ? {} : { priority: numberOf(priority, '--priority') }),
    });
    await auditCli(db, {
      action: 'teams.rule_add',
      outcome: 'ok',
      target: rule.teamId,
      detail: `${rule.dimension} = ${rule.value} (priority ${rule.priority})`,
    });
    io.out(
      json
        ? JSON.stringify({ rule })
        : `${name} takes ${rule.dimension} ${rule.value} (priority ${rule.priority}).`,
    );
  }
  return 0;
}

function numberOf(raw: string, flag: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`${flag} takes a number.`);
  return Number(raw);
}

function printOrg(org: Org, json: boolean, io: Io) {
  if (json) return io.out(JSON.stringify(org));
  if (!org.teams.length)
    return io.out('No teams. Add one with: orderlens teams add NAME --function F');
  const names = new Map(org.teams.map((t) => [t.id, t.name]));
  for (const team of org.teams) {
    const parent = team.parentId ? `, reports to ${names.get(team.parentId)}` : '';
    io.out(`${team.name} (${functionLabels[team.function]}${parent})`);
    for (const r of org.roles.filter((r) => r.teamId === team.id))
      io.out(`  role  ${r.title}: ${r.fte} FTE, ${r.from} to ${r.to}`);
    for (const r of org.rules.filter((r) => r.teamId === team.id))
      io.out(`  rule  ${r.dimension} = ${r.value} (priority ${r.priority})`);
  }
}

const figure = (value: number | null, digits = 1) =>
  value === null ? 'not known' : value.toLocaleString('en-US', { maximumFractionDigits: digits });

function printReport(report: Awaited<ReturnType<typeof teamReport>>, json: boolean, io: Io) {
  if (json) return io.out(JSON.stringify(report));
  io.out(report.from ? `Teams, ${report.from} to ${report.to}` : 'Teams');
  for (const fn of report.functions) printFunction(fn, io);
  for (const note of report.notes) io.out(`Note: ${note}`);
}

function printFunction(fn: FunctionFigures, io: Io) {
  const unit = fn.workload === 'returns' ? 'return' : 'order';
  io.out(`\n${fn.label} (${fn.workload})`);
  for (const t of fn.teams) {
    const cost =
      t.total.costPer === null
        ? 'cost per ' + unit + ' not known'
        : `${figure(t.total.costPer, 2)} ${t.total.currency ?? ''} per ${unit}`.replace('  ', ' ');
    io.out(
      `  ${t.team.name}: ${t.total.volume} ${unit}s, FTE ${figure(t.total.fte, 2)}, ${figure(t.total.perFte)} ${unit}s per FTE-year, ${cost}`,
    );
  }
  io.out(`  Unattributed: ${fn.unattributed.total} ${unit}s`);
  for (const w of fn.warnings) io.out(`  Warning: ${w}`);
}
