import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '@/lib/delivery/smtp-test-server';
import { runCli } from './run-cli';

// orderlens subscriptions and orderlens alerts, as a user runs them, against a real SMTP server
// on loopback (configured before lib/config first reads the environment).
let smtp: TestSmtpServer;
let db: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.ORDERLENS_SMTP_URL = smtp.url;
  process.env.ORDERLENS_MAIL_FROM = 'kpi@acme.test';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-delivery-'));
  process.env.ORDERLENS_DATA_DIR = dir;
  db = path.join(dir, 'cli.duckdb');
  const fixtures = path.join(__dirname, '..', 'kpi', 'fixtures');
  for (const table of ['orders', 'order_lines', 'shipments', 'returns'])
    expect((await run('ingest', path.join(fixtures, `${table}.csv`), '--table', table)).code).toBe(
      0,
    );
});
afterAll(async () => {
  await smtp.close();
  for (const name of ['ORDERLENS_SMTP_URL', 'ORDERLENS_MAIL_FROM', 'ORDERLENS_DATA_DIR'])
    delete process.env[name];
});

const run = (...args: string[]) => runCli(db, ...args);

describe('orderlens subscriptions', () => {
  it('adds, lists, sends now and removes a subscription', async () => {
    const added = await run(
      'subscriptions',
      'add',
      '--to',
      'ops@acme.test, cfo@acme.test',
      '--format',
      'xlsx',
      '--cadence',
      'monthly first-working-day 07:00',
      '--tz',
      'America/New_York',
      '--site',
      'DC1',
      '--from',
      '2024-01-01',
      '--until',
      '2024-01-31',
      '--json',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    const subscription = JSON.parse(added.out);
    expect(subscription).toMatchObject({
      format: 'xlsx',
      recipients: ['ops@acme.test', 'cfo@acme.test'],
      cadence: 'monthly first-working-day 07:00',
      timeZone: 'America/New_York',
      report: { filters: { from: '2024-01-01', to: '2024-01-31', site: ['DC1'] } },
      createdBy: 'local',
    });

    const listed = await run('subscriptions', 'list');
    expect(listed.out).toContain(
      `${subscription.id}  xlsx  on the first working day (Monday to Friday) of every month at 07:00 (America/New_York)`,
    );
    expect(listed.out).toContain('to: ops@acme.test, cfo@acme.test');
    expect(listed.out).toContain('last: not run yet');

    const sent = await run('subscriptions', 'run', '--now');
    expect(sent.code).toBe(0);
    expect(sent.out).toMatch(
      new RegExp(`^${subscription.id}: sent, mailed to ops@acme.test, cfo@acme.test$`),
    );
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).toBe('Orderlens: KPI benchmark report, January 2024');
    expect(smtp.received[0]!.to).toEqual(['ops@acme.test', 'cfo@acme.test']);

    // Nothing is due yet: its first run is the next first working day.
    expect((await run('subscriptions', 'run')).out).toBe('Nothing is due.');

    expect((await run('subscriptions', 'remove', subscription.id)).out).toBe(
      `Subscription ${subscription.id} removed.`,
    );
    const again = await run('subscriptions', 'remove', subscription.id);
    expect(again).toMatchObject({ code: 1, err: `There is no subscription "${subscription.id}".` });
  });

  it('names the flag of each problem, and exits 2', async () => {
    const bad = await run(
      'subscriptions',
      'add',
      '--to',
      'nobody',
      '--format',
      'pdf',
      '--cadence',
      'weekly mon 07:00',
      '--tz',
      'Nowhere/Else',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^--to: not an e-mail address\n--tz: not a time zone/);
    const cadence = await run(
      'subscriptions',
      'add',
      '--to',
      'a@acme.test',
      '--format',
      'pdf',
      '--cadence',
      'fortnightly',
    );
    expect(cadence.code).toBe(2);
    expect(cadence.err).toMatch(/^--cadence: not a cadence; e\.g\. daily 07:00, weekly mon 07:00/);
    expect(
      (await run('subscriptions', 'add', '--format', 'pdf', '--cadence', 'daily 07:00')).err,
    ).toMatch(/^subscriptions add needs --to EMAIL\[,EMAIL…\] or --folder DIR\./);
  });
});

describe('orderlens alerts', () => {
  it('adds a rule, checks it, lists it and removes it', async () => {
    const added = await run(
      'alerts',
      'add',
      '--kpi',
      'order_fill_rate',
      '--when',
      'change',
      '--by',
      '2',
      '--segment',
      'site=DC1',
      '--to',
      'ops@acme.test',
    );
    expect(added.code).toBe(0);
    const [, id] = /^Alert rule ([0-9a-f]{12}): /.exec(added.out)!;
    expect(added.out).toBe(
      `Alert rule ${id}: Order fill rate for site DC1 changes by more than 2 percentage points from one complete month to the next.`,
    );

    // The fixture ends on 2024-01-10: no complete month holds a value yet.
    const checked = await run('alerts', 'check');
    expect(checked.code).toBe(0);
    expect(checked.out).toBe(
      `1 rule checked, 0 alerts raised.\n  ${id}: not decided, no value in Dec 2023.`,
    );

    const listed = JSON.parse((await run('alerts', 'list', '--json')).out);
    expect(listed.alerts).toEqual([]);
    expect(listed.rules).toEqual([
      expect.objectContaining({ id, state: 'armed', dimension: 'site', segment: 'DC1', by: 2 }),
    ]);

    expect((await run('alerts', 'remove', id!)).out).toBe(`Alert rule ${id} removed.`);
    expect((await run('alerts', 'ack', 'nope')).err).toBe('There is no alert "nope".');
  });

  it('refuses a change rule without its amount, or a segment without its value', async () => {
    const noAmount = await run('alerts', 'add', '--kpi', 'order_fill_rate', '--when', 'change');
    expect(noAmount).toMatchObject({ code: 2 });
    expect(noAmount.err).toMatch(/^--by: a change rule needs the amount/);
    const segment = await run(
      'alerts',
      'add',
      '--kpi',
      'order_fill_rate',
      '--when',
      'target',
      '--segment',
      'DC1',
    );
    expect(segment.err).toMatch(/^--segment takes DIMENSION=VALUE/);
  });
});
