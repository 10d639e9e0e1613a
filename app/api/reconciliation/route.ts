import { reconcile } from '@/lib/kpi/reconcile';
import { json, route } from '../respond';

/** GET /api/reconciliation: order ↔ shipment data-quality counts. */
export const GET = route('view', async (_request, _context, { db }) =>
  json({ checks: await reconcile(db) }),
);
