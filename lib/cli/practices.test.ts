import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getKpi } from '@/lib/kpi/engine';
import { engine } from '@/runtime/engine';
import { formatPractices, formatPracticeTitles } from './practices';
import { runCli } from './run-cli';

let db: string;
const run = (args: string[]) => runCli(db, ...args);

beforeAll(async () => {
  db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-practices-')), 'p.duckdb');
});

describe('orderlens practices', () => {
  it('lists every KPI with its practices’ titles', async () => {
    const result = await run(['practices']);
    expect(result.code).toBe(0);
    for (const kpi of engine.catalogue.kpis) {
      expect(result.out).toContain(`${kpi.name} (${kpi.id})`);
      for (const p of kpi.practices ?? []) expect(result.out).toContain(p.title);
    }
    expect(result.out).toBe(formatPracticeTitles(engine.catalogue.kpis));
  });

  it('prints one KPI’s practices whole, sources included', async () => {
    const result = await run(['practices', 'order_shipment_cycle_time']);
    expect(result.code).toBe(0);
    const kpi = getKpi('order_shipment_cycle_time');
    expect(result.out).toBe(formatPractices(kpi));
    const flat = result.out.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /^How to improve Order shipment cycle time \(order_shipment_cycle_time\) 1\. /,
    );
    for (const p of kpi.practices!) {
      expect(flat).toContain(p.title);
      expect(flat).toContain(`What to watch: ${p.measure}`);
      for (const s of p.sources) expect(flat).toContain(`Source: ${s.title}, ${s.publisher}`);
    }
    // Lines fit 100 columns, but for an address, which is never broken.
    for (const line of result.out.split('\n'))
      if (line.trim().includes(' ')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('answers --json with the practices as data', async () => {
    const one = JSON.parse((await run(['practices', 'return_rate', '--json'])).out) as {
      id: string;
      practices: { title: string; sources: unknown[] }[];
    };
    expect(one.id).toBe('return_rate');
    expect(one.practices).toEqual(getKpi('return_rate').practices);
    const all = JSON.parse((await run(['practices', '--json'])).out) as {
      kpis: { id: string; practices: unknown[] }[];
    };
    expect(all.kpis.map((k) => k.id)).toEqual(engine.catalogue.kpis.map((k) => k.id));
  });

  it('says so for an unknown KPI, and refuses a second id', async () => {
    const unknown = await run(['practices', 'no_such_kpi']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('There is no KPI "no_such_kpi".');
    expect((await run(['practices', 'return_rate', 'order_fill_rate'])).code).toBe(2);
  });
});
