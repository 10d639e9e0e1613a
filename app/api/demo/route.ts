import { demoAuditTarget, removeDemo } from '@/lib/ingest/load/demo-removal';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { json, reasonOf, route } from '../respond';

/** DELETE /api/demo: remove every demo load's rows in one transaction, audited like an undo. */
export const DELETE = route('undo', async (_request, _context, { db, audit }) => {
  try {
    const removal = await removeDemo(db);
    await audit({ action: 'undo', outcome: 'ok', ...demoAuditTarget(removal) });
    void warmDefaultViews(db);
    return json(removal);
  } catch (error) {
    await audit({
      action: 'undo',
      outcome: 'failed',
      target: 'demo data',
      detail: reasonOf(error),
    });
    throw error;
  }
});
