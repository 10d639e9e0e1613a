import { z } from 'zod';
import { undoLoad } from '@/lib/ingest/load/ledger';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { json, readJson, reasonOf, route } from '../../../respond';

/** No body, or { cascade: true } to undo with it the loads that refer to its orders. */
const Options = z.object({ cascade: z.boolean().optional() }).strict();

/**
 * POST /api/loads/:id/undo: remove the rows the load wrote and restore those it replaced.
 * Refused (code has_dependents) while other loads' rows refer to its orders, unless cascade.
 */
export const POST = route<{ params: Promise<{ id: string }> }>(
  'undo',
  async (request, { params }, { db, audit }) => {
    const { id } = await params;
    const loadId = z.coerce.number().int().positive().parse(id);
    const { cascade } = Options.parse((await readJson(request)) ?? {});
    try {
      const undone = await undoLoad(db, loadId, { cascade });
      const others = undone.loads.filter((l) => l !== loadId);
      await audit({
        action: 'undo',
        outcome: 'ok',
        target: `load ${loadId}`,
        detail: others.length
          ? `with the loads that refer to its orders: ${others.join(', ')}`
          : undefined,
      });
      void warmDefaultViews(db);
      return json(undone);
    } catch (error) {
      await audit({
        action: 'undo',
        outcome: 'failed',
        target: `load ${loadId}`,
        detail: reasonOf(error),
      });
      throw error;
    }
  },
);
