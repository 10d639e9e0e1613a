import { listOrg, saveTeam } from '@/lib/org/teams';
import { json, readJson, route } from '../respond';

/** GET /api/teams: every team, role and rule. */
export const GET = route('view', async (_request, _context, { db }) => json(await listOrg(db)));

/** POST /api/teams with { name, function, parent? } to add a team, or with its id to change it. */
export const POST = route('inputs', async (request, _context, { db, audit }) => {
  const body: unknown = await readJson(request);
  const team = await saveTeam(db, body);
  await audit({
    action: 'teams.save',
    outcome: 'ok',
    target: team.id,
    detail: `${team.name} (${team.function})`,
  });
  return json({ team }, { status: 201 });
});
