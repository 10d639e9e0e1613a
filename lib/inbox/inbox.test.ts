import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/lib/auth/audit';
import { listAlerts } from '@/lib/alerts/rules';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { deliveryContext } from '@/lib/delivery/context';
import { startSmtpServer } from '@/lib/delivery/smtp-test-server';
import { listLoads } from '@/lib/ingest/load/ledger';
import { saveProfile } from '@/lib/ingest/load/profiles';
import { runInboxPass, type InboxContext } from './inbox';
import { listInboxFiles } from './record';
import { checkInbox } from './service';
import { setInboxNotify } from './settings';

const HEADER = 'Order ID,Order Date,Ship Date,Customer ID,Line,SKU,Quantity';
const GOOD = `${HEADER}
SO-1,2024-03-01,2024-03-04,C-1,1,A-100,2
SO-1,2024-03-01,2024-03-04,C-1,2,B-200,1
SO-2,2024-03-02,2024-03-03,C-2,1,A-100,5
`;
// Two of three rows fail: a ship date before the order, and an impossible date.
const BAD = `${HEADER}
SO-7,2024-03-01,2024-03-04,C-1,1,A-100,2
SO-8,2024-03-05,2024-03-02,C-1,1,A-100,1
SO-9,2024-02-30,2024-03-03,C-2,1,A-100,5
`;
const FLAT = {
  table: 'flat',
  columns: {
    order_id: 'Order ID',
    order_ts: 'Order Date',
    ship_ts: 'Ship Date',
    customer_id: 'Customer ID',
    line_no: 'Line',
    sku: 'SKU',
    qty_ordered: 'Quantity',
  },
};

async function setup() {
  const db = await openMemoryDatabase();
  const root = await mkdtemp(path.join(os.tmpdir(), 'orderlens-inbox-'));
  const folder = path.join(root, 'inbox');
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
  const audit: AuditEvent[] = [];
  const alerted: string[] = [];
  const context: InboxContext = {
    folder,
    workDir: path.join(root, 'work'),
    previewDb: await openMemoryDatabase(),
    now: () => new Date(),
    audit: async (event) => void audit.push(event),
    alert: async (file) => {
      alerted.push(file.fileName);
      return `alert-${alerted.length}`;
    },
    settleMs: 0,
  };
  const drop = (name: string, text: string) => writeFile(path.join(folder, name), text);
  const list = async (sub = '') => (await readdir(path.join(folder, sub))).sort();
  return { db, folder, context, audit, alerted, drop, list };
}

const orderCount = async (db: Database) =>
  (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM orders'))!.n;

describe('the inbox', () => {
  it('loads a file with the profile its headers match and moves it to done/', async () => {
    const { db, context, audit, drop, list } = await setup();
    await saveProfile(db, { name: 'Weekly orders', headers: HEADER.split(','), mapping: FLAT });
    await drop('orders-w10.csv', GOOD);
    const pass = await runInboxPass(db, context);
    expect(pass.files).toHaveLength(1);
    expect(pass.files[0]).toMatchObject({
      fileName: 'orders-w10.csv',
      outcome: 'loaded',
      profile: 'Weekly orders',
      rejectsFile: null,
      alertId: null,
    });
    expect(pass.files[0]!.movedTo).toMatch(/^done\/\d{8}-\d{6}-orders-w10\.csv$/);
    expect(await list()).toEqual(['done', 'failed']);
    expect(await list('done')).toEqual([pass.files[0]!.movedTo!.slice('done/'.length)]);
    expect(await orderCount(db)).toBe(2);
    const loads = await listLoads(db);
    expect(loads.map((l) => [l.loadId, l.status, l.fileName])).toEqual([
      [pass.files[0]!.loadId, 'loaded', 'orders-w10.csv'],
    ]);
    // The dry run, the load and the file's outcome are audited.
    expect(audit.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'load.dry_run ok',
      'load ok',
      'inbox.file ok',
    ]);
    expect(await listInboxFiles(db)).toEqual(pass.files);
  });

  it('takes the same file dropped again as already loaded: nothing changes', async () => {
    const { db, context, drop, list } = await setup();
    await saveProfile(db, { name: 'Weekly orders', headers: HEADER.split(','), mapping: FLAT });
    await drop('orders.csv', GOOD);
    const first = await runInboxPass(db, context);
    await drop('orders.csv', GOOD);
    const again = await runInboxPass(db, context);
    expect(again.files[0]).toMatchObject({
      outcome: 'duplicate',
      loadId: first.files[0]!.loadId,
      message: `orders.csv has the same content as load ${first.files[0]!.loadId} (orders.csv); it was not loaded again.`,
    });
    expect((await listLoads(db)).length).toBe(1);
    expect(await orderCount(db)).toBe(2);
    // Both copies are in done/ under their own names, the second with a note.
    const done = await list('done');
    expect(done).toHaveLength(3);
    expect(done.filter((f) => f.endsWith('.txt'))).toHaveLength(1);
  });

  it('leaves a file that fails its checks in failed/ with its rejects, a note and an alert', async () => {
    const { db, folder, context, alerted, drop, list } = await setup();
    await saveProfile(db, {
      name: 'Weekly orders',
      headers: HEADER.split(','),
      mapping: { ...FLAT, maxRejectedRows: 1 },
    });
    await drop('orders-bad.csv', BAD);
    const [file] = (await runInboxPass(db, context)).files;
    expect(file).toMatchObject({
      outcome: 'rejected',
      profile: 'Weekly orders',
      alertId: 'alert-1',
    });
    expect(file!.message).toMatch(/2 of 3 rows/);
    expect(alerted).toEqual(['orders-bad.csv']);
    expect(await orderCount(db)).toBe(0);
    const failed = await list('failed');
    expect(failed).toHaveLength(3);
    const rejects = await readFile(path.join(folder, file!.rejectsFile!), 'utf-8');
    expect(
      rejects.split('\n').filter((l) => l.includes('SO-8') || l.includes('SO-9')),
    ).toHaveLength(2);
    expect(rejects).not.toContain('SO-7');
    const note = await readFile(path.join(folder, `${file!.movedTo!}.txt`), 'utf-8');
    expect(note).toContain('orders-bad.csv: not loaded: its rows failed the checks');
    // The refusal is in the ledger, as the wizard's would be.
    expect((await listLoads(db)).map((l) => l.status)).toEqual(['rejected']);
  });

  it('a file within its profile allowance is loaded without its bad rows', async () => {
    const { db, context, drop } = await setup();
    await saveProfile(db, {
      name: 'Weekly orders',
      headers: HEADER.split(','),
      mapping: { ...FLAT, maxRejectedRows: 2 },
    });
    await drop('orders-bad.csv', BAD);
    const [file] = (await runInboxPass(db, context)).files;
    expect(file).toMatchObject({ outcome: 'loaded', alertId: null });
    expect(file!.message).toMatch(/2 rows were left out/);
    // The rows it left out sit beside it in done/.
    expect(file!.rejectsFile).toBe(`${file!.movedTo!}.rejects.csv`);
    expect(await orderCount(db)).toBe(1);
  });

  it('a file matching no profile waits in failed/ with a note naming its columns', async () => {
    const { db, folder, context, drop, list } = await setup();
    await drop('mystery.csv', 'a,b\n1,2\n');
    const [file] = (await runInboxPass(db, context)).files;
    expect(file).toMatchObject({ outcome: 'no_profile', profile: null, loadId: null });
    expect(await list('failed')).toEqual([
      path.basename(file!.movedTo!),
      `${path.basename(file!.movedTo!)}.txt`,
    ]);
    const note = await readFile(path.join(folder, `${file!.movedTo!}.txt`), 'utf-8');
    expect(note).toContain('matches no saved profile');
    expect(note).toContain('Its columns: a, b');
    expect(await listLoads(db)).toEqual([]);
  });

  it('leaves a file still being written, and names in progress, for a later pass', async () => {
    const { db, context, drop, list } = await setup();
    await saveProfile(db, { name: 'Weekly orders', headers: HEADER.split(','), mapping: FLAT });
    await drop('orders.csv', GOOD);
    await drop('orders2.csv.part', GOOD);
    const pass = await runInboxPass(db, { ...context, settleMs: 60_000 });
    expect(pass).toMatchObject({ files: [], waiting: ['orders.csv'] });
    expect(await list()).toEqual(['done', 'failed', 'orders.csv', 'orders2.csv.part']);
  });

  it('reads a file with lines above its header as its profile says', async () => {
    const { db, context, drop } = await setup();
    await saveProfile(db, {
      name: 'ERP report',
      headers: HEADER.split(','),
      mapping: { ...FLAT, skipRows: 2 },
    });
    await drop('report.csv', `Order report\nExported by the ERP\n${GOOD}`);
    const [file] = (await runInboxPass(db, context)).files;
    expect(file).toMatchObject({ outcome: 'loaded', profile: 'ERP report' });
    expect(await orderCount(db)).toBe(2);
  });

  it('takes orders before the lines and returns dropped with them', async () => {
    const { db, context, drop } = await setup();
    await saveProfile(db, { name: 'Weekly orders', headers: HEADER.split(','), mapping: FLAT });
    await saveProfile(db, {
      name: 'Returns',
      headers: ['Order ID', 'Line', 'Returned', 'Qty'],
      mapping: {
        table: 'returns',
        columns: {
          order_id: 'Order ID',
          line_no: 'Line',
          return_ts: 'Returned',
          qty_returned: 'Qty',
        },
      },
    });
    await drop('a-returns.csv', 'Order ID,Line,Returned,Qty\nSO-1,1,2024-03-10,1\n');
    await drop('b-orders.csv', GOOD);
    const pass = await runInboxPass(db, context);
    expect(pass.files.map((f) => [f.fileName, f.outcome])).toEqual([
      ['b-orders.csv', 'loaded'],
      ['a-returns.csv', 'loaded'],
    ]);
  });

  it('raises an alert to the inbox recipients for a failed file (checkInbox)', async () => {
    const { db, folder, context, drop } = await setup();
    await setInboxNotify(db, ['ops@acme.test']);
    await drop('mystery.csv', 'a,b\n1,2\n');
    const pass = await checkInbox(db, {
      folder,
      workDir: context.workDir,
      previewDb: context.previewDb,
      settleMs: 0,
      delivery: deliveryContext(db, { audit: async () => undefined }),
    });
    const [alert] = await listAlerts(db);
    expect(alert).toMatchObject({
      id: pass.files[0]!.alertId,
      about: 'inbox',
      kpiName: 'the inbox',
      headline: 'mystery.csv in the inbox was not loaded',
      recipients: ['ops@acme.test'],
      delivery: { status: 'not_configured' },
    });
    expect(alert!.link).toMatch(/\/data#inbox$/);
  });

  it('mails the failure to the inbox recipients, naming the file and why', async () => {
    const { db, folder, context, drop } = await setup();
    const smtp = await startSmtpServer();
    try {
      await setInboxNotify(db, ['ops@acme.test']);
      await drop('mystery.csv', 'a,b\n1,2\n');
      await checkInbox(db, {
        folder,
        workDir: context.workDir,
        previewDb: context.previewDb,
        settleMs: 0,
        delivery: deliveryContext(db, {
          audit: async () => undefined,
          mail: { smtpUrl: smtp.url, from: 'kpi@acme.test' },
          publicUrl: 'https://kpi.acme.test',
        }),
      });
      expect(smtp.received.map((m) => m.to)).toEqual([['ops@acme.test']]);
      const { mail } = smtp.received[0]!;
      expect(mail.subject).toBe('Orderlens: inbox alert, mystery.csv in the inbox was not loaded');
      expect(mail.text).toContain('mystery.csv matches no saved profile');
      expect(mail.text).toContain('Open the inbox: https://kpi.acme.test/data#inbox');
      expect((await listAlerts(db))[0]!.delivery.status).toBe('sent');
    } finally {
      await smtp.close();
    }
  });
});
