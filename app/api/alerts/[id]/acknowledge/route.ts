import { acknowledgeAlert } from '@/lib/alerts/rules';
import { json, route } from '../../../respond';

/** POST /api/alerts/:id/acknowledge: { alert }, acknowledged; it leaves the list of open alerts. */
export const POST = route<{ params: Promise<{ id: string }> }>(
  'view',
  async (_request, { params }, { db, identity, audit }) => {
    const { id } = await params;
    const alert = await acknowledgeAlert(db, id, identity.username, new Date());
    await audit({
      action: 'alerts.acknowledge',
      outcome: 'ok',
      target: `alert ${id}: ${alert.kpi}`,
      detail: alert.headline,
    });
    return json({ alert });
  },
);
