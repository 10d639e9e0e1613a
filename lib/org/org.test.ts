/**
 * Teams, their roles and rules, and the attribution of orders and returns to them, on a hand-made
 * fixture whose counts are worked out below.
 *
 * | order | placed     | site | channel | customer group | region |
 * | O1    | 2024-01-05 | DC1  | web     | Retail         | North  |
 * | O2    | 2024-01-10 | DC1  | edi     | Wholesale      | North  |
 * | O3    | 2024-01-20 | DC2  | web     | Retail         | South  |
 * | O4    | 2024-01-25 | DC2  | edi     | Key            | South  |
 * | O5    | 2024-02-03 | DC1  | web     | Retail         | North  |
 * | O6    | 2024-02-14 | DC3  | phone   |                | East   |
 * | O7    | 2024-02-20 | DC2  | web     | Wholesale      | South  |
 * | O8    | 2024-03-02 | DC1  | edi     | Wholesale      | North  |
 *
 * Returns: R1 (O1, DC1) received 01-15, R2 (O3, DC2) 01-28, R3 (O5, DC1) 02-10, R4 (O8) undated.
 *
 * Order entry: Key accounts (customer group key, priority 5), Web desk (channel web, 10), EDI desk
 * (channel edi, 20). O4 is edi and Key: Key accounts wins on priority. O6 (phone) matches nothing
 * and the function has no team without rules: unattributed.
 *   Web desk O1, O3 | O5, O7 | –   Key accounts O4 | – | –   EDI desk O2 | – | O8   unattributed – | O6 | –
 * Customer service: Zulu service (site DC2, priority 1, entered first), Alpha service (region
 * South, priority 1), North service (region north, 1), General service (no rules: the rest).
 * O3, O4 and O7 match Zulu and Alpha at the same priority: Alpha, whose name sorts first.
 *   North O1, O2 | O5 | O8   Alpha O3, O4 | O7 | –   Zulu none   General – | O6 | –
 * Returns: Returns desk (site DC1): R1 | R3 | –; R2 (DC2) unattributed in January.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { setKpiInput } from '@/lib/kpi/inputs';
import { loadFixtureFiles } from '@/lib/kpi/kpi-test-helpers';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { undoLoad } from '@/lib/ingest/load/ledger';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monthsOf, teamReport, type TeamReport } from './report';
import { addRole, addRule, listOrg, removeRole, removeRule, removeTeam, saveTeam } from './teams';

const orders = [
  'order_id,order_ts,customer_id,channel,site,region,status,customer_group',
  'O1,2024-01-05 09:00:00,C1,web,DC1,North,closed,Retail',
  'O2,2024-01-10 09:00:00,C2,edi,DC1,North,closed,Wholesale',
  'O3,2024-01-20 09:00:00,C3,web,DC2,South,closed,Retail',
  'O4,2024-01-25 09:00:00,C4,edi,DC2,South,closed,Key',
  'O5,2024-02-03 09:00:00,C1,web,DC1,North,closed,Retail',
  'O6,2024-02-14 09:00:00,C5,phone,DC3,East,closed,',
  'O7,2024-02-20 09:00:00,C2,web,DC2,South,closed,Wholesale',
  'O8,2024-03-02 09:00:00,C2,edi,DC1,North,closed,Wholesale',
];
const files = {
  'orders.csv': orders,
  'order_lines.csv': [
    'order_id,line_no,sku,qty_ordered',
    ...orders.slice(1).map((o) => `${o.split(',')[0]},1,S1,1`),
  ],
  'shipments.csv': [
    'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,site',
    'SH1,O1,1,S1,1,2024-01-06 09:00:00,DC1',
  ],
  'returns.csv': [
    'return_id,order_id,line_no,sku,qty_returned,return_ts',
    'R1,O1,1,S1,1,2024-01-15 10:00:00',
    'R2,O3,1,S1,1,2024-01-28 10:00:00',
    'R3,O5,1,S1,1,2024-02-10 10:00:00',
    'R4,O8,1,S1,1,',
  ],
};

let db: Database;

async function buildOrg(db: Database) {
  await saveTeam(db, { name: 'Order management', function: 'other' });
  for (const [name, fn] of [
    ['Web desk', 'order_entry'],
    ['EDI desk', 'order_entry'],
    ['Key accounts', 'order_entry'],
    ['Zulu service', 'customer_service'],
    ['Alpha service', 'customer_service'],
    ['North service', 'customer_service'],
    ['General service', 'customer_service'],
    ['Returns desk', 'returns'],
  ])
    await saveTeam(db, { name, function: fn, parent: 'order management' });
  await addRule(db, 'Key accounts', { dimension: 'customer_group', value: 'key', priority: 5 });
  await addRule(db, 'Web desk', { dimension: 'channel', value: 'web', priority: 10 });
  await addRule(db, 'EDI desk', { dimension: 'channel', value: 'EDI', priority: 20 });
  await addRule(db, 'Zulu service', { dimension: 'site', value: 'DC2', priority: 1 });
  await addRule(db, 'Alpha service', { dimension: 'region', value: 'South', priority: 1 });
  await addRule(db, 'North service', { dimension: 'region', value: ' north ', priority: 1 });
  await addRule(db, 'Returns desk', { dimension: 'site', value: 'DC1' });
  // 2 FTE from 16 January: 16 of January's 31 days.
  await addRole(db, 'Web desk', {
    title: 'Order clerk',
    fte: 2,
    from: '2024-01-16',
    to: '2024-03-31',
  });
  await addRole(db, 'Returns desk', {
    title: 'Returns clerk',
    fte: 1,
    from: '2024-01-01',
    to: '2024-12-31',
  });
  // Cost under the team's name: all of January; half of March only.
  await setKpiInput(db, {
    from: '2024-01-01',
    to: '2024-01-31',
    team: 'Web desk',
    cost: 3100,
    currency: 'EUR',
  });
  await setKpiInput(db, {
    from: '2024-03-01',
    to: '2024-03-15',
    team: 'Web desk',
    cost: 1000,
    currency: 'EUR',
  });
}

const fnOf = (report: TeamReport, fn: string) => report.functions.find((f) => f.function === fn)!;
const volumes = (report: TeamReport, fn: string) =>
  Object.fromEntries(
    fnOf(report, fn).teams.map((t) => [t.team.name, t.months.map((m) => m.volume)]),
  );

describe('teams and attribution', () => {
  let report: TeamReport;
  beforeAll(async () => {
    db = await loadFixtureFiles(files);
    await buildOrg(db);
    report = await teamReport(db, { from: '2024-01-01', to: '2024-03-31' });
  });

  it('attributes each order to one team of a function: by priority, then by team name', () => {
    expect(report.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(volumes(report, 'order_entry')).toEqual({
      'EDI desk': [1, 0, 1],
      'Key accounts': [1, 0, 0],
      'Web desk': [2, 2, 0],
    });
    expect(volumes(report, 'customer_service')).toEqual({
      'Alpha service': [2, 1, 0],
      'General service': [0, 1, 0],
      'North service': [2, 1, 1],
      'Zulu service': [0, 0, 0],
    });
    expect(fnOf(report, 'customer_service').teams.find((t) => t.takesRest)?.team.name).toBe(
      'General service',
    );
  });

  it('reports what no team takes as unattributed, with its count', () => {
    const entry = fnOf(report, 'order_entry').unattributed;
    expect(entry.total).toBe(1);
    expect(entry.months.map((m) => m.volume)).toEqual([0, 1, 0]);
    expect(fnOf(report, 'customer_service').unattributed.total).toBe(0);
    // The parent team (function other) has no rules and is its function's only team: all 8 orders.
    expect(volumes(report, 'other')).toEqual({ 'Order management': [4, 3, 1] });
  });

  it('attributes returns to the returns function by the dimensions of their order', () => {
    const returns = fnOf(report, 'returns');
    expect(returns.workload).toBe('returns');
    expect(volumes(report, 'returns')).toEqual({ 'Returns desk': [1, 1, 0] });
    expect(returns.unattributed.months.map((m) => m.volume)).toEqual([1, 0, 0]);
    expect(report.notes).toContain('1 return has no received date and is in no month.');
    // 1 FTE all year: January 1 return ÷ (31 FTE-days ÷ 365) = 365/31.
    const desk = returns.teams[0]!;
    expect(desk.months[0]!.perFte).toBeCloseTo(365 / 31, 9);
    expect(desk.total.perFte).toBeCloseTo(2 / (91 / 365), 9);
  });

  it('pro-rates a role covering part of a month, and leaves productivity unknown without one', () => {
    const web = fnOf(report, 'order_entry').teams.find((t) => t.team.name === 'Web desk')!;
    const [jan, feb, mar] = web.months;
    // January: 2 FTE × 16 days = 32 FTE-days of 31: 1.0323 FTE; 2 orders ÷ (32/365) = 22.8125.
    expect(jan).toMatchObject({ days: 31, volume: 2, fteDays: 32 });
    expect(jan!.fte).toBeCloseTo(32 / 31, 9);
    expect(jan!.perFte).toBeCloseTo(22.8125, 9);
    // February 2024 has 29 days: 2 orders ÷ (58/365) = 12.586…; March: FTE known, no orders: 0.
    expect(feb).toMatchObject({ fteDays: 58, fte: 2 });
    expect(feb!.perFte).toBeCloseTo(730 / 58, 9);
    expect(mar).toMatchObject({ volume: 0, fteDays: 62, fte: 2, perFte: 0 });
    // The range: 4 orders over 152 FTE-days of 91 days.
    expect(web.total).toMatchObject({ volume: 4, monthsWithFte: 3 });
    expect(web.total.perFte).toBeCloseTo(4 / (152 / 365), 9);
    expect(web.total.fte).toBeCloseTo(152 / 91, 9);
    const edi = fnOf(report, 'order_entry').teams.find((t) => t.team.name === 'EDI desk')!;
    expect(edi.months.map((m) => [m.fte, m.perFte])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(edi.total).toMatchObject({ volume: 2, fte: null, perFte: null, monthsWithFte: 0 });
  });

  it('takes cost from the figures entered under the team name, only for months they cover', () => {
    const web = fnOf(report, 'order_entry').teams.find((t) => t.team.name === 'Web desk')!;
    const [jan, feb, mar] = web.months;
    expect(jan).toMatchObject({ cost: 3100, currency: 'EUR', costPer: 1550 });
    expect(feb).toMatchObject({ cost: null, costPer: null, notes: [] });
    expect(mar).toMatchObject({
      cost: null,
      notes: ["cost entered for 15 of the month's 31 days"],
    });
    expect(web.total).toMatchObject({
      cost: 3100,
      currency: 'EUR',
      costPer: 1550,
      monthsWithCost: 1,
    });
  });

  it('defaults the range to the first and last order or return, clipping its months', async () => {
    const whole = await teamReport(db);
    expect([whole.from, whole.to]).toEqual(['2024-01-05', '2024-03-02']);
    expect(monthsOf('2024-01-05', '2024-03-02').map((m) => m.days)).toEqual([27, 29, 2]);
    expect(volumes(whole, 'order_entry')['Web desk']).toEqual([2, 2, 0]);
  });

  it('shows two teams without rules in one function as unattributed, not split', async () => {
    const own = await loadFixtureFiles(files);
    await saveTeam(own, { name: 'Desk A', function: 'credit' });
    await saveTeam(own, { name: 'Desk B', function: 'credit' });
    const credit = fnOf(await teamReport(own), 'credit');
    expect(credit.unattributed.total).toBe(8);
    expect(credit.teams.map((t) => t.total.volume)).toEqual([0, 0]);
    expect(credit.warnings[0]).toMatch(/^"Desk A" and "Desk B" have no rules/);
  });
});

describe('team, role and rule validation', () => {
  it('refuses what would not make sense, with the field named', async () => {
    const own = await loadFixtureFiles(files);
    const parent = await saveTeam(own, { name: 'Head office', function: 'other' });
    const child = await saveTeam(own, { name: 'Credit', function: 'credit', parent: parent.id });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );

    const twin = await refusal(saveTeam(own, { name: ' credit ', function: 'credit' }));
    expect(twin).toBeInstanceOf(OrderlensError);
    expect(twin).toMatchObject({ code: 'invalid_team', problems: [{ path: 'name' }] });
    expect(await refusal(saveTeam(own, { name: 'X', function: 'sales' }))).toBeInstanceOf(ZodError);
    const loop = await refusal(
      saveTeam(own, { id: parent.id, name: 'Head office', function: 'other', parent: 'Credit' }),
    );
    expect(loop).toMatchObject({ code: 'invalid_team', problems: [{ path: 'parent' }] });
    expect(
      await refusal(saveTeam(own, { name: 'Y', function: 'credit', parent: 'Nobody' })),
    ).toMatchObject({ code: 'invalid_team', message: 'There is no team "Nobody" to report to.' });
    expect(await refusal(removeTeam(own, 'Head office'))).toMatchObject({
      code: 'has_dependents',
      message: '"Credit" reports to "Head office": give it another parent or remove it first.',
    });

    const reversed = { title: 'Clerk', fte: 1, from: '2024-02-01', to: '2024-01-01' };
    expect(await refusal(addRole(own, 'Credit', reversed))).toBeInstanceOf(ZodError);
    expect(
      await refusal(addRole(own, 'Credit', { ...reversed, fte: 0, to: '2024-03-01' })),
    ).toBeInstanceOf(ZodError);
    expect(
      await refusal(addRule(own, 'Nobody', { dimension: 'site', value: 'DC1' })),
    ).toMatchObject({ code: 'team_not_found' });
    expect(
      await refusal(addRule(own, 'Credit', { dimension: 'carrier', value: 'DHL' })),
    ).toBeInstanceOf(ZodError);

    const rule = await addRule(own, 'credit', { dimension: 'site', value: 'DC1' });
    expect(rule).toMatchObject({ teamId: child.id, priority: 100 });
    expect(
      await refusal(addRule(own, 'Credit', { dimension: 'site', value: 'dc1' })),
    ).toMatchObject({ code: 'invalid_team' });
    const role = await addRole(own, 'Credit', { ...reversed, to: '2024-03-01' });

    // Renaming keeps the team's roles and rules; removing takes them along.
    await saveTeam(own, { id: child.id, name: 'Credit control', function: 'credit' });
    let org = await listOrg(own);
    expect(org.teams.map((t) => [t.name, t.parentId])).toEqual([
      ['Credit control', null],
      ['Head office', null],
    ]);
    expect(org.roles).toEqual([
      {
        id: role.id,
        teamId: child.id,
        title: 'Clerk',
        fte: 1,
        from: '2024-02-01',
        to: '2024-03-01',
      },
    ]);
    await removeRule(own, 'Credit control', rule.id);
    await removeRole(own, 'Credit control', role.id);
    expect(await refusal(removeRole(own, 'Credit control', role.id))).toMatchObject({
      code: 'team_not_found',
    });
    await removeTeam(own, 'Credit control');
    org = await listOrg(own);
    expect(org).toMatchObject({ teams: [{ name: 'Head office' }], roles: [], rules: [] });
  });
});

describe('the customer group on the load path', () => {
  it('is loaded, replaced by a later load, and restored by its undo', async () => {
    const own = await loadFixtureFiles(files);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'org-reload-'));
    const file = path.join(dir, 'orders-again.csv');
    await writeFile(
      file,
      'Order ID,Order Date,Customer Group\nO1,2024-01-05 09:00:00,Key\nO9,2024-03-20 09:00:00,Retail\n',
    );
    const report = await loadExtract(own, {
      file,
      mapping: {
        table: 'orders',
        columns: { order_id: 'Order ID', order_ts: 'Order Date', customer_group: 'Customer Group' },
      },
    });
    expect(report.status).toBe('loaded');
    const groups = () =>
      own.read<{ order_id: string; customer_group: string | null }>(
        "SELECT order_id, customer_group FROM kpi_order_facts WHERE order_id IN ('O1', 'O9') ORDER BY 1",
      );
    expect(await groups()).toEqual([
      { order_id: 'O1', customer_group: 'Key' },
      { order_id: 'O9', customer_group: 'Retail' },
    ]);
    // The replaced O1 went to the history table column by column, and comes back whole.
    await undoLoad(own, report.loadId!);
    expect(await groups()).toEqual([{ order_id: 'O1', customer_group: 'Retail' }]);
  });
});
