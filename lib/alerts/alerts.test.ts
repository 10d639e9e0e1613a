import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import { importBandSet } from '@/lib/benchmarks/store';
import { removeTarget, setTarget } from '@/lib/benchmarks/targets';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { deliveryContext, type DeliveryContext } from '@/lib/delivery/context';
import { evaluateAfterDataChanges } from '@/lib/delivery/scheduler';
import { startSmtpServer, type TestSmtpServer } from '@/lib/delivery/smtp-test-server';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { loadHalfMonthFixture } from '@/lib/kpi/kpi-test-helpers';
import { scorecard } from '@/lib/kpi/scorecard';
import { setOrganisation } from '@/lib/settings/branding';
import {
  alertEvaluationsSettled,
  checkRule,
  evaluateAlertRules,
  lastCompleteMonths,
  retryAlertMail,
} from './evaluate';
import {
  acknowledgeAlert,
  AlertRuleValidationError,
  createAlertRule,
  getAlertRule,
  listAlertRules,
  listAlerts,
  removeAlertRule,
} from './rules';
import { fixtureMapping } from '@/test/fixture-mapping';

/**
 * The half-month fixture (lib/kpi/kpi-test-helpers): order shipment cycle time is 24 h in
 * January 2024 and 48 h in February; the data ends on 2024-03-15, so February is the last
 * complete month and March does not count yet.
 */
const CYCLE = 'order_shipment_cycle_time';

let smtp: TestSmtpServer;
let dir: string;
let clock: Date;

beforeAll(async () => {
  smtp = await startSmtpServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-alerts-'));
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuse = null;
  clock = new Date('2024-03-20T08:00:00Z');
});

const context = (db: Database, overrides: Partial<DeliveryContext> = {}): DeliveryContext =>
  deliveryContext(db, {
    now: () => clock,
    mail: { smtpUrl: smtp.url, from: 'Orderlens <kpi@acme.test>' },
    publicUrl: 'https://kpi.acme.test',
    deliveryDirs: [dir],
    ...overrides,
  });

/** Rules are listed, and checked, in the order they were made: a millisecond apart here. */
let made = 0;
const rule = (db: Database, input: Record<string, unknown>) =>
  createAlertRule(
    db,
    { kpi: CYCLE, recipients: ['ops@acme.test'], ...input },
    {
      by: 'mia',
      now: new Date(clock.getTime() + ++made),
    },
  );

async function halfMonth() {
  const db = await loadHalfMonthFixture();
  await setOrganisation(db, 'Acme Wholesale');
  return db;
}

/** Load CSV lines for a table of the canonical model. */
async function load(db: Database, table: 'orders' | 'order_lines' | 'shipments', lines: string[]) {
  const file = path.join(dir, `${table}-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  const report = await loadExtract(db, { file, mapping: await fixtureMapping(file, table) });
  if (report.status !== 'loaded') throw new Error(report.message);
}

const ORDERS =
  'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency';
const LINES =
  'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts';
const SHIPMENTS =
  'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error';

/** One order shipped complete `hours` after it was placed, at site DC1. */
async function loadShippedOrder(db: Database, id: string, orderedAt: string, shippedAt: string) {
  await load(db, 'orders', [ORDERS, `${id},${orderedAt},C1,web,DC1,North,,,,,,,closed,10,EUR`]);
  await load(db, 'order_lines', [LINES, `${id},1,S1,1,10,,,`]);
  await load(db, 'shipments', [
    SHIPMENTS,
    `SH${id},${id},1,S1,1,${shippedAt},,DHL,standard,DC1,false,false`,
  ]);
}

describe('the months a rule reads', () => {
  it('are the last complete month before the horizon and the one before it', () => {
    expect(lastCompleteMonths('2024-03-15T12:00:00')).toEqual({
      last: { period: '2024-02-01', from: '2024-02-01', to: '2024-02-29' },
      previous: { period: '2024-01-01', from: '2024-01-01', to: '2024-01-31' },
    });
    // Data that runs to the very end of March makes March complete.
    expect(lastCompleteMonths('2024-04-01T00:00:00')!.last.period).toBe('2024-03-01');
    expect(lastCompleteMonths(null)).toBeNull();
  });
});

describe('a target rule', () => {
  let db: Database;
  beforeAll(async () => {
    db = await halfMonth();
  });
  afterAll(() => db.close());

  it('fires once when the last complete month misses the target, by mail, listed until acknowledged', async () => {
    const target = await setTarget(db, { kpi: CYCLE, value: 36 });
    const r = await rule(db, { when: 'target', recipients: ['ops@acme.test', 'cfo@acme.test'] });
    expect(r).toMatchObject({
      state: 'armed',
      description: 'Order shipment cycle time misses its target in a complete month',
    });

    const first = await evaluateAlertRules(db, context(db));
    expect(first.fired).toHaveLength(1);
    const [alert] = first.fired;
    expect(alert).toMatchObject({
      kpi: CYCLE,
      period: '2024-02-01',
      value: 48,
      headline: 'Order shipment cycle time missed its target in Feb 2024',
      message:
        'Order shipment cycle time was 48.0 h in Feb 2024, missing its target of 36.0 h (off track).',
      link: 'https://kpi.acme.test/kpis/order_shipment_cycle_time?from=2024-02-01&to=2024-02-29',
      delivery: { status: 'sent', error: null, attempts: 1 },
      acknowledgedAt: null,
    });
    expect(smtp.received).toHaveLength(1);
    const { to, mail } = smtp.received[0]!;
    expect(to).toEqual(['ops@acme.test', 'cfo@acme.test']);
    expect(mail.subject).toBe(
      'Acme Wholesale: KPI alert, Order shipment cycle time missed its target in Feb 2024',
    );
    expect(mail.text).toContain('48.0 h in Feb 2024, missing its target of 36.0 h');
    expect(mail.text).toContain(
      'Rule: Order shipment cycle time misses its target in a complete month.',
    );
    expect(mail.text).toContain(
      'Open the KPI: https://kpi.acme.test/kpis/order_shipment_cycle_time?from=2024-02-01&to=2024-02-29',
    );
    expect(mail.html).toContain(
      'href="https://kpi.acme.test/kpis/order_shipment_cycle_time?from=2024-02-01&amp;to=2024-02-29"',
    );

    // Still missed at the next check: no second alert, no second mail.
    clock = new Date('2024-03-20T08:00:45Z');
    expect((await evaluateAlertRules(db, context(db))).fired).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    expect(await getAlertRule(db, r.id)).toMatchObject({
      state: 'triggered',
      lastPeriod: '2024-02-01',
      lastValue: 48,
    });

    // Listed until acknowledged.
    expect((await listAlerts(db)).map((a) => a.id)).toEqual([alert!.id]);
    const acknowledged = await acknowledgeAlert(db, alert!.id, 'mia', clock);
    expect(acknowledged).toMatchObject({
      acknowledgedBy: 'mia',
      acknowledgedAt: '2024-03-20T08:00:45.000Z',
    });
    expect(await listAlerts(db)).toEqual([]);
    expect((await listAlerts(db, { all: true })).map((a) => a.id)).toEqual([alert!.id]);

    // Re-armed only once the condition has cleared (a target of 50 h is met), then fires again.
    await setTarget(db, { kpi: CYCLE, value: 50 });
    expect((await evaluateAlertRules(db, context(db))).fired).toEqual([]);
    expect(await getAlertRule(db, r.id)).toMatchObject({ state: 'armed' });
    await setTarget(db, { kpi: CYCLE, value: 36 });
    const again = await evaluateAlertRules(db, context(db));
    expect(again.fired.map((a) => a.value)).toEqual([48]);
    expect(smtp.received).toHaveLength(2);

    const audited = await listAudit(db, { action: 'alerts.trigger' });
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ actor: 'scheduler', outcome: 'ok' });
    await removeTarget(db, target.id).catch(() => undefined);
  });

  it("reads a segment's own target, and cannot decide without one", async () => {
    await setTarget(db, { kpi: CYCLE, value: 60, dimension: 'site', segment: 'DC1' });
    const segmentRule = await rule(db, { when: 'target', dimension: 'site', segment: 'DC1' });
    expect(segmentRule.description).toBe(
      'Order shipment cycle time for site DC1 misses its target in a complete month',
    );
    expect(await checkRule(db, segmentRule)).toMatchObject({
      state: 'clear',
      message:
        'Order shipment cycle time for site DC1 was 48.0 h in Feb 2024, meeting its target of 60.0 h.',
    });
    const noTarget = await rule(db, { kpi: 'order_fill_rate', when: 'target' });
    expect(await checkRule(db, noTarget)).toMatchObject({
      state: 'unknown',
      note: 'the KPI has no target for this scope',
    });
    await removeAlertRule(db, segmentRule.id);
    await removeAlertRule(db, noTarget.id);
  });
});

describe('a change rule', () => {
  it('fires when the month moves by more than the amount, in either direction or only for the worse', async () => {
    const db = await halfMonth();
    const any = await rule(db, { when: 'change', by: 10 });
    const worse = await rule(db, { when: 'change', by: 10, direction: 'worse' });
    const wide = await rule(db, { when: 'change', by: 24 });
    expect(any.description).toBe(
      'Order shipment cycle time changes by more than 10 h from one complete month to the next',
    );
    expect(worse.description).toBe(
      'Order shipment cycle time gets worse by more than 10 h from one complete month to the next',
    );
    const { fired } = await evaluateAlertRules(db, context(db));
    // 24 h in January, 48 h in February: +24 h, worse for a time (lower is better).
    expect(fired.map((a) => [a.ruleId, a.previousValue, a.value])).toEqual([
      [any.id, 24, 48],
      [worse.id, 24, 48],
    ]);
    expect(fired[0]!.message).toBe(
      'Order shipment cycle time went from 24.0 h in Jan 2024 to 48.0 h in Feb 2024 (+24.0 h), more than the 10 h the rule allows.',
    );
    // Exactly 24 h is not more than 24 h.
    expect(await getAlertRule(db, wide.id)).toMatchObject({ state: 'armed', lastValue: 48 });
    db.close();
  });

  it('takes percentage points for a rate, and refuses a rule without its amount', async () => {
    const db = await halfMonth();
    const r = await rule(db, { kpi: 'order_fill_rate', when: 'change', by: 2 });
    expect(r.description).toBe(
      'Order fill rate changes by more than 2 percentage points from one complete month to the next',
    );
    const refused = rule(db, { when: 'change' });
    await expect(refused).rejects.toThrow(AlertRuleValidationError);
    await expect(refused).rejects.toMatchObject({ problems: [{ path: 'by' }] });
    await expect(rule(db, { when: 'band', by: 3 })).rejects.toMatchObject({
      problems: [{ path: 'by' }],
    });
    await expect(rule(db, { when: 'target', dimension: 'site' })).rejects.toMatchObject({
      problems: [{ path: 'segment' }],
    });
    await expect(rule(db, { kpi: 'nope', when: 'target' })).rejects.toMatchObject({
      code: 'invalid_alert_rule',
      problems: [{ path: 'kpi' }],
    });
    db.close();
  });
});

describe('a band rule', () => {
  /** Quartiles of a survey whose definition is ours, so a measured value is placed. */
  const survey = {
    id: 'acme-survey-cycle',
    kpi: CYCLE,
    name: 'Acme survey 2024: shipment cycle time',
    source: 'Acme survey',
    edition: '2024',
    peerGroup: 'Wholesale',
    sampleSize: 57,
    sourceDefinition: 'Hours from order receipt to final shipment, complete orders only.',
    citation: 'Acme survey report 2024, table 4',
    unit: 'hours',
    direction: 'lower',
    kind: 'survey',
    definitionDiffers: false,
    scheme: { type: 'quartiles', p25: 18, median: 30, p75: 36 },
  };

  it('fires when a measured value falls into a worse band than the month before', async () => {
    const db = await halfMonth();
    await importBandSet(db, survey, 'json');
    const r = await rule(db, { when: 'band' });
    const { fired } = await evaluateAlertRules(db, context(db));
    expect(fired).toHaveLength(1);
    // 24 h sits between p25 and the median; 48 h beyond p75.
    expect(fired[0]!.message).toMatch(
      /^Order shipment cycle time fell from the band "[^"]+" in Jan 2024 \(24\.0 h\) to "[^"]+" in Feb 2024 \(48\.0 h\), in Acme survey 2024: shipment cycle time\.$/,
    );
    const [, was, now] = /band "([^"]+)" .* to "([^"]+)"/.exec(fired[0]!.message)!;
    expect(was).not.toBe(now);
    expect(await getAlertRule(db, r.id)).toMatchObject({ state: 'triggered' });
    db.close();
  });

  it('never fires on an assumed value: it is not placed in a band', async () => {
    // A flat extract without shipped quantities: each line is assumed shipped in full, so the unit
    // return rate rests on an assumption. 0% in January, 50% in February (one of O2's two units
    // came back): a survey would put February in a worse band, were the value measured.
    const db = await openMemoryDatabase();
    const file = path.join(dir, 'flat-assumed.csv');
    await writeFile(
      file,
      [
        'Order ID,Order Date,Ship Date,Row ID,Product ID,Quantity',
        'O1,2024-01-10,2024-01-11,1,P1,2',
        'O2,2024-02-05,2024-02-08,2,P1,2',
        'O3,2024-03-01,2024-03-02,3,P1,1',
      ].join('\n'),
    );
    const mapping = {
      table: 'flat',
      columns: {
        order_id: 'Order ID',
        order_ts: 'Order Date',
        ship_ts: 'Ship Date',
        line_no: 'Row ID',
        sku: 'Product ID',
        qty_ordered: 'Quantity',
      },
      dateFormat: '%Y-%m-%d',
    } as Mapping;
    expect((await loadExtract(db, { file, mapping })).status).toBe('loaded');
    const returns = path.join(dir, 'returns-assumed.csv');
    await writeFile(
      returns,
      [
        'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
        'R1,O2,2,P1,1,2024-02-20 10:00:00,,CUST,customer_choice,10',
      ].join('\n'),
    );
    const loaded = await loadExtract(db, {
      file: returns,
      mapping: await fixtureMapping(returns, 'returns'),
    });
    expect(loaded.status).toBe('loaded');
    await importBandSet(
      db,
      {
        ...survey,
        id: 'acme-survey-returns',
        kpi: 'unit_return_rate',
        name: 'Acme survey 2024: unit return rate',
        unit: 'percent',
        scheme: { type: 'quartiles', p25: 2, median: 5, p75: 10 },
      },
      'json',
    );
    const [entry] = await scorecard(
      db,
      { filters: { from: '2024-02-01', to: '2024-02-29' }, details: false },
      ['unit_return_rate'],
    );
    expect([entry!.basis, entry!.value, entry!.placements]).toEqual(['assumed', 50, []]);

    const r = await rule(db, { kpi: 'unit_return_rate', when: 'band' });
    expect((await evaluateAlertRules(db, context(db))).fired).toEqual([]);
    expect(await getAlertRule(db, r.id)).toMatchObject({
      state: 'armed',
      lastValue: null,
      lastNote: 'the value rests on assumed or missing data, so it is not placed in a band',
    });
    expect(await listAlerts(db)).toEqual([]);
    db.close();
  });
});

describe('after a load', () => {
  it('checks the rules once the load has committed, and re-arms a rule only when it clears', async () => {
    const db = await halfMonth();
    evaluateAfterDataChanges(db, () => context(db));
    await setTarget(db, { kpi: CYCLE, value: 36 });
    const target = await rule(db, { when: 'target' });
    const change = await rule(db, { when: 'change', by: 10 });
    const initial = await evaluateAlertRules(db, context(db));
    expect(initial.fired.map((a) => a.ruleId)).toEqual([target.id, change.id]);

    // An April order moves the horizon: March (O3 24 h, O5 76 h: 50 h) is now complete. It still
    // misses the target, so no new alert; +2 h on February clears the change rule.
    clock = new Date('2024-04-03T08:00:00Z');
    await loadShippedOrder(db, 'O6', '2024-04-02 08:00:00', '2024-04-02 20:00:00');
    await alertEvaluationsSettled(db);
    expect(await getAlertRule(db, target.id)).toMatchObject({
      state: 'triggered',
      lastPeriod: '2024-03-01',
      lastValue: 50,
    });
    expect(await getAlertRule(db, change.id)).toMatchObject({ state: 'armed', lastValue: 50 });
    expect(await listAlerts(db)).toHaveLength(2);

    // A May order completes April (O6, 12 h): the target is met again (re-armed), and the change
    // of −38 h fires the re-armed change rule.
    clock = new Date('2024-05-03T08:00:00Z');
    await loadShippedOrder(db, 'O7', '2024-05-02 08:00:00', '2024-05-02 10:00:00');
    await alertEvaluationsSettled(db);
    expect(await getAlertRule(db, target.id)).toMatchObject({
      state: 'armed',
      lastPeriod: '2024-04-01',
      lastValue: 12,
    });
    const open = await listAlerts(db);
    expect(open.map((a) => [a.ruleId, a.period, a.value, a.previousValue])).toEqual([
      [change.id, '2024-04-01', 12, 50],
      [change.id, '2024-02-01', 48, 24],
      [target.id, '2024-02-01', 48, null],
    ]);
    db.close();
  });

  it('never makes a load fail, even when the check itself fails', async () => {
    const db = await halfMonth();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    evaluateAfterDataChanges(db, () => {
      throw new Error('configuration unreadable');
    });
    await loadShippedOrder(db, 'O8', '2024-04-02 08:00:00', '2024-04-02 20:00:00');
    await alertEvaluationsSettled(db);
    // Three loads (orders, lines, shipments), each checked after it committed, each failure logged.
    expect(logged.mock.calls.map((c) => String(c[1]))).toEqual(
      Array(3).fill('Error: configuration unreadable'),
    );
    logged.mockRestore();
    const [row] = await db.read<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM orders WHERE order_id = 'O8'",
    );
    expect(row!.n).toBe(1);
    db.close();
  });
});

describe('alert mail', () => {
  it('without mail settings, records and lists the alert and says mail is not configured', async () => {
    const db = await halfMonth();
    await setTarget(db, { kpi: CYCLE, value: 36 });
    await rule(db, { when: 'target' });
    const { fired } = await evaluateAlertRules(
      db,
      context(db, { mail: { from: 'Orderlens <kpi@acme.test>' } }),
    );
    expect(fired[0]!.delivery).toEqual({
      status: 'not_configured',
      error: 'mail is not configured (set ORDERLENS_SMTP_URL, e.g. smtp://user:pass@host:587)',
      attempts: 0,
    });
    expect((await listAlerts(db)).map((a) => a.delivery.status)).toEqual(['not_configured']);
    expect(smtp.received).toHaveLength(0);
    db.close();
  });

  it('is retried with backoff when the server refuses it, each failure audited', async () => {
    const db = await halfMonth();
    await setTarget(db, { kpi: CYCLE, value: 36 });
    await rule(db, { when: 'target' });
    smtp.refuse = '451 4.3.2 try again later';
    const [alert] = (await evaluateAlertRules(db, context(db))).fired;
    expect(alert!.delivery).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(alert!.delivery.error).toMatch(/451/);
    // Not yet: the first retry comes a minute later.
    expect(await retryAlertMail(db, context(db))).toEqual([]);
    clock = new Date(clock.getTime() + 60_000);
    smtp.refuse = null;
    const [retried] = await retryAlertMail(db, context(db));
    expect(retried!.delivery).toEqual({ status: 'sent', error: null, attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    const audited = (await listAudit(db, { action: 'alerts.trigger' })).reverse();
    expect(audited.map((e) => e.outcome)).toEqual(['ok', 'failed', 'ok']);
    expect(audited[1]!.detail).toMatch(/mail attempt 1 to ops@acme.test: retrying \(.*451/);
    db.close();
  });
});

describe('rules', () => {
  it('are listed with their state and removed; their alerts stay until acknowledged', async () => {
    const db = await halfMonth();
    await setTarget(db, { kpi: CYCLE, value: 36 });
    const r = await rule(db, { when: 'target', recipients: [] });
    const [alert] = (await evaluateAlertRules(db, context(db))).fired;
    expect(alert!.delivery.status).toBe('no_recipients');
    expect((await listAlertRules(db)).map((x) => [x.id, x.state])).toEqual([[r.id, 'triggered']]);
    await removeAlertRule(db, r.id);
    expect(await listAlertRules(db)).toEqual([]);
    expect((await listAlerts(db)).map((a) => a.rule)).toEqual([
      'Order shipment cycle time misses its target in a complete month',
    ]);
    await expect(removeAlertRule(db, r.id)).rejects.toMatchObject({ code: 'alert_rule_not_found' });
    await expect(acknowledgeAlert(db, 'nope', 'mia', clock)).rejects.toMatchObject({
      code: 'alert_not_found',
    });
    db.close();
  });
});
