import { config } from '@/lib/config';
import { deliveryContext } from '@/lib/delivery/context';
import { listDeliveries } from '@/lib/delivery/deliver';
import { mailConfigured } from '@/lib/delivery/mailer';
import { createSubscription, listSubscriptions } from '@/lib/delivery/subscriptions';
import { json, readJson, route } from '../respond';

/**
 * GET /api/subscriptions: every subscription with its schedule and last outcome, the latest
 * deliveries, and whether mail is configured (the page says so before anyone subscribes).
 */
export const GET = route('export', async (_request, _context, { db }) => {
  const [subscriptions, deliveries] = await Promise.all([
    listSubscriptions(db),
    listDeliveries(db, { limit: 100 }),
  ]);
  const { mail } = config();
  return json({
    subscriptions,
    deliveries,
    mail: { configured: mailConfigured(mail), from: mail.from },
  });
});

/**
 * POST /api/subscriptions with { format, cadence, recipients?, folder?, timeZone?, name?,
 * filters?, kpis?, by?, grain?, compare?, organisation? }: 201 { subscription }.
 */
export const POST = route('export', async (request, _context, { db, identity, audit }) => {
  const body: unknown = await readJson(request);
  const context = deliveryContext(db);
  const subscription = await createSubscription(db, body, {
    by: identity.username,
    now: context.now(),
    deliveryDirs: context.deliveryDirs,
  });
  await audit({
    action: 'subscriptions.add',
    outcome: 'ok',
    target: `subscription ${subscription.id}`,
    detail: `${subscription.format} ${subscription.cadence} (${subscription.timeZone}) to ${[...subscription.recipients, ...(subscription.folder ? [subscription.folder] : [])].join(', ')}`,
  });
  return json({ subscription }, { status: 201 });
});
