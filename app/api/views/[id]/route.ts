import { removeView } from '@/lib/views/saved-views';
import { deleteById } from '../../respond';

/** DELETE /api/views/:id: one of the signed-in user's own views. */
export const DELETE = deleteById('view', async (id, { db, audit, identity }) => {
  const removed = await removeView(db, identity.username, id);
  await audit({
    action: 'views.remove',
    outcome: 'ok',
    target: removed.name,
    detail: removed.href,
  });
});
