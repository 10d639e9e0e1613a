/**
 * Which team a piece of work belongs to. Within one function an order (or, for the returns
 * function, a return) belongs to at most one team: the function's rules are tried by priority (the
 * lowest number first; on equal priority the team whose name sorts first, so the outcome never
 * depends on the order rules were entered), and the first that matches wins. A team of the
 * function without rules takes what no rule matched, if it is the only such team; otherwise that
 * work is reported as unattributed, with its count, and never spread over teams. Values match
 * whatever their case and surrounding spaces ("DC-North" is " dc-north ").
 *
 * Pure: the report (./report.ts) feeds it the work grouped by month and dimension values.
 */
import { functionLabels, ruleDimensions, workloadOf } from './functions';
import type { RuleDimension, TeamFunction, Workload } from './functions';

/** Work of one month with one combination of dimension values, and how many there are. */
export interface WorkGroup extends Record<RuleDimension, string | null> {
  month: string;
  n: number;
}

export interface AttributionTeam {
  id: string;
  name: string;
  function: TeamFunction;
}

export interface AttributionRule {
  teamId: string;
  dimension: RuleDimension;
  value: string;
  priority: number;
}

export interface FunctionAttribution {
  function: TeamFunction;
  workload: Workload;
  /** Per team id, the work attributed to it per month (months with none are absent). */
  byTeam: Map<string, Map<string, number>>;
  /** Per month, the work no team of the function takes. */
  unattributed: Map<string, number>;
  /** The team that takes what no rule matched, if exactly one team of the function has no rules. */
  restTeamId: string | null;
  warnings: string[];
}

const norm = (value: string | null) => (value ?? '').trim().toLowerCase();
const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en');

/** A function's rules in the order they are tried. */
export function rulesInOrder(
  rules: readonly AttributionRule[],
  teams: readonly AttributionTeam[],
): AttributionRule[] {
  const names = new Map(teams.map((t) => [t.id, t.name]));
  return [...rules].sort(
    (a, b) =>
      a.priority - b.priority ||
      byName(names.get(a.teamId) ?? '', names.get(b.teamId) ?? '') ||
      ruleDimensions.indexOf(a.dimension) - ruleDimensions.indexOf(b.dimension) ||
      byName(a.value, b.value),
  );
}

/** Attribute the work of each function that has teams (orders or returns, as the function's). */
export function attribute(
  work: Record<Workload, readonly WorkGroup[]>,
  teams: readonly AttributionTeam[],
  rules: readonly AttributionRule[],
): FunctionAttribution[] {
  const functions = [...new Set(teams.map((t) => t.function))];
  return functions.map((fn) => attributeFunction(fn, work[workloadOf(fn)], teams, rules));
}

function attributeFunction(
  fn: TeamFunction,
  groups: readonly WorkGroup[],
  allTeams: readonly AttributionTeam[],
  allRules: readonly AttributionRule[],
): FunctionAttribution {
  const teams = allTeams.filter((t) => t.function === fn);
  const ids = new Set(teams.map((t) => t.id));
  const rules = rulesInOrder(
    allRules.filter((r) => ids.has(r.teamId)),
    teams,
  );
  const withRules = new Set(rules.map((r) => r.teamId));
  const ruleless = teams.filter((t) => !withRules.has(t.id)).sort((a, b) => byName(a.name, b.name));
  const restTeamId = ruleless.length === 1 ? ruleless[0]!.id : null;
  const warnings =
    ruleless.length > 1
      ? [
          `${ruleless.map((t) => `"${t.name}"`).join(' and ')} have no rules, so the ${workloadOf(fn)} no rule of ${functionLabels[fn].toLowerCase()} matches cannot go to one of them: they are shown as unattributed. Give all but one of them a rule.`,
        ]
      : [];
  const byTeam = new Map(teams.map((t) => [t.id, new Map<string, number>()]));
  const unattributed = new Map<string, number>();
  const add = (into: Map<string, number>, month: string, n: number) =>
    into.set(month, (into.get(month) ?? 0) + n);
  for (const group of groups) {
    const rule = rules.find((r) => norm(group[r.dimension]) === norm(r.value));
    const teamId = rule?.teamId ?? restTeamId;
    if (teamId) add(byTeam.get(teamId)!, group.month, group.n);
    else add(unattributed, group.month, group.n);
  }
  return { function: fn, workload: workloadOf(fn), byTeam, unattributed, restTeamId, warnings };
}
