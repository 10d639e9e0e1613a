import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { lineOf } from '@/lib/errors';
import {
  listTargets,
  removeTarget,
  setTarget,
  targetStatus,
  TargetValidationError,
} from './targets';

describe('targetStatus', () => {
  it.each([
    // higher is better, target 95 within 2 pts
    [96, 95, 2, 'higher', 'on_track'],
    [95, 95, 2, 'higher', 'on_track'],
    [94.99999999999999, 95, 2, 'higher', 'on_track'],
    [93.5, 95, 2, 'higher', 'at_risk'],
    [93, 95, 2, 'higher', 'off_track'],
    [90, 95, 2, 'higher', 'off_track'],
    // lower is better, target 24 h; default at-risk band 5% of 24 = 1.2 h
    [20, 24, undefined, 'lower', 'on_track'],
    [24, 24, undefined, 'lower', 'on_track'],
    [25, 24, undefined, 'lower', 'at_risk'],
    [25.2, 24, undefined, 'lower', 'off_track'],
    [30, 24, undefined, 'lower', 'off_track'],
    // atRiskWithin 0: no amber, any miss is off track
    [94.9, 95, 0, 'higher', 'off_track'],
    [null, 95, 2, 'higher', null],
  ] as const)(
    '%s against %s (within %s, %s is better) → %s',
    (value, target, within, direction, want) => {
      expect(targetStatus(value, { value: target, atRiskWithin: within }, direction)).toBe(want);
    },
  );
});

describe('target storage', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openMemoryDatabase();
  });
  afterEach(() => db.close());

  it('stores a target with its default at-risk band and lists it', async () => {
    const target = await setTarget(db, { kpi: 'order_fill_rate', value: 95 });
    expect(target).toMatchObject({
      kpi: 'order_fill_rate',
      value: 95,
      atRiskWithin: 4.75,
      dimension: null,
      from: null,
    });
    expect(target.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await listTargets(db)).toEqual([target]);
  });

  it('replaces the target of the same scope and keeps other scopes', async () => {
    const scope = {
      kpi: 'order_shipment_cycle_time',
      dimension: 'site',
      segment: 'Leeds',
      from: '2024-01-01',
      to: '2024-12-31',
    };
    await setTarget(db, { ...scope, value: 30 });
    await setTarget(db, { ...scope, value: 24, atRiskWithin: 2 });
    await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 36 });
    await setTarget(db, { kpi: 'order_fill_rate', value: 97 });
    const cycle = await listTargets(db, 'order_shipment_cycle_time');
    expect(cycle.map((t) => [t.segment, t.value, t.atRiskWithin, t.from, t.to])).toEqual([
      [null, 36, 1.8, null, null],
      ['Leeds', 24, 2, '2024-01-01', '2024-12-31'],
    ]);
    expect(await listTargets(db)).toHaveLength(3);
  });

  it('removes a target by id, and says when there is none', async () => {
    const target = await setTarget(db, { kpi: 'return_rate', value: 4 });
    await removeTarget(db, target.id);
    expect(await listTargets(db)).toEqual([]);
    await expect(removeTarget(db, target.id)).rejects.toMatchObject({ code: 'target_not_found' });
  });

  it('reports every problem of an invalid target at once', async () => {
    const error = await setTarget(db, {
      kpi: 'speed',
      value: '95',
      segment: 'Leeds',
      from: '2024-02-30',
      atRiskWithin: -1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetValidationError);
    expect((error as TargetValidationError).problems).toEqual([
      { path: 'kpi', message: 'not a KPI id of the catalogue' },
      { path: 'value', message: 'must be a number' },
      { path: 'from', message: 'a calendar date as YYYY-MM-DD (for example 2025-03-31)' },
      { path: 'atRiskWithin', message: 'must not be negative' },
      {
        path: 'segment',
        message: 'a segment needs its dimension (e.g. dimension "site", segment "Leeds")',
      },
    ]);
    expect((error as TargetValidationError).code).toBe('invalid_target');
    expect((error as Error).message).toMatch(
      /^The target is not valid:\nkpi: not a KPI id of the catalogue\nvalue: must be a number\n/,
    );
  });

  it.each([
    [{ kpi: 'order_fill_rate', value: 0.95 }, []],
    [
      { kpi: 'order_fill_rate', value: 120 },
      ['value: a percent target lies between 0 and 100 (95, not 0.95)'],
    ],
    [
      { kpi: 'order_fill_rate', value: 95, from: '2024-06-01', to: '2024-01-01' },
      ['to: must not be before from'],
    ],
  ])('validates %o', async (input, problems) => {
    const error = await setTarget(db, input).catch((e: unknown) => e);
    if (!problems.length) return expect(error).toMatchObject({ value: 0.95 });
    expect((error as TargetValidationError).problems.map(lineOf)).toEqual(problems);
  });
});
