import { getServerDatabase } from '@/lib/db/server';
import { reconcile } from '@/lib/kpi/reconcile';
import { errorResponse, json } from '../respond';

/** GET /api/reconciliation: order ↔ shipment data-quality counts. */
export async function GET() {
  try {
    return json({ checks: await reconcile(await getServerDatabase()) });
  } catch (error) {
    return errorResponse(error);
  }
}
