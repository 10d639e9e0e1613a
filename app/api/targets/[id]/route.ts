import { getServerDatabase } from '@/lib/db/server';
import { removeTarget } from '@/lib/benchmarks/targets';
import { deleteById } from '../../respond';

/** DELETE /api/targets/:id */
export const DELETE = deleteById(async (id) => removeTarget(await getServerDatabase(), id));
