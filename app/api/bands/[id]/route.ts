import { getServerDatabase } from '@/lib/db/server';
import { removeBandSet } from '@/lib/benchmarks/store';
import { deleteById } from '../../respond';

/** DELETE /api/bands/:id: remove an imported band set (its versions stay in the history). */
export const DELETE = deleteById(async (id) => removeBandSet(await getServerDatabase(), id));
