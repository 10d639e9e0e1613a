import { removeTeam } from '@/lib/org/teams';
import { deleteById } from '../../respond';

/** DELETE /api/teams/:id: the team with its roles and rules (refused while teams report to it). */
export const DELETE = deleteById('inputs', async (id, { db, audit }) => {
  const team = await removeTeam(db, id);
  await audit({ action: 'teams.remove', outcome: 'ok', target: team.id, detail: team.name });
});
