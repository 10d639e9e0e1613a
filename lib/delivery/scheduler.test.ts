import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRule, listAlerts } from '@/lib/alerts/rules';
import { setTarget } from '@/lib/benchmarks/targets';
import type { Database } from '@/lib/db/database';
import { loadHalfMonthFixture } from '@/lib/kpi/kpi-test-helpers';
import { deliveryContext } from './context';
import { startScheduler } from './scheduler';
import { createSubscription, getSubscription } from './subscriptions';

let db: Database;
let exportsDir: string;
beforeAll(async () => {
  db = await loadHalfMonthFixture();
  exportsDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-scheduler-'));
});
afterAll(() => db.close());

describe('the scheduler', () => {
  it('at its start, runs a run missed while the server was down once, and checks the alert rules', async () => {
    const subscription = await createSubscription(
      db,
      { format: 'xlsx', folder: 'daily', cadence: 'daily 07:00', timeZone: 'Europe/Berlin' },
      { by: 'ana', now: new Date('2024-03-18T12:00:00Z'), deliveryDirs: [exportsDir] },
    );
    await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 36 });
    await createAlertRule(
      db,
      { kpi: 'order_shipment_cycle_time', when: 'target', recipients: ['ops@acme.test'] },
      { by: 'ana', now: new Date('2024-03-18T12:00:00Z') },
    );
    // The server was down from 03-18 to 03-22: four 07:00 slots passed.
    const clock = new Date('2024-03-22T09:30:00Z');
    const scheduler = startScheduler(db, {
      intervalMs: 3_600_000,
      context: (d) =>
        deliveryContext(d, {
          now: () => clock,
          mail: { from: 'kpi@acme.test' },
          deliveryDirs: [exportsDir],
        }),
    });
    try {
      await scheduler.tick(); // the first pass, begun at the start
      expect(await readdir(path.join(exportsDir, 'daily'))).toEqual([
        'orderlens-report-2024-03-22.xlsx',
      ]);
      expect(await getSubscription(db, subscription.id)).toMatchObject({
        lastStatus: 'sent',
        nextRunAt: '2024-03-23T06:00:00.000Z',
      });
      // February (48 h) misses the 36 h target; without mail settings it is listed and says so.
      expect((await listAlerts(db)).map((a) => [a.period, a.delivery.status])).toEqual([
        ['2024-02-01', 'not_configured'],
      ]);

      // The next pass in the same minute finds nothing to do.
      await scheduler.tick();
      expect(await readdir(path.join(exportsDir, 'daily'))).toHaveLength(1);
      expect(await listAlerts(db)).toHaveLength(1);
      // Started twice (register() again in development), it is the same scheduler.
      expect(startScheduler(db)).toBe(scheduler);
    } finally {
      scheduler.stop();
    }
  });
});
