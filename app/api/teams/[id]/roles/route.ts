import { z } from 'zod';
import { addRole, removeRole } from '@/lib/org/teams';
import { json, readJson, route } from '../../../respond';

type Context = { params: Promise<{ id: string }> };
const removal = z.object({ role: z.string().min(1).max(100) }).strict();

/** POST /api/teams/:id/roles with { title, fte, from, to }: a role and its FTEs for a period. */
export const POST = route<Context>('inputs', async (request, { params }, { db, audit }) => {
  const { id } = await params;
  const role = await addRole(db, id, await readJson(request));
  await audit({
    action: 'teams.role_add',
    outcome: 'ok',
    target: role.teamId,
    detail: `${role.title}: ${role.fte} FTE, ${role.from} to ${role.to}`,
  });
  return json({ role }, { status: 201 });
});

/** DELETE /api/teams/:id/roles?role=ROLE_ID */
export const DELETE = route<Context>('inputs', async (request, { params }, { db, audit }) => {
  const { id } = await params;
  const { role } = removal.parse(Object.fromEntries(request.nextUrl.searchParams));
  const removed = await removeRole(db, id, role);
  await audit({
    action: 'teams.role_remove',
    outcome: 'ok',
    target: removed.teamId,
    detail: `${removed.title}: ${removed.fte} FTE, ${removed.from} to ${removed.to}`,
  });
  return json({ removed: role });
});
