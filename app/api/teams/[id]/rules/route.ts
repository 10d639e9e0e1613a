import { z } from 'zod';
import { addRule, removeRule } from '@/lib/org/teams';
import { json, readJson, route } from '../../../respond';

type Context = { params: Promise<{ id: string }> };
const removal = z.object({ rule: z.string().min(1).max(100) }).strict();

/** POST /api/teams/:id/rules with { dimension, value, priority? }: what the team's work is. */
export const POST = route<Context>('inputs', async (request, { params }, { db, audit }) => {
  const { id } = await params;
  const rule = await addRule(db, id, await readJson(request));
  await audit({
    action: 'teams.rule_add',
    outcome: 'ok',
    target: rule.teamId,
    detail: `${rule.dimension} = ${rule.value} (priority ${rule.priority})`,
  });
  return json({ rule }, { status: 201 });
});

/** DELETE /api/teams/:id/rules?rule=RULE_ID */
export const DELETE = route<Context>('inputs', async (request, { params }, { db, audit }) => {
  const { id } = await params;
  const { rule } = removal.parse(Object.fromEntries(request.nextUrl.searchParams));
  const removed = await removeRule(db, id, rule);
  await audit({
    action: 'teams.rule_remove',
    outcome: 'ok',
    target: removed.teamId,
    detail: `${removed.dimension} = ${removed.value}`,
  });
  return json({ removed: rule });
});
