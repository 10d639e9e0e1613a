import { removeAnnotation } from '@/lib/annotations/annotations';
import { deleteById } from '../../respond';

/** DELETE /api/annotations/:id */
export const DELETE = deleteById('annotate', async (id, { db, audit }) => {
  const removed = await removeAnnotation(db, id);
  await audit({
    action: 'annotations.remove',
    outcome: 'ok',
    target: id,
    detail: `${removed.from} to ${removed.to}`,
  });
});
