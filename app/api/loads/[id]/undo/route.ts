import { z } from 'zod';
import { undoLoad } from '@/lib/ingest/ledger';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { json, reasonOf, route } from '../../../respond';

/** POST /api/loads/:id/undo: remove the rows the load wrote and restore those it replaced. */
export const POST = route<{ params: Promise<{ id: string }> }>(
  'undo',
  async (_request, { params }, { db, audit }) => {
    const { id } = await params;
    const loadId = z.coerce.number().int().positive().parse(id);
    try {
      const undone = await undoLoad(db, loadId);
      await audit({ action: 'undo', outcome: 'ok', target: `load ${loadId}` });
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
