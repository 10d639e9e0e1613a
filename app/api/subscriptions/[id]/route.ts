import { removeSubscription } from '@/lib/delivery/subscriptions';
import { deleteById } from '../../respond';

/** DELETE /api/subscriptions/:id: { removed: id }; its delivery history stays. */
export const DELETE = deleteById('export', async (id, { db, audit }) => {
  const removed = await removeSubscription(db, id);
  await audit({
    action: 'subscriptions.remove',
    outcome: 'ok',
    target: `subscription ${id}`,
    detail: `${removed.format} ${removed.cadence} to ${removed.recipients.join(', ') || removed.folder}`,
  });
});
