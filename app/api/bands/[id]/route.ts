import { removeBandSet } from '@/lib/benchmarks/store';
import { deleteById } from '../../respond';

/** DELETE /api/bands/:id: remove an imported band set (its versions stay in the history). */
export const DELETE = deleteById('bands', async (id, { db, audit }) => {
  await removeBandSet(db, id);
  await audit({ action: 'bands.remove', outcome: 'ok', target: id });
});
