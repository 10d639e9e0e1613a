import { removeTarget } from '@/lib/benchmarks/targets';
import { deleteById } from '../../respond';

/** DELETE /api/targets/:id */
export const DELETE = deleteById('targets', async (id, { db, audit }) => {
  await removeTarget(db, id);
  await audit({ action: 'targets.remove', outcome: 'ok', target: id });
});
