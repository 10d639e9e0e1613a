import 'server-only';
/**
 * Teams of the order-management function: each team with its function, an optional parent (the
 * chart's tree), its roles with their FTEs per period, and the rules that attribute orders (or
 * returns, for the returns function) to it. A team is named once (case aside); the CLI and the API
 * name a team by its id or its name. Removing a team removes its roles and rules, but not a team
 * others report to: they would be left pointing at nothing.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { isoDate } from '@/lib/model/iso-date';
import { DEFAULT_PRIORITY, ruleDimensions, teamFunctions } from './functions';
import type { RuleDimension, TeamFunction } from './functions';

export interface Team {
  id: string;
  name: string;
  function: TeamFunction;
  parentId: string | null;
  createdAt: string;
}

export interface TeamRole {
  id: string;
  teamId: string;
  title: string;
  fte: number;
  from: string;
  to: string;
}

export interface TeamRule {
  id: string;
  teamId: string;
  dimension: RuleDimension;
  value: string;
  priority: number;
}

export interface Org {
  teams: Team[];
  roles: TeamRole[];
  rules: TeamRule[];
}

const name = z
  .string()
  .trim()
  .min(1, 'give the team a name')
  .max(100, 'at most 100 characters')
  .refine((n) => !/[\u0000-\u001f]/.test(n), 'no control characters');

export const teamInputSchema = z
  .object({
    /** Present to rename or move an existing team; absent to add one. */
    id: z.string().min(1).max(100).optional(),
    name,
    function: z.enum(teamFunctions, {
      error: `one of ${teamFunctions.join(', ')}`,
    }),
    /** The team it reports to, by id or name; null or absent for none. */
    parent: z.string().trim().max(100).nullable().optional(),
  })
  .strict();

export const roleInputSchema = z
  .object({
    title: z.string().trim().min(1, 'give the role a title').max(100, 'at most 100 characters'),
    fte: z
      .number({ error: 'a number of full-time equivalents' })
      .positive('more than 0')
      .max(10_000, 'at most 10,000'),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'must not be before from', path: ['to'] });

export const ruleInputSchema = z
  .object({
    dimension: z.enum(ruleDimensions, { error: `one of ${ruleDimensions.join(', ')}` }),
    value: z.string().trim().min(1, 'give the value to match').max(200, 'at most 200 characters'),
    priority: z
      .number({ error: 'a whole number' })
      .int('a whole number')
      .min(1, 'at least 1')
      .max(10_000, 'at most 10,000')
      .default(DEFAULT_PRIORITY),
  })
  .strict();

export class TeamNotFoundError extends OrderlensError {
  constructor(ref: string) {
    super(`There is no team "${ref}".`, 'team_not_found');
  }
}

const invalid = (message: string, path: string) =>
  new OrderlensError(message, 'invalid_team', [{ path, message }]);

const teamColumns = `team_id AS id, name, function, parent_team_id AS "parentId",
  strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt"`;
const roleColumns = `role_id AS id, team_id AS "teamId", title, fte,
  period_from::VARCHAR AS "from", period_to::VARCHAR AS "to"`;
const ruleColumns = `rule_id AS id, team_id AS "teamId", dimension, value, priority`;

/** Every team (by function, then name), role (by team, period) and rule (by priority). */
export async function listOrg(db: Database): Promise<Org> {
  const [teams, roles, rules] = await Promise.all([
    db.read<Team & Record<string, unknown>>(
      `SELECT ${teamColumns} FROM teams ORDER BY function, lower(name)`,
    ),
    db.read<TeamRole & Record<string, unknown>>(
      `SELECT ${roleColumns} FROM team_roles ORDER BY team_id, period_from, lower(title), role_id`,
    ),
    db.read<TeamRule & Record<string, unknown>>(
      `SELECT ${ruleColumns} FROM team_rules ORDER BY priority, team_id, dimension, value, rule_id`,
    ),
  ]);
  return {
    teams,
    roles: roles.map((r) => ({ ...r, fte: Number(r.fte) })),
    rules: rules.map((r) => ({ ...r, priority: Number(r.priority) })),
  };
}

/** A team by its id, or by its name whatever the case. */
export async function findTeam(db: Database, ref: string): Promise<Team> {
  const team = await db.one<Team & Record<string, unknown>>(
    `SELECT ${teamColumns} FROM teams WHERE team_id = $1 OR lower(name) = lower(trim($1))
      ORDER BY team_id = $1 DESC LIMIT 1`,
    [ref],
  );
  if (!team) throw new TeamNotFoundError(ref);
  return team;
}

/** Add a team, or (with an id) rename it, change its function or its parent. */
export async function saveTeam(db: Database, input: unknown): Promise<Team> {
  const t = teamInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const existing = t.id ? await findTeam(tx, t.id) : undefined;
    const clash = await tx.one<{ id: string }>(
      'SELECT team_id AS id FROM teams WHERE lower(name) = lower($1) AND team_id <> $2',
      [t.name, existing?.id ?? ''],
    );
    if (clash) throw invalid(`There is already a team named "${t.name}".`, 'name');
    const id = existing?.id ?? randomUUID();
    const parentId = t.parent ? await parentOf(tx, id, t.parent) : null;
    if (existing) {
      await tx.run(
        'UPDATE teams SET name = $2, function = $3, parent_team_id = $4 WHERE team_id = $1',
        [id, t.name, t.function, parentId],
      );
    } else {
      await tx.run('INSERT INTO teams VALUES ($1, $2, $3, $4, now()::TIMESTAMP)', [
        id,
        t.name,
        t.function,
        parentId,
      ]);
    }
    return findTeam(tx, id);
  });
}

/** The parent named, checked: it exists, and the team is not (under) its own parent. */
async function parentOf(tx: Database, teamId: string, ref: string): Promise<string> {
  const parent = await findTeam(tx, ref).catch((error: unknown) => {
    if (error instanceof TeamNotFoundError)
      throw invalid(`There is no team "${ref}" to report to.`, 'parent');
    throw error;
  });
  const chain = await tx.read<{ id: string }>(
    `WITH RECURSIVE up(id, parent) AS (
       SELECT team_id, parent_team_id FROM teams WHERE team_id = $1
       UNION ALL
       SELECT t.team_id, t.parent_team_id FROM teams t JOIN up ON t.team_id = up.parent)
     SELECT id FROM up`,
    [parent.id],
  );
  if (parent.id === teamId || chain.some((c) => c.id === teamId))
    throw invalid(`"${parent.name}" reports to this team, so it cannot be its parent.`, 'parent');
  return parent.id;
}

/** Remove a team with its roles and rules; refused while other teams report to it. */
export async function removeTeam(db: Database, ref: string): Promise<Team> {
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, ref);
    const children = await tx.read<{ name: string }>(
      'SELECT name FROM teams WHERE parent_team_id = $1 ORDER BY lower(name)',
      [team.id],
    );
    if (children.length)
      throw new OrderlensError(
        `${children.map((c) => `"${c.name}"`).join(', ')} report${children.length > 1 ? '' : 's'} to "${team.name}": give ${children.length > 1 ? 'them' : 'it'} another parent or remove ${children.length > 1 ? 'them' : 'it'} first.`,
        'has_dependents',
      );
    await tx.run('DELETE FROM team_roles WHERE team_id = $1', [team.id]);
    await tx.run('DELETE FROM team_rules WHERE team_id = $1', [team.id]);
    await tx.run('DELETE FROM teams WHERE team_id = $1', [team.id]);
    return team;
  });
}

/** Add a role with its FTEs for a period. */
export async function addRole(db: Database, ref: string, input: unknown): Promise<TeamRole> {
  const r = roleInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, ref);
    const id = randomUUID();
    await tx.run(
      'INSERT INTO team_roles VALUES ($1, $2, $3, $4, $5::DATE, $6::DATE, now()::TIMESTAMP)',
      [id, team.id, r.title, r.fte, r.from, r.to],
    );
    return { id, teamId: team.id, title: r.title, fte: r.fte, from: r.from, to: r.to };
  });
}

/** Add a rule; the same dimension and value twice on one team is refused. */
export async function addRule(db: Database, ref: string, input: unknown): Promise<TeamRule> {
  const r = ruleInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, ref);
    const twin = await tx.one(
      'SELECT 1 FROM team_rules WHERE team_id = $1 AND dimension = $2 AND lower(value) = lower($3)',
      [team.id, r.dimension, r.value],
    );
    if (twin)
      throw invalid(`"${team.name}" already has a rule for ${r.dimension} ${r.value}.`, 'value');
    const id = randomUUID();
    await tx.run('INSERT INTO team_rules VALUES ($1, $2, $3, $4, $5, now()::TIMESTAMP)', [
      id,
      team.id,
      r.dimension,
      r.value,
      r.priority,
    ]);
    return { id, teamId: team.id, dimension: r.dimension, value: r.value, priority: r.priority };
  });
}

/** Remove one role of a team. */
export async function removeRole(db: Database, ref: string, roleId: string): Promise<TeamRole> {
  return removeOwned(db, ref, roleId, 'team_roles', 'role');
}

/** Remove one rule of a team. */
export async function removeRule(db: Database, ref: string, ruleId: string): Promise<TeamRule> {
  return removeOwned(db, ref, ruleId, 'team_rules', 'rule');
}

async function removeOwned<T>(
  db: Database,
  ref: string,
  id: string,
  table: 'team_roles' | 'team_rules',
  what: 'role' | 'rule',
): Promise<T> {
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, ref);
    const columns = table === 'team_roles' ? roleColumns : ruleColumns;
    const key = table === 'team_roles' ? 'role_id' : 'rule_id';
    const row = await tx.one(`SELECT ${columns} FROM ${table} WHERE ${key} = $1 AND team_id = $2`, [
      id,
      team.id,
    ]);
    if (!row) throw new OrderlensError(`"${team.name}" has no ${what} "${id}".`, 'team_not_found');
    await tx.run(`DELETE FROM ${table} WHERE ${key} = $1`, [id]);
    return row as T;
  });
}
