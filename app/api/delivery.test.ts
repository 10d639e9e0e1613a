import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '@/lib/delivery/smtp-test-server';
import { freshServerData, loadKpiFixtures } from '@/test/server-env';

// The route handlers read the configured database: a fresh data folder with the KPI fixture, and
// mail to a real SMTP server on loopback, configured before lib/config first reads the environment.
freshServerData('orderlens-delivery-api-');

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.ORDERLENS_SMTP_URL = smtp.url;
  process.env.ORDERLENS_MAIL_FROM = 'Orderlens <kpi@acme.test>';
  process.env.ORDERLENS_PUBLIC_URL = 'https://kpi.acme.test/';
  await loadKpiFixtures();
});
afterAll(async () => {
  await smtp.close();
  for (const name of ['ORDERLENS_SMTP_URL', 'ORDERLENS_MAIL_FROM', 'ORDERLENS_PUBLIC_URL'])
    delete process.env[name];
});

const ORIGIN = 'http://127.0.0.1';
const request = (url: string) => new NextRequest(new URL(url, ORIGIN));
const send = (method: string, url: string, body?: unknown, origin = ORIGIN) =>
  new NextRequest(new URL(url, ORIGIN), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
  });
const context = (id: string) => ({ params: Promise.resolve({ id }) });

const server = async () => (await import('@/runtime/database')).getServerDatabase();
const audited = async (action: string) => {
  const { listAudit } = await import('@/lib/auth/audit');
  return listAudit(await server(), { action: action as never });
};

describe('/api/subscriptions', () => {
  it('adds, lists, runs now and removes a subscription, each step audited', async () => {
    const { GET, POST } = await import('./subscriptions/route');
    const input = {
      name: 'Monday pack',
      format: 'xlsx',
      recipients: ['ops@acme.test'],
      cadence: 'weekly mon 07:00',
      timeZone: 'Europe/Berlin',
      filters: { site: ['DC1'] },
      kpis: ['order_fill_rate', 'return_rate'],
    };
    expect(
      (await POST(send('POST', '/api/subscriptions', input, 'http://evil.example'))).status,
    ).toBe(403);

    const created = await POST(send('POST', '/api/subscriptions', input));
    expect(created.status).toBe(201);
    const { subscription } = await created.json();
    expect(subscription).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      name: 'Monday pack',
      format: 'xlsx',
      recipients: ['ops@acme.test'],
      folder: null,
      cadence: 'weekly mon 07:00',
      cadenceText: 'every Monday at 07:00 (Europe/Berlin)',
      timeZone: 'Europe/Berlin',
      report: { filters: { site: ['DC1'] }, kpis: ['order_fill_rate', 'return_rate'] },
      retryAt: null,
      attempts: 0,
      lastRunAt: null,
      lastStatus: null,
      lastError: null,
      createdBy: 'local',
    });
    expect(new Date(subscription.nextRunAt).getUTCDay()).toBe(1); // a Monday

    const listed = await (await GET(request('/api/subscriptions'))).json();
    expect(listed).toMatchObject({
      subscriptions: [expect.objectContaining({ id: subscription.id })],
      deliveries: [],
      mail: { configured: true, from: 'Orderlens <kpi@acme.test>' },
    });

    const run = await (
      await import('./subscriptions/run/route')
    ).POST(send('POST', '/api/subscriptions/run', {}));
    expect(run.status).toBe(200);
    const { deliveries } = await run.json();
    expect(deliveries).toEqual([
      expect.objectContaining({
        subscriptionId: subscription.id,
        runKind: 'now',
        status: 'sent',
        sentTo: ['ops@acme.test'],
        fileName: expect.stringMatching(/^orderlens-report-\d{4}-\d{2}-\d{2}\.xlsx$/),
      }),
    ]);
    expect(smtp.received).toHaveLength(1);
    const { mail } = smtp.received[0]!;
    // No from/to in the filters: the report's own default period (the fixture ends in January
    // 2024, so December 2023 is its last complete month).
    expect(mail.subject).toBe('Orderlens: KPI benchmark report, December 2023');
    expect(mail.text).toContain('Filters: Site DC1');
    expect(mail.text).toContain('Open Orderlens: https://kpi.acme.test/reports');
    expect(mail.attachments[0]!.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const afterRun = await (await GET(request('/api/subscriptions'))).json();
    expect(afterRun.subscriptions[0]).toMatchObject({ lastStatus: 'sent', lastError: null });
    expect(afterRun.deliveries).toEqual([
      expect.objectContaining({ subscriptionId: subscription.id, status: 'sent', runKind: 'now' }),
    ]);

    const { DELETE } = await import('./subscriptions/[id]/route');
    const removed = await DELETE(
      send('DELETE', `/api/subscriptions/${subscription.id}`),
      context(subscription.id),
    );
    expect(await removed.json()).toEqual({ removed: subscription.id });
    const again = await DELETE(
      send('DELETE', `/api/subscriptions/${subscription.id}`),
      context(subscription.id),
    );
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe('subscription_not_found');

    expect((await audited('subscriptions.add'))[0]).toMatchObject({
      actor: 'local',
      via: 'web',
      target: `subscription ${subscription.id}`,
    });
    expect((await audited('subscriptions.deliver'))[0]).toMatchObject({
      actor: 'local',
      outcome: 'ok',
    });
    expect((await audited('subscriptions.run'))[0]).toMatchObject({ detail: '1 of 1 sent' });
    expect((await audited('subscriptions.remove'))[0]).toMatchObject({
      target: `subscription ${subscription.id}`,
    });
  });

  it('refuses an invalid subscription with 422 and every problem by field', async () => {
    const { POST } = await import('./subscriptions/route');
    const response = await POST(
      send('POST', '/api/subscriptions', {
        format: 'pdf',
        recipients: ['nobody'],
        cadence: 'every other tuesday',
        folder: '../../etc',
      }),
    );
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.code).toBe('invalid_subscription');
    expect(body.problems).toEqual([{ path: 'recipients[0]', message: 'not an e-mail address' }]);
    const badCadence = await POST(
      send('POST', '/api/subscriptions', {
        format: 'pdf',
        recipients: ['a@acme.test'],
        cadence: 'every other tuesday',
      }),
    );
    expect(await badCadence.json()).toMatchObject({
      code: 'invalid_subscription',
      problems: [{ path: 'cadence' }],
    });
    const badFolder = await POST(
      send('POST', '/api/subscriptions', { format: 'pdf', cadence: 'daily 07:00', folder: '../x' }),
    );
    expect(await badFolder.json()).toMatchObject({ problems: [{ path: 'folder' }] });
  });
});

describe('/api/alerts', () => {
  it('adds a rule, lists the alert it raises until acknowledged, and removes the rule', async () => {
    const { GET, POST } = await import('./alerts/route');
    const invalid = await POST(
      send('POST', '/api/alerts', { kpi: 'order_fill_rate', when: 'change' }),
    );
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      code: 'invalid_alert_rule',
      problems: [{ path: 'by' }],
    });

    const created = await POST(
      send('POST', '/api/alerts', {
        kpi: 'order_fill_rate',
        when: 'target',
        recipients: ['ops@acme.test'],
      }),
    );
    expect(created.status).toBe(201);
    const { rule } = await created.json();
    expect(rule).toMatchObject({
      kpi: 'order_fill_rate',
      kpiName: 'Order fill rate',
      when: 'target',
      by: null,
      direction: 'any',
      dimension: null,
      segment: null,
      recipients: ['ops@acme.test'],
      description: 'Order fill rate misses its target in a complete month',
      state: 'armed',
      lastCheckedAt: null,
    });

    // A February order makes January (order fill rate 50%) a complete month; the target is 95%.
    const { POST: setTarget } = await import('./targets/route');
    await setTarget(send('POST', '/api/targets', { kpi: 'order_fill_rate', value: 95 }));
    const db = await server();
    const { config } = await import('@/lib/config');
    const { loadExtract } = await import('@/lib/ingest/load/load-extract');
    const { fixtureMapping } = await import('@/test/fixture-mapping');
    const file = path.join(config().uploadsDir, 'february.csv');
    await writeFile(
      file,
      'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency\n' +
        'X,2024-02-02 08:00:00,C1,web,DC1,North,,,,,,,open,10,EUR\n',
    );
    await loadExtract(db, {
      file,
      mapping: await fixtureMapping(file, 'orders'),
      tmpDir: config().workDir,
    });
    const { deliveryContext } = await import('@/lib/delivery/context');
    const { evaluateAlertRules } = await import('@/lib/alerts/evaluate');
    smtp.received.length = 0;
    await evaluateAlertRules(db, deliveryContext(db));

    const listed = await (await GET(request('/api/alerts'))).json();
    expect(listed.mail).toEqual({ configured: true });
    expect(listed.rules).toEqual([
      expect.objectContaining({ id: rule.id, state: 'triggered', lastPeriod: '2024-01-01' }),
    ]);
    expect(listed.alerts).toEqual([
      expect.objectContaining({
        ruleId: rule.id,
        kpi: 'order_fill_rate',
        period: '2024-01-01',
        value: 50,
        unit: 'percent',
        headline: 'Order fill rate missed its target in Jan 2024',
        message: 'Order fill rate was 50.0% in Jan 2024, missing its target of 95.0% (off track).',
        link: 'https://kpi.acme.test/kpis/order_fill_rate?from=2024-01-01&to=2024-01-31',
        delivery: { status: 'sent', error: null, attempts: 1 },
        acknowledgedAt: null,
      }),
    ]);
    expect(smtp.received.map((m) => m.mail.subject)).toEqual([
      'Orderlens: KPI alert, Order fill rate missed its target in Jan 2024',
    ]);

    const alertId = listed.alerts[0].id as string;
    const { POST: acknowledge } = await import('./alerts/[id]/acknowledge/route');
    const acked = await acknowledge(
      send('POST', `/api/alerts/${alertId}/acknowledge`),
      context(alertId),
    );
    expect((await acked.json()).alert).toMatchObject({ id: alertId, acknowledgedBy: 'local' });
    expect((await (await GET(request('/api/alerts'))).json()).alerts).toEqual([]);
    expect((await (await GET(request('/api/alerts?all=1'))).json()).alerts).toHaveLength(1);
    const missing = await acknowledge(
      send('POST', '/api/alerts/nope/acknowledge'),
      context('nope'),
    );
    expect(missing.status).toBe(404);

    const { DELETE } = await import('./alerts/rules/[id]/route');
    const removed = await DELETE(send('DELETE', `/api/alerts/rules/${rule.id}`), context(rule.id));
    expect(await removed.json()).toEqual({ removed: rule.id });
    expect((await (await GET(request('/api/alerts'))).json()).rules).toEqual([]);

    for (const action of [
      'alerts.rule_add',
      'alerts.trigger',
      'alerts.acknowledge',
      'alerts.rule_remove',
    ])
      expect(await audited(action), action).toHaveLength(1);
  });
});
