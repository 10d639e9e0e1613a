import { z } from 'zod';
import { deliveryContext } from '@/lib/delivery/context';
import { runAllSubscriptionsNow, runSubscriptionNow } from '@/lib/delivery/deliver';
import { json, readJson, route } from '../../respond';

const runSchema = z.object({ id: z.string().min(1).max(64).optional() }).strict();

/**
 * POST /api/subscriptions/run with {} (every subscription) or { id }: send now, for a trial;
 * schedules stay as they are. Answers { deliveries: [outcome…] }, each with its own status.
 * Export permission, which an admin has too.
 */
export const POST = route('export', async (request, _context, { db, audit }) => {
  const { id } = runSchema.parse((await readJson(request)) ?? {});
  // Deliveries run now are audited as whoever asked, not as the scheduler.
  const context = deliveryContext(db, { audit });
  const deliveries = id
    ? [await runSubscriptionNow(db, id, context)]
    : await runAllSubscriptionsNow(db, context);
  await audit({
    action: 'subscriptions.run',
    outcome: deliveries.every((d) => d.status === 'sent') ? 'ok' : 'failed',
    target: id ? `subscription ${id}` : 'every subscription',
    detail: `${deliveries.filter((d) => d.status === 'sent').length} of ${deliveries.length} sent`,
  });
  return json({ deliveries });
});
