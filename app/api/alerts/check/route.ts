import { evaluateAlertRules } from '@/lib/alerts/evaluate';
import { deliveryContext } from '@/lib/delivery/context';
import { json, route } from '../../respond';

/**
 * POST /api/alerts/check: check every rule now, as the server does after each load and on its
 * tick, and answer { checked, fired: [alert…] }. The `targets` permission, like adding a rule:
 * a check may mail the rules' recipients. The alerts it raises are audited as whoever asked.
 * Evaluations run one after the other, so this answers once any check already under way is done.
 */
export const POST = route('targets', async (_request, _context, { db, audit }) => {
  const evaluation = await evaluateAlertRules(db, deliveryContext(db, { audit }));
  return json(evaluation);
});
