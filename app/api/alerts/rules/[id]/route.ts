import { removeAlertRule } from '@/lib/alerts/rules';
import { deleteById } from '../../../respond';

/** DELETE /api/alerts/rules/:id: { removed: id }; the alerts it raised stay until acknowledged. */
export const DELETE = deleteById('targets', async (id, { db, audit }) => {
  const removed = await removeAlertRule(db, id);
  await audit({
    action: 'alerts.rule_remove',
    outcome: 'ok',
    target: `rule ${id}`,
    detail: removed.description,
  });
});
