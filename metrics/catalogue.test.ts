import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '@/lib/kpi/compute';
import { scopedRowsSql } from '@/lib/kpi/compile';
import { defineKpi, kpiSchema, type KpiDefinition, type KpiInput } from '@/lib/kpi/define';
import { ensureFacts } from '@/lib/kpi/facts';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { kpiCatalogue } from '.';

const kebab = (id: string) => id.replaceAll('_', '-');
const camel = (id: string) => id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `name(...)` optionally followed by `FILTER (WHERE ...)`: nothing outside one aggregate. */
function isSingleAggregate(sql: string): boolean {
  const head = /^\s*[a-z_]+\s*\(/i.exec(sql);
  if (!head) return false;
  const close = matchingParen(sql, head[0].length - 1);
  if (close < 0) return false;
  const rest = sql.slice(close + 1).trim();
  if (!rest) return true;
  const filter = /^FILTER\s*\(\s*WHERE\s/i.exec(rest);
  return !!filter && matchingParen(rest, rest.indexOf('(')) === rest.length - 1;
}

function matchingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    if (sql[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

describe('KPI catalogue', () => {
  it('every KPI parses, with unique snake_case ids', () => {
    for (const kpi of kpiCatalogue) expect(() => kpiSchema.parse(kpi), kpi.id).not.toThrow();
    const ids = kpiCatalogue.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('lists the core KPIs first, in the reference order', () => {
    expect(kpiCatalogue.slice(0, 7).map((k) => k.id)).toEqual([
      'order_shipment_cycle_time',
      'order_fill_rate',
      'line_fill_rate',
      'unit_fill_rate',
      'return_rate',
      'unit_return_rate',
      'order_accuracy',
    ]);
  });

  it('keeps one file per KPI, named after its id, exporting its camelCase const', async () => {
    const files = readdirSync(__dirname).filter(
      (f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'),
    );
    expect(files.sort()).toEqual(kpiCatalogue.map((k) => `${kebab(k.id)}.ts`).sort());
    for (const kpi of kpiCatalogue) {
      const mod = (await import(path.join(__dirname, `${kebab(kpi.id)}.ts`))) as Record<
        string,
        KpiDefinition
      >;
      expect(Object.keys(mod), kpi.id).toEqual([camel(kpi.id)]);
      expect(mod[camel(kpi.id)]).toBe(kpi);
    }
  });

  it('writes numerators and denominators as single aggregates', () => {
    for (const kpi of kpiCatalogue)
      for (const sql of [kpi.numerator, kpi.denominator])
        if (sql) expect(isSingleAggregate(sql), `${kpi.id}: ${sql}`).toBe(true);
    expect(isSingleAggregate('count(*) FILTER (WHERE late)')).toBe(true);
    expect(isSingleAggregate('sum(a) / sum(b)')).toBe(false);
    expect(isSingleAggregate('count(*) FILTER (WHERE a) + 1')).toBe(false);
  });

  it('builds products and all_of KPIs from rate KPIs in the catalogue', () => {
    const byId = new Map(kpiCatalogue.map((k) => [k.id, k]));
    for (const kpi of kpiCatalogue.filter((k) => k.kind === 'product' || k.kind === 'all_of')) {
      for (const c of kpi.components!) {
        const component = byId.get(c.kpi);
        expect(component, `${kpi.id} → ${c.kpi}`).toBeDefined();
        expect(component!.kind).toBe('ratio');
        expect(component!.unit).toBe('percent');
        if (kpi.kind === 'all_of') expect(c.pass, `${kpi.id} → ${c.kpi}`).toBeTruthy();
      }
    }
  });

  it('every KPI computes on the fixture, with a period and a breakdown', async () => {
    const db = await loadKpiFixture();
    const results = await computeKpis(db, { grain: 'month', by: 'site' });
    expect(results.map((r) => r.id)).toEqual(kpiCatalogue.map((k) => k.id));
    for (const r of results) {
      if (r.id === 'orders_per_fte' || r.id === 'cost_per_order') {
        expect(r.available, r.id).toBe(false);
        continue;
      }
      expect(r, r.id).toMatchObject({ available: true });
      expect(r.value, r.id).not.toBeNull();
    }
  });

  it('scopes and judges every row: as-of, population, exclusions and failure are valid SQL', async () => {
    const db = await loadKpiFixture();
    await ensureFacts(db);
    for (const kpi of kpiCatalogue) {
      const scoped = scopedRowsSql(kpi, { filters: {} });
      const failed = kpi.failure ? `coalesce((${kpi.failure}), false)` : 'false';
      await expect(
        db.read(`SELECT count(*) FILTER (WHERE ${failed}) AS failed FROM (${scoped.sql})`),
        kpi.id,
      ).resolves.toBeDefined();
    }
  });

  it('reports authoring errors by their dotted path', () => {
    const valid: KpiInput = {
      id: 'x',
      name: 'Example',
      definition: 'Shipped orders ÷ orders.',
      standard: 'none',
      variant: 'order level',
      unit: 'percent',
      direction: 'higher',
      kind: 'ratio',
      grain: 'order',
      base: 'kpi_order_facts',
      asOf: 'order_ts',
      asOfLabel: 'order date',
      population: 'true',
      numerator: 'count(*) FILTER (WHERE shipped)',
      denominator: 'count(*)',
      needs: ['orders'],
    };
    expect(defineKpi(valid).id).toBe('x');
    expect(() => defineKpi({ ...valid, unit: 'furlongs' as 'percent' })).toThrow(/^x\.unit: /);
    expect(() =>
      defineKpi({ ...valid, kind: 'all_of', components: [{ kpi: 'Not An Id' }] }),
    ).toThrow(/^x\.components\.0\.kpi: /m);
    expect(() => defineKpi({ ...valid, needs: ['orders.'] })).toThrow(/^x\.needs\.0: /);
  });
});
