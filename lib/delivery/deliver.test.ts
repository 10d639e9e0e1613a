import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import type { Database } from '@/lib/db/database';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { pdfText } from '@/lib/report/report-test-helpers';
import { setOrganisation } from '@/lib/settings/branding';
import { deliveryContext, type DeliveryContext } from './context';
import { listDeliveries, rangeText, runAllSubscriptionsNow, runDueSubscriptions } from './deliver';
import { startSmtpServer, type TestSmtpServer } from './smtp-test-server';
import {
  createSubscription,
  getSubscription,
  listSubscriptions,
  removeSubscription,
  SubscriptionValidationError,
} from './subscriptions';

// The KPI fixture: orders of January 2024, its last event on 2024-01-10.
let db: Database;
let smtp: TestSmtpServer;
let exportsDir: string;
/** The injected clock: no test waits for real time to pass. */
let clock: Date;

beforeAll(async () => {
  db = await loadKpiFixture();
  await setOrganisation(db, 'Acme Wholesale');
  smtp = await startSmtpServer();
  exportsDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-deliveries-'));
});
afterAll(async () => {
  await smtp.close();
  db.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.refuse = null;
  for (const s of await listSubscriptions(db)) await removeSubscription(db, s.id);
});

const context = (overrides: Partial<DeliveryContext> = {}): DeliveryContext =>
  deliveryContext(db, {
    now: () => clock,
    mail: { smtpUrl: smtp.url, from: 'Orderlens <kpi@acme.test>' },
    publicUrl: 'https://kpi.acme.test',
    deliveryDirs: [exportsDir],
    ...overrides,
  });

const subscribe = (input: Record<string, unknown>, now = '2024-03-20T12:00:00Z') =>
  createSubscription(
    db,
    { cadence: 'weekly mon 07:00', timeZone: 'Europe/Berlin', ...input },
    { by: 'ana', now: new Date(now), deliveryDirs: [exportsDir] },
  );

const at = (iso: string) => {
  clock = new Date(iso);
};

const deliveryAudit = async () =>
  (await listAudit(db, { action: 'subscriptions.deliver', limit: 100 })).reverse();

describe('a scheduled PDF by mail, through a real SMTP server', () => {
  it('goes out at 07:00 Berlin time, to every recipient, with the report attached', async () => {
    const s = await subscribe({
      format: 'pdf',
      recipients: ['ops@acme.test', 'cfo@acme.test'],
      filters: { from: '2024-01-01', to: '2024-01-31' },
    });
    // Winter time: 07:00 in Berlin is 06:00 UTC.
    expect(s.nextRunAt).toBe('2024-03-25T06:00:00.000Z');
    expect(s.cadenceText).toBe('every Monday at 07:00 (Europe/Berlin)');

    at('2024-03-25T05:59:59Z');
    expect(await runDueSubscriptions(db, context())).toEqual([]);
    expect(smtp.received).toHaveLength(0);

    at('2024-03-25T06:00:20Z');
    const [outcome] = await runDueSubscriptions(db, context());
    expect(outcome).toMatchObject({
      status: 'sent',
      runKind: 'schedule',
      attempt: 1,
      fileName: 'orderlens-report-2024-03-25.pdf',
      sentTo: ['ops@acme.test', 'cfo@acme.test'],
      error: null,
    });
    expect(smtp.received).toHaveLength(1);
    const { from, to, mail } = smtp.received[0]!;
    expect(from).toBe('kpi@acme.test');
    expect(to).toEqual(['ops@acme.test', 'cfo@acme.test']);
    expect(mail.subject).toBe('Acme Wholesale: KPI benchmark report, January 2024');
    expect(mail.text).toContain('Schedule: every Monday at 07:00 (Europe/Berlin)');
    expect(mail.text).toContain('Open Orderlens: https://kpi.acme.test/reports');
    expect(mail.html).toContain('<strong>Acme Wholesale</strong>');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('orderlens-report-2024-03-25.pdf');
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(attachment!.content)).toContain('Acme Wholesale');

    // The summer-time slot comes next; the page shows how the last run went.
    const after = (await getSubscription(db, s.id))!;
    expect(after).toMatchObject({
      nextRunAt: '2024-04-01T05:00:00.000Z',
      retryAt: null,
      attempts: 0,
      lastRunAt: '2024-03-25T06:00:20.000Z',
      lastStatus: 'sent',
      lastError: null,
    });
    expect(await listDeliveries(db, { subscriptionId: s.id })).toEqual([
      expect.objectContaining({ status: 'sent', runKind: 'schedule', attempt: 1 }),
    ]);
    expect((await deliveryAudit()).at(-1)).toMatchObject({
      actor: 'scheduler',
      outcome: 'ok',
      target: `subscription ${s.id}: orderlens-report-2024-03-25.pdf`,
    });
  });

  it('runs a run missed while the server was down once at the next start, not once per slot', async () => {
    const s = await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    // Down from before the first slot (03-25) until Wednesday 04-17: three Mondays missed.
    at('2024-04-17T09:00:00Z');
    const outcomes = await runDueSubscriptions(db, context());
    expect(outcomes.map((o) => o.status)).toEqual(['sent']);
    expect(smtp.received).toHaveLength(1);
    expect((await getSubscription(db, s.id))!.nextRunAt).toBe('2024-04-22T05:00:00.000Z');
    // The next tick finds nothing due.
    at('2024-04-17T09:00:45Z');
    expect(await runDueSubscriptions(db, context())).toEqual([]);
    expect(smtp.received).toHaveLength(1);
  });

  it("names the report's own period in the subject when the filters give none", async () => {
    await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    at('2024-03-25T06:00:00Z');
    await runDueSubscriptions(db, context());
    // The data ends on 2024-01-10: the last complete month is December 2023.
    expect(smtp.received[0]!.mail.subject).toBe(
      'Acme Wholesale: KPI benchmark report, December 2023',
    );
  });
});

describe('a failed delivery', () => {
  it('is retried after 1, 5 and 30 minutes, then left for the next slot, each failure audited', async () => {
    const s = await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    smtp.refuse = '451 4.3.2 mailbox unavailable, try again later';
    const before = (await deliveryAudit()).length;

    at('2024-03-25T06:00:00Z');
    const [first] = await runDueSubscriptions(db, context());
    expect(first).toMatchObject({
      status: 'failed',
      attempt: 1,
      retryAt: '2024-03-25T06:01:00.000Z',
    });
    expect(first!.error).toMatch(/^mail: .*451.*try again later/);
    expect(await getSubscription(db, s.id)).toMatchObject({
      lastStatus: 'retrying',
      attempts: 1,
      retryAt: '2024-03-25T06:01:00.000Z',
      nextRunAt: '2024-04-01T05:00:00.000Z',
    });

    // Not before its time.
    at('2024-03-25T06:00:59Z');
    expect(await runDueSubscriptions(db, context())).toEqual([]);

    const retries: [string, string | null][] = [
      ['2024-03-25T06:01:00Z', '2024-03-25T06:06:00.000Z'],
      ['2024-03-25T06:06:00Z', '2024-03-25T06:36:00.000Z'],
      ['2024-03-25T06:36:00Z', null],
    ];
    for (const [when, retryAt] of retries) {
      at(when);
      const [outcome] = await runDueSubscriptions(db, context());
      expect(outcome).toMatchObject({ status: 'failed', runKind: 'retry', retryAt });
    }
    const gaveUp = (await getSubscription(db, s.id))!;
    expect(gaveUp).toMatchObject({
      lastStatus: 'failed',
      attempts: 0,
      retryAt: null,
      nextRunAt: '2024-04-01T05:00:00.000Z',
    });
    expect(gaveUp.lastError).toMatch(/451/);
    // Nothing more until the next Monday.
    at('2024-03-25T12:00:00Z');
    expect(await runDueSubscriptions(db, context())).toEqual([]);
    expect(smtp.received).toHaveLength(0);

    const audited = (await deliveryAudit()).slice(before);
    expect(audited.map((e) => [e.outcome, e.detail?.split(';')[0]])).toEqual([
      ['failed', 'schedule attempt 1'],
      ['failed', 'retry attempt 2'],
      ['failed', 'retry attempt 3'],
      ['failed', 'retry attempt 4'],
    ]);
    expect(audited[0]!.detail).toMatch(/451.*retry at 2024-03-25T06:01:00.000Z/);
    expect(audited[3]!.detail).toMatch(/no more retries; next run 2024-04-01T05:00:00.000Z/);
    expect((await listDeliveries(db, { subscriptionId: s.id })).map((d) => d.attempt)).toEqual([
      4, 3, 2, 1,
    ]);

    // The server is back by the next slot.
    smtp.refuse = null;
    at('2024-04-01T05:00:00Z');
    expect((await runDueSubscriptions(db, context()))[0]).toMatchObject({ status: 'sent' });
    expect(await getSubscription(db, s.id)).toMatchObject({ lastStatus: 'sent', lastError: null });
  });

  it('succeeds at a retry once the server takes mail again', async () => {
    await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    smtp.refuse = '451 4.3.2 try again later';
    at('2024-03-25T06:00:00Z');
    await runDueSubscriptions(db, context());
    smtp.refuse = null;
    at('2024-03-25T06:01:00Z');
    const [retry] = await runDueSubscriptions(db, context());
    expect(retry).toMatchObject({ status: 'sent', runKind: 'retry', attempt: 2, retryAt: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('is not retried when mail is not configured, and says so', async () => {
    const s = await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    at('2024-03-25T06:00:00Z');
    const [outcome] = await runDueSubscriptions(
      db,
      context({ mail: { from: 'Orderlens <kpi@acme.test>' } }),
    );
    expect(outcome).toMatchObject({ status: 'failed', retryAt: null });
    expect(await getSubscription(db, s.id)).toMatchObject({
      lastStatus: 'failed',
      lastError: expect.stringMatching(/mail is not configured \(set ORDERLENS_SMTP_URL/),
    });
  });

  it('refuses a login the server does not accept', async () => {
    await subscribe({ format: 'pdf', recipients: ['ops@acme.test'] });
    at('2024-03-25T06:00:00Z');
    const wrong = smtp.url.replace(/:[^:@]+@/, ':wrong@');
    const [outcome] = await runDueSubscriptions(
      db,
      context({ mail: { smtpUrl: wrong, from: 'kpi@acme.test' } }),
    );
    expect(outcome!.error).toMatch(/^mail: EAUTH: .*535/);
    expect(outcome!.error).not.toContain('wrong');
  });
});

describe('a workbook to a folder and by mail', () => {
  it('writes the XLSX into a folder under the exports folder and mails the same file', async () => {
    const s = await subscribe({
      format: 'xlsx',
      recipients: ['ops@acme.test'],
      folder: 'weekly',
      cadence: 'monthly first-working-day 07:00',
      timeZone: 'America/New_York',
      filters: { site: ['DC1'] },
    });
    expect(s.folder).toBe(path.join(exportsDir, 'weekly'));
    // April 2024 begins on a Monday: 07:00 EDT is 11:00 UTC.
    expect(s.nextRunAt).toBe('2024-04-01T11:00:00.000Z');
    at('2024-04-01T11:00:00Z');
    const [outcome] = await runDueSubscriptions(db, context());
    expect(outcome).toMatchObject({
      status: 'sent',
      writtenTo: path.join(exportsDir, 'weekly', 'orderlens-report-2024-04-01.xlsx'),
    });
    const onDisk = await readFile(outcome!.writtenTo!);
    const attachment = smtp.received[0]!.mail.attachments[0]!;
    expect(attachment.filename).toBe('orderlens-report-2024-04-01.xlsx');
    expect(attachment.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(attachment.content as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const cells = book.worksheets
      .flatMap((sheet) => sheet.getSheetValues().flat())
      .map((v) => String(v ?? ''));
    expect(cells.some((v) => v.includes('Acme Wholesale'))).toBe(true);
    expect(onDisk.equals(attachment.content)).toBe(true);

    // A second run on the same day does not overwrite the first file.
    const [again] = await runAllSubscriptionsNow(db, context());
    expect(again!.writtenTo).toBe(
      path.join(exportsDir, 'weekly', 'orderlens-report-2024-04-01-2.xlsx'),
    );
    expect((await readdir(path.join(exportsDir, 'weekly'))).sort()).toEqual([
      'orderlens-report-2024-04-01-2.xlsx',
      'orderlens-report-2024-04-01.xlsx',
    ]);
  });

  it('refuses a folder outside the allowed delivery folders', async () => {
    for (const folder of ['../elsewhere', '/etc']) {
      const refused = subscribe({ format: 'pdf', folder });
      await expect(refused).rejects.toThrow(SubscriptionValidationError);
      await expect(refused).rejects.toMatchObject({ problems: [{ path: 'folder' }] });
    }
  });
});

describe('run now', () => {
  it('sends every subscription at once and leaves their schedules as they were', async () => {
    const a = await subscribe({ format: 'pdf', recipients: ['a@acme.test'] });
    const b = await subscribe(
      { format: 'pptx', recipients: ['b@acme.test'], cadence: 'daily 06:00', timeZone: 'UTC' },
      '2024-03-20T12:00:01Z',
    );
    at('2024-03-21T10:00:00Z');
    const outcomes = await runAllSubscriptionsNow(db, context());
    expect(outcomes.map((o) => [o.subscriptionId, o.status, o.runKind])).toEqual([
      [a.id, 'sent', 'now'],
      [b.id, 'sent', 'now'],
    ]);
    expect(smtp.received.map((m) => m.to)).toEqual([['a@acme.test'], ['b@acme.test']]);
    expect(smtp.received[1]!.mail.attachments[0]!.filename).toBe(
      'orderlens-report-2024-03-21.pptx',
    );
    expect((await getSubscription(db, a.id))!.nextRunAt).toBe(a.nextRunAt);
    expect((await getSubscription(db, b.id))!.nextRunAt).toBe('2024-03-21T06:00:00.000Z');
  });
});

describe('subscription input', () => {
  it('lists every problem by field', async () => {
    const refused = subscribe({
      format: 'docx',
      recipients: ['not-an-address'],
      timeZone: 'Mars/Olympus',
    });
    await expect(refused).rejects.toThrow(SubscriptionValidationError);
    const error = (await refused.catch((e: unknown) => e)) as SubscriptionValidationError;
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'format',
      'recipients[0]',
      'timeZone',
    ]);
  });

  it('needs a recipient or a folder, a cadence it can read and KPIs of the catalogue', async () => {
    await expect(subscribe({ format: 'pdf' })).rejects.toMatchObject({
      problems: [{ path: 'recipients', message: 'give at least one recipient or a folder' }],
    });
    await expect(
      subscribe({ format: 'pdf', recipients: ['a@acme.test'], cadence: 'fortnightly' }),
    ).rejects.toMatchObject({ code: 'invalid_subscription', problems: [{ path: 'cadence' }] });
    await expect(
      subscribe({ format: 'pdf', recipients: ['a@acme.test'], kpis: ['no_such_kpi'] }),
    ).rejects.toMatchObject({ code: 'unknown_kpi' });
  });

  it('names a whole month by its name and any other range by its days', () => {
    expect(rangeText('2024-02-01', '2024-02-29')).toBe('February 2024');
    expect(rangeText('2024-02-01', '2024-02-28')).toBe('2024-02-01 to 2024-02-28');
  });
});
