import { config } from '@/lib/config';
import { createAlertRule, listAlertRules, listAlerts } from '@/lib/alerts/rules';
import { mailConfigured } from '@/lib/delivery/mailer';
import { json, readJson, route } from '../respond';

/**
 * GET /api/alerts[?all=1]: the alerts not yet acknowledged (all of them with all=1), newest first,
 * the rules with their state, and whether mail is configured.
 */
export const GET = route('view', async (request, _context, { db }) => {
  const all = request.nextUrl.searchParams.get('all') === '1';
  const [alerts, rules] = await Promise.all([listAlerts(db, { all }), listAlertRules(db)]);
  return json({ alerts, rules, mail: { configured: mailConfigured(config().mail) } });
});

/**
 * POST /api/alerts with { kpi, when: target|band|change, by?, direction?, dimension?, segment?,
 * recipients? }: 201 { rule }. The `targets` permission: a rule is a threshold on a KPI, set and
 * answered for by those who set the targets (managers, admins), and it mails people on its own;
 * viewing and acknowledging alerts needs only `view`.
 */
export const POST = route('targets', async (request, _context, { db, identity, audit }) => {
  const body: unknown = await readJson(request);
  const rule = await createAlertRule(db, body, { by: identity.username, now: new Date() });
  await audit({
    action: 'alerts.rule_add',
    outcome: 'ok',
    target: `rule ${rule.id}`,
    detail: `${rule.description}; to ${rule.recipients.join(', ') || 'nobody (listed only)'}`,
  });
  return json({ rule }, { status: 201 });
});
