import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

let db: string;

const run = (args: string[]) => runCli(db, ...args);

interface Explained {
  kpi: string;
  by: string;
  previous: { value: number; n: number; from: string; to: string };
  current: { value: number; n: number; from: string; to: string };
  change: number;
  rateEffect: number;
  mixEffect: number;
  segments: { segment: string; rateEffect: number; mixEffect: number; previousShare: number }[];
}

describe('orderlens explain', () => {
  let month: { from: string; to: string };
  const explain = (kpi: string, by: string) => [
    'explain',
    kpi,
    '--by',
    by,
    '--from',
    month.from,
    '--to',
    month.to,
  ];
  beforeAll(async () => {
    db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-explain-')), 'x.duckdb');
    expect((await run(['demo', '--orders', '3000'])).code).toBe(0);
    // The last complete month of the demo with a value, and so one before it.
    const series = JSON.parse(
      (await run(['kpis', '--kpis', 'order_fill_rate', '--grain', 'month', '--json'])).out,
    ) as { kpis: { period: string; value: number | null; partial?: boolean }[] };
    const done = series.kpis.filter((p) => p.value !== null && !p.partial);
    const from = done.at(-1)!.period;
    const end = new Date(`${from}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 1, 0);
    month = { from, to: end.toISOString().slice(0, 10) };
  }, 300_000);

  it('prints the split as JSON, whose effects add up to the change', async () => {
    const result = await run([...explain('order_fill_rate', 'site'), '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Explained;
    expect(r).toMatchObject({ kpi: 'order_fill_rate', by: 'site' });
    expect(r.change).toBeCloseTo(r.current.value - r.previous.value, 9);
    expect(r.rateEffect + r.mixEffect).toBeCloseTo(r.change, 9);
    const sum = r.segments.reduce((s, x) => s + x.rateEffect + x.mixEffect, 0);
    expect(sum).toBeCloseTo(r.change, 9);
    expect(r.segments.reduce((s, x) => s + x.previousShare, 0)).toBeCloseTo(1, 9);
  });

  it('prints a table for people, and compares with last year on request', async () => {
    const args = explain('order_fill_rate', 'channel');
    const text = await run(args);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Order fill rate: /);
    expect(text.out).toMatch(
      /Segment\s+Before\s+Now\s+Share before\s+Share now\s+Rate\s+Mix\s+Total/,
    );
    const lastYear = await run([...args, '--compare', 'last_year', '--json']);
    const r = JSON.parse(lastYear.out) as Explained;
    expect(r.previous.from).toBe(`${Number(month.from.slice(0, 4)) - 1}${month.from.slice(4)}`);
  });

  it.each([
    [['explain', '--by', 'site', '--from', '2024-01-01', '--to', '2024-01-31'], 'one KPI id'],
    [['explain', 'order_fill_rate', '--from', '2024-01-01', '--to', '2024-01-31'], '--by must'],
    [['explain', 'order_fill_rate', '--by', 'site'], '--from and --to are required'],
    [
      [
        'explain',
        'order_fill_rate',
        '--by',
        'site',
        '--from',
        '2024-01-01',
        '--to',
        '2024-01-31',
        '--compare',
        'x',
      ],
      '--compare must',
    ],
  ])('%j is a usage error', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('refuses a product of rates politely', async () => {
    const result = await run(explain('perfect_order_index', 'site'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is a product of rates, not a weighted mean/);
  });
});
