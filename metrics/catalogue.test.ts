import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '@/lib/kpi/compute';
import { scopedRowsSql } from '@/lib/kpi/compile';
import { defineKpi, kpiSchema, type KpiDefinition, type KpiInput } from '@/lib/semantic/kpi';
import { factsVersion } from '@/lib/kpi/facts';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { kpiUnitStyles } from '@/lib/format/kpi-value';
import { always, count, countWhere } from '@/lib/semantic/expr';
import { defineCatalogue, relatedVariants } from '@/lib/semantic/catalogue';
import { engine } from '@/runtime/engine';
import { catalogue } from '.';

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
    for (const kpi of catalogue.kpis)
      expect(() => kpiSchema.parse(kpi.source), kpi.id).not.toThrow();
    const ids = catalogue.kpis.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('lists the core KPIs first, in the reference order', () => {
    expect(catalogue.kpis.slice(0, 7).map((k) => k.id)).toEqual([
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
    expect(files.sort()).toEqual(catalogue.kpis.map((k) => `${kebab(k.id)}.ts`).sort());
    for (const kpi of catalogue.kpis) {
      const mod = (await import(path.join(__dirname, `${kebab(kpi.id)}.ts`))) as Record<
        string,
        KpiDefinition
      >;
      expect(Object.keys(mod), kpi.id).toEqual([camel(kpi.id)]);
      expect(mod[camel(kpi.id)]).toBe(kpi);
    }
  });

  it('writes numerators and denominators as single aggregates', () => {
    for (const kpi of catalogue.kpis)
      for (const sql of [kpi.numerator, kpi.denominator])
        if (sql) expect(isSingleAggregate(sql), `${kpi.id}: ${sql}`).toBe(true);
    expect(isSingleAggregate('count(*) FILTER (WHERE late)')).toBe(true);
    expect(isSingleAggregate('sum(a) / sum(b)')).toBe(false);
    expect(isSingleAggregate('count(*) FILTER (WHERE a) + 1')).toBe(false);
  });

  it('builds products and all_of KPIs from rate KPIs in the catalogue', () => {
    const byId = new Map(catalogue.kpis.map((k) => [k.id, k]));
    for (const kpi of catalogue.kpis.filter((k) => k.kind === 'product' || k.kind === 'all_of')) {
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
    expect(results.map((r) => r.id)).toEqual(catalogue.kpis.map((k) => k.id));
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
    await factsVersion(db);
    for (const kpi of catalogue.kpis) {
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
      counts: 'order',
      base: 'kpi_order_facts',
      asOf: 'order_ts',
      asOfLabel: 'order date',
      population: always,
      numerator: countWhere('shipped'),
      denominator: count(),
      needs: ['orders'],
      explain: { fields: ['shipped'], reason: () => 'Not shipped' },
    };
    expect(defineKpi(valid)).toMatchObject({
      id: 'x',
      population: 'true',
      numerator: 'count(*) FILTER (WHERE shipped)',
      denominator: 'count(*)',
    });
    // SQL as text is refused: raw SQL goes through duckdbSql, marked as DuckDB-only.
    expect(() => defineKpi({ ...valid, population: 'true' as never })).toThrow(
      /^x\.population: an expression/,
    );
    // A KPI over rows says how a failing row is explained: a new KPI cannot silently have none.
    expect(() => defineKpi({ ...valid, explain: undefined })).toThrow(/^x\.explain: /);
    expect(() => defineKpi({ ...valid, explain: { fields: [], reason: 'text' as never } })).toThrow(
      /^x\.explain\.reason: a function/,
    );
    expect(() => defineKpi({ ...valid, unit: 'furlongs' as 'percent' })).toThrow(/^x\.unit: /);
    expect(() =>
      defineKpi({ ...valid, kind: 'all_of', components: [{ kpi: 'Not An Id' }] }),
    ).toThrow(/^x\.components\.0\.kpi: /m);
    expect(() => defineKpi({ ...valid, needs: ['orders.'] })).toThrow(/^x\.needs\.0: /);
  });
});

describe('the semantic layer as a whole', () => {
  it('gives every KPI over rows an explanation and every KPI a display format', () => {
    for (const kpi of catalogue.kpis) {
      expect(kpiUnitStyles[kpi.unit], kpi.id).toBeDefined();
      if (kpi.kind === 'input') continue;
      expect(typeof kpi.explain?.reason, kpi.id).toBe('function');
    }
  });

  it('explains a failing row in words from its declared fields', () => {
    const late = catalogue.kpis.find((k) => k.id === 'on_time_shipment_rate')!;
    expect(late.explain!.fields).toEqual(['promised_ship_ts', 'final_ship_ts']);
    expect(
      late.explain!.reason({
        promised_ship_ts: '2024-01-10T00:00:00',
        final_ship_ts: '2024-01-13T09:00:00',
      }),
    ).toBe('Shipped 2024-01-13, promised 2024-01-10 — 3 days late');
    const perfect = catalogue.kpis.find((k) => k.id === 'perfect_order_rate')!;
    expect(
      perfect.explain!.reason({
        delivered_ts: '2024-01-12T10:00:00',
        promised_delivery_ts: '2024-01-11T00:00:00',
        lines: 3,
        lines_filled_first: 2,
        damaged: true,
      }),
    ).toBe('Delivered 1 day late, 1 of 3 lines short and damaged');
  });

  it('refuses a catalogue whose KPI names a column its fact table does not declare', () => {
    const kpi = catalogue.kpis[0]!;
    expect(() =>
      defineCatalogue({
        facts: catalogue.facts,
        kpis: [{ ...kpi, explain: { fields: ['no_such_column'], reason: () => null } }],
      }),
    ).toThrow(`${kpi.id}.explain.fields: no column "no_such_column" in kpi_order_facts`);
    expect(() => defineCatalogue({ facts: catalogue.facts, kpis: [kpi, { ...kpi }] })).toThrow(
      `${kpi.id}: declared twice`,
    );
  });

  it('pairs each working-day variant with its calendar-time KPI, and refuses a stray variant', () => {
    const byId = (id: string) => catalogue.kpis.find((k) => k.id === id)!;
    expect(catalogue.kpis.filter((k) => k.variantOf).map((k) => [k.id, k.variantOf])).toEqual([
      ['order_shipment_cycle_time_working_days', 'order_shipment_cycle_time'],
      ['order_to_delivery_cycle_time_working_days', 'order_to_delivery_cycle_time'],
    ]);
    expect(
      relatedVariants(catalogue, byId('order_to_delivery_cycle_time')).map((k) => k.id),
    ).toEqual(['order_to_delivery_cycle_time_working_days']);
    expect(
      relatedVariants(catalogue, byId('order_shipment_cycle_time_working_days')).map((k) => k.id),
    ).toEqual(['order_shipment_cycle_time']);
    expect(relatedVariants(catalogue, byId('order_fill_rate'))).toEqual([]);
    const variant = byId('order_to_delivery_cycle_time_working_days');
    const refuse = (kpi: KpiDefinition) => () =>
      defineCatalogue({ facts: catalogue.facts, kpis: [...catalogue.kpis, kpi] });
    expect(refuse({ ...variant, id: 'stray', variantOf: 'no_such_kpi' })).toThrow(
      'stray.variantOf: no KPI "no_such_kpi"',
    );
    expect(refuse({ ...variant, id: 'stray', variantOf: variant.id })).toThrow(
      `stray.variantOf: "${variant.id}" is itself a variant`,
    );
    expect(refuse({ ...variant, id: 'stray', variantOf: 'order_fill_rate' })).toThrow(
      'stray.variantOf: a variant is a duration with the same direction as "order_fill_rate"',
    );
  });

  it('declares each fact column with the type the built table has', async () => {
    const db = await loadKpiFixture();
    for (const table of catalogue.facts) {
      const built = await db.read<{ column_name: string; column_type: string }>(
        `DESCRIBE ${table.name}`,
      );
      expect(
        built.map((c) => [c.column_name, c.column_type]),
        table.name,
      ).toEqual(table.columns.map((c) => [c.name, c.type]));
    }
  });
});

/** KPIs a manager looks at first: each gets at least four practices; every other KPI two. */
const PRACTICES_AT_LEAST_FOUR = [
  'order_shipment_cycle_time',
  'order_fill_rate',
  'line_fill_rate',
  'unit_fill_rate',
  'return_rate',
  'order_accuracy',
  'on_time_shipment_rate',
  'on_time_delivery_rate',
];

describe('improvement practices', () => {
  it('gives the core and delivery KPIs at least four practices and every other KPI two', () => {
    const short: string[] = [];
    for (const kpi of catalogue.kpis) {
      const least = PRACTICES_AT_LEAST_FOUR.includes(kpi.id) ? 4 : 2;
      const count = kpi.practices?.length ?? 0;
      if (count < least) short.push(`${kpi.id}: ${count} of at least ${least}`);
    }
    expect(short).toEqual([]);
    for (const id of PRACTICES_AT_LEAST_FOUR)
      expect(
        catalogue.kpis.some((k) => k.id === id),
        id,
      ).toBe(true);
  });

  it('rests every practice on a named public source and writes it whole', () => {
    for (const kpi of catalogue.kpis)
      for (const p of kpi.practices ?? []) {
        const at = `${kpi.id}: ${p.title}`;
        expect(p.sources.length, at).toBeGreaterThan(0);
        for (const s of p.sources) {
          expect(s.title.trim().length, at).toBeGreaterThan(3);
          expect(s.publisher.trim().length, at).toBeGreaterThan(1);
        }
        for (const text of [p.what, p.why, p.start, p.measure])
          expect(text.trim(), at).toMatch(/[.)a-z]$/);
      }
  });

  it('keeps benchmark figures out of the practices (bands live in data/benchmarks)', () => {
    for (const kpi of catalogue.kpis)
      for (const p of kpi.practices ?? [])
        for (const text of [p.title, p.what, p.why, p.start, p.measure])
          expect(text, `${kpi.id}: ${p.title}`).not.toMatch(/\d\s*(%|percent|per cent)/i);
  });

  it('gives each practice of a KPI its own title', () => {
    for (const kpi of catalogue.kpis) {
      const titles = (kpi.practices ?? []).map((p) => p.title);
      expect(new Set(titles).size, kpi.id).toBe(titles.length);
    }
  });

  it('refuses a practice without a source, by its dotted path', () => {
    const kpi = catalogue.kpis.find((k) => k.id === 'order_fill_rate')!;
    const practice = { ...kpi.practices![0]!, sources: [] };
    expect(() => kpiSchema.parse({ ...kpi.source, practices: [practice] })).toThrow(
      /at least one public source/,
    );
  });
});

describe('failure explanations, as the drill shows them', () => {
  it('says how late, how short, and where a slow order’s time went', () => {
    expect(
      engine.explain('on_time_shipment_rate', {
        final_ship_ts: '2025-03-05T10:00:00.000Z',
        promised_ship_ts: '2025-03-03T00:00:00.000Z',
      }),
    ).toBe('Shipped 2025-03-05, promised 2025-03-03 — 2 days late');
    expect(engine.explain('order_fill_rate', { lines: 3, lines_filled_first: 1 })).toBe(
      '2 of 3 lines short on the first ship date',
    );
    expect(
      engine.explain('perfect_order_rate', {
        delivered_ts: '2025-03-07T10:00:00.000Z',
        promised_delivery_ts: '2025-03-06T00:00:00.000Z',
        lines: 2,
        lines_filled_first: 2,
        damaged: true,
        documentation_error: false,
      }),
    ).toBe('Delivered 1 day late and damaged');
    expect(
      engine.explain('order_shipment_cycle_time', {
        order_ts: '2025-01-01T08:00:00.000Z',
        released_ts: '2025-01-01T10:00:00.000Z',
        final_ship_ts: '2025-01-05T10:00:00.000Z',
        ship_dates: 2,
        lines: 4,
        lines_filled_first: 3,
      }),
    ).toBe(
      'Released after 2 h · 4 days release → final ship · 2 ship dates · 1/4 lines backordered',
    );
  });
});
