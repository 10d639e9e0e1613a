import 'server-only';
/**
 * Each team's volume and productivity per month: the orders (or returns, for the returns
 * function) attributed to it (./attribution.ts), its FTEs from its roles, its cost from the FTE
 * and cost figures entered under its name (kpi_inputs), orders per FTE and cost per order.
 *
 * - Months are calendar months clipped to the range: a range from 2024-01-16 makes January a
 *   16-day month.
 * - FTE is pro-rated by day: a role counts its FTEs for the days of the month its period covers,
 *   so 2 FTE from 16 January are 2 × 16 = 32 FTE-days of January's 31, an average of 1.03 FTE.
 * - Orders per FTE is annualised, as the orders_per_fte KPI is: orders ÷ (FTE-days ÷ 365). A month
 *   without any role has no FTE: its productivity is not known (null), never 0.
 * - Cost is known for a month only when entered figures with a cost cover every one of its days
 *   (a figure's cost spread evenly over its period's days); otherwise it is null, with the days
 *   that are covered said in a note. Figures in more than one currency are not added up.
 * - Over the whole range, orders per FTE and cost per order count only the months that have the
 *   figure, and say how many those are.
 */
import type { Database } from '@/lib/db/database';
import { isoDate } from '@/lib/model/iso-date';
import { z } from 'zod';
import { attribute, type WorkGroup } from './attribution';
import { functionLabels, type TeamFunction, type Workload } from './functions';
import { listOrg, type Team, type TeamRole, type TeamRule } from './teams';

export const teamReportQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });

export interface MonthFigures {
  /** YYYY-MM, with the days of it inside the range. */
  month: string;
  from: string;
  to: string;
  days: number;
  /** Orders (returns, for the returns function) attributed. */
  volume: number;
  /** Average FTE over the month's days; null when no role covers any of them. */
  fte: number | null;
  fteDays: number;
  /** Volume per FTE per year; null when FTE is not known. */
  perFte: number | null;
  cost: number | null;
  currency: string | null;
  /** Cost per order (per return); null when the cost is not known or there is no volume. */
  costPer: number | null;
  notes: string[];
}

export interface TeamFigures {
  team: Team;
  roles: TeamRole[];
  rules: TeamRule[];
  /** Takes the function's work no rule matched. */
  takesRest: boolean;
  total: {
    volume: number;
    fte: number | null;
    perFte: number | null;
    monthsWithFte: number;
    cost: number | null;
    currency: string | null;
    costPer: number | null;
    monthsWithCost: number;
  };
  months: MonthFigures[];
}

export interface FunctionFigures {
  function: TeamFunction;
  label: string;
  workload: Workload;
  teams: TeamFigures[];
  unattributed: { total: number; months: { month: string; volume: number }[] };
  warnings: string[];
}

export interface TeamReport {
  from: string | null;
  to: string | null;
  months: string[];
  functions: FunctionFigures[];
  notes: string[];
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const overlap = (a: { from: string; to: string }, b: { from: string; to: string }) =>
  Math.max(0, Math.min(dayOf(a.to), dayOf(b.to)) - Math.max(dayOf(a.from), dayOf(b.from)) + 1);

/** The calendar months of [from, to], each clipped to the range. */
export function monthsOf(from: string, to: string) {
  const out: { month: string; from: string; to: string; days: number }[] = [];
  let start = from;
  while (start <= to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const monthEnd = isoOf(Date.UTC(y, m, 0) / DAY);
    const end = monthEnd < to ? monthEnd : to;
    out.push({
      month: start.slice(0, 7),
      from: start,
      to: end,
      days: dayOf(end) - dayOf(start) + 1,
    });
    start = isoOf(dayOf(end) + 1);
  }
  return out;
}

/** The report for a range (by default, from the first to the last order or return). */
export async function teamReport(db: Database, query: unknown = {}): Promise<TeamReport> {
  const q = teamReportQuery.parse(query);
  const [org, span] = await Promise.all([listOrg(db), dataSpan(db)]);
  const from = q.from ?? span.from;
  const to = q.to ?? span.to;
  // Without data and a range, or with a range the data does not reach, the chart still shows the
  // teams: with no months.
  const range = from && to && from <= to ? { from, to } : undefined;
  const months = range ? monthsOf(range.from, range.to) : [];
  const [orders, returns, inputs, undated] = range
    ? await Promise.all([
        orderWork(db, range.from, range.to),
        returnWork(db, range.from, range.to),
        costInputs(db),
        undatedReturns(db),
      ])
    : [[], [], await costInputs(db), 0];
  const attributed = attribute({ orders, returns }, org.teams, org.rules);
  const functions = attributed.map((a): FunctionFigures => {
    const teams = org.teams
      .filter((t) => t.function === a.function)
      .map((team) =>
        teamFigures(team, org, months, a.byTeam.get(team.id)!, inputs, a.restTeamId === team.id),
      );
    const unattributed = months.map((m) => ({
      month: m.month,
      volume: a.unattributed.get(m.month) ?? 0,
    }));
    return {
      function: a.function,
      label: functionLabels[a.function],
      workload: a.workload,
      teams,
      unattributed: { total: sum(unattributed.map((u) => u.volume)), months: unattributed },
      warnings: a.warnings,
    };
  });
  const notes: string[] = [];
  if (undated > 0 && functions.some((f) => f.workload === 'returns'))
    notes.push(
      `${undated} return${undated === 1 ? ' has' : 's have'} no received date and ${undated === 1 ? 'is' : 'are'} in no month.`,
    );
  const names = new Set(org.teams.map((t) => t.name.toLowerCase()));
  const fteUnder = [...new Set(inputs.filter((i) => i.fte !== null).map((i) => i.team))].filter(
    (team) => names.has(team.toLowerCase()),
  );
  if (fteUnder.length)
    notes.push(
      `FTE entered under ${fteUnder.map((t) => `"${t}"`).join(', ')} in the FTE and cost figures is not used here: a team's FTEs are those of its roles. Its cost is.`,
    );
  if (!months.length)
    notes.push(
      from && to
        ? `There are no orders or returns from ${from} to ${to}.`
        : 'There are no orders or returns yet.',
    );
  return {
    from: from ?? null,
    to: to ?? null,
    months: months.map((m) => m.month),
    functions,
    notes,
  };
}

function teamFigures(
  team: Team,
  org: { roles: TeamRole[]; rules: TeamRule[] },
  months: ReturnType<typeof monthsOf>,
  volumes: Map<string, number>,
  inputs: CostInput[],
  takesRest: boolean,
): TeamFigures {
  const roles = org.roles.filter((r) => r.teamId === team.id);
  const own = inputs.filter(
    (i) => i.cost !== null && i.team.trim().toLowerCase() === team.name.toLowerCase(),
  );
  const rows = months.map((m) => monthFigures(m, volumes.get(m.month) ?? 0, roles, own));
  const withFte = rows.filter((r) => r.fte !== null);
  const withCost = rows.filter((r) => r.cost !== null);
  const fteDays = sum(rows.map((r) => r.fteDays));
  const rangeDays = sum(rows.map((r) => r.days));
  const currencies = new Set(withCost.map((r) => r.currency));
  const cost = withCost.length && currencies.size === 1 ? sum(withCost.map((r) => r.cost!)) : null;
  const costVolume = sum(withCost.map((r) => r.volume));
  return {
    team,
    roles: roles.filter((r) => months.some((m) => overlap(r, m) > 0)),
    rules: org.rules.filter((r) => r.teamId === team.id),
    takesRest,
    total: {
      volume: sum(rows.map((r) => r.volume)),
      fte: fteDays > 0 ? fteDays / rangeDays : null,
      perFte: withFte.length ? perYear(sum(withFte.map((r) => r.volume)), fteDays) : null,
      monthsWithFte: withFte.length,
      cost,
      currency: cost === null ? null : ([...currencies][0] ?? null),
      costPer: cost !== null && costVolume > 0 ? cost / costVolume : null,
      monthsWithCost: cost === null ? 0 : withCost.length,
    },
    months: rows,
  };
}

function monthFigures(
  m: ReturnType<typeof monthsOf>[number],
  volume: number,
  roles: TeamRole[],
  inputs: CostInput[],
): MonthFigures {
  const notes: string[] = [];
  const fteDays = sum(roles.map((r) => r.fte * overlap(r, m)));
  const fte = fteDays > 0 ? fteDays / m.days : null;
  const { cost, currency, note } = costOf(m, inputs);
  if (note) notes.push(note);
  return {
    ...m,
    volume,
    fte,
    fteDays,
    perFte: fte === null ? null : perYear(volume, fteDays),
    cost,
    currency,
    costPer: cost !== null && volume > 0 ? cost / volume : null,
    notes,
  };
}

/** Volume per FTE-year. */
const perYear = (volume: number, fteDays: number) => volume / (fteDays / 365);

/** A month's cost: known only when the figures with a cost cover each of its days. */
function costOf(m: { from: string; to: string; days: number }, inputs: CostInput[]) {
  const touching = inputs.filter((i) => overlap(i, m) > 0);
  if (!touching.length) return { cost: null, currency: null, note: undefined };
  const covered = new Set<number>();
  for (const i of touching)
    for (
      let d = Math.max(dayOf(i.from), dayOf(m.from));
      d <= Math.min(dayOf(i.to), dayOf(m.to));
      d++
    )
      covered.add(d);
  if (covered.size < m.days)
    return {
      cost: null,
      currency: null,
      note: `cost entered for ${covered.size} of the month's ${m.days} days`,
    };
  const currencies = new Set(touching.map((i) => i.currency ?? ''));
  if (currencies.size > 1)
    return { cost: null, currency: null, note: 'cost entered in more than one currency' };
  const cost = sum(
    touching.map((i) => (i.cost! * overlap(i, m)) / (dayOf(i.to) - dayOf(i.from) + 1)),
  );
  return { cost, currency: touching[0]!.currency, note: undefined };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

interface CostInput {
  from: string;
  to: string;
  team: string;
  fte: number | null;
  cost: number | null;
  currency: string | null;
}

async function costInputs(db: Database): Promise<CostInput[]> {
  const rows = await db.read<CostInput & Record<string, unknown>>(
    `SELECT period_from::VARCHAR AS "from", period_to::VARCHAR AS "to", team, fte, cost, currency
       FROM kpi_inputs WHERE team <> '' ORDER BY period_from`,
  );
  return rows.map((r) => ({
    ...r,
    fte: r.fte === null ? null : Number(r.fte),
    cost: r.cost === null ? null : Number(r.cost),
  }));
}

/** The first and last day with an order or a return. */
async function dataSpan(db: Database): Promise<{ from: string | null; to: string | null }> {
  const row = await db.one<{ from: string | null; to: string | null }>(
    `SELECT least(min(o.first), min(r.first))::VARCHAR AS "from",
            greatest(max(o.last), max(r.last))::VARCHAR AS "to"
       FROM (SELECT min(order_ts)::DATE AS first, max(order_ts)::DATE AS last FROM kpi_order_facts) o,
            (SELECT min(return_ts)::DATE AS first, max(return_ts)::DATE AS last FROM kpi_return_facts) r`,
  );
  return { from: row?.from ?? null, to: row?.to ?? null };
}

/** Orders placed in the range by month and the dimensions rules match (cancelled ones too). */
function orderWork(db: Database, from: string, to: string) {
  return workGroups(
    db,
    `SELECT strftime(order_ts, '%Y-%m') AS month, site, channel, customer_group, region,
            count(*)::INTEGER AS n
       FROM kpi_order_facts
      WHERE order_ts >= $1::DATE AND order_ts < $2::DATE + INTERVAL 1 DAY
      GROUP BY ALL`,
    [from, to],
  );
}

/** Returns received in the range, with the dimensions of their order. */
function returnWork(db: Database, from: string, to: string) {
  return workGroups(
    db,
    `SELECT strftime(r.return_ts, '%Y-%m') AS month, f.site, f.channel, f.customer_group, f.region,
            count(*)::INTEGER AS n
       FROM kpi_return_facts r LEFT JOIN kpi_order_facts f ON f.order_id = r.order_id
      WHERE r.return_ts >= $1::DATE AND r.return_ts < $2::DATE + INTERVAL 1 DAY
      GROUP BY ALL`,
    [from, to],
  );
}

async function workGroups(db: Database, sql: string, params: string[]): Promise<WorkGroup[]> {
  const rows = await db.read<WorkGroup & Record<string, unknown>>(sql, params);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

async function undatedReturns(db: Database): Promise<number> {
  const row = await db.one<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM kpi_return_facts WHERE return_ts IS NULL',
  );
  return Number(row?.n ?? 0);
}
