import 'server-only';
/**
 * The KPI API used by the web app, the reports and the CLI: compute the catalogue (or some KPIs)
 * for a query. Results are cached per data version, so a repeated dashboard query does not
 * recompute.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/db/errors';
import { kpiCatalogue } from '@/metrics';
import { compileKpi } from './compile';
import type { KpiDefinition } from './define';
import { ensureFacts } from './facts';
import {
  comparisonRange,
  kpiQuerySchema,
  type Filters,
  type KpiQuery,
  type ParsedKpiQuery,
} from './filters';
import { histogramOf } from './distribution';
import { cycleTimeStages } from './stages';
import { inputKpiValue } from './inputs';
import { missingDataReason, profileData } from './profile';
import type { Comparison, ComponentUse, KpiResult, KpiValue } from './types';

export class UnknownKpiError extends OrderlensError {
  constructor(id: string) {
    super(`There is no KPI "${id}".`, 'unknown_kpi');
  }
}

export function getKpi(id: string): KpiDefinition {
  const kpi = kpiCatalogue.find((k) => k.id === id);
  if (!kpi) throw new UnknownKpiError(id);
  return kpi;
}

const caches = new WeakMap<Database, { version: string; entries: Map<string, KpiResult[]> }>();
const CACHE_ENTRIES = 500;

/**
 * Results change with the loaded data and with the entered FTE and cost figures; the latter are a
 * handful of rows, so their fingerprint costs next to nothing.
 */
async function resultsVersion(db: Database): Promise<string> {
  const [facts, inputs] = await Promise.all([
    ensureFacts(db),
    db.one<{ v: bigint | number | null }>(
      'SELECT sum(hash(period_from, period_to, team, fte, cost, currency)) AS v FROM kpi_inputs',
    ),
  ]);
  return `${facts}|${String(inputs?.v ?? 0)}`;
}

/** Compute KPIs (default: the whole catalogue) for a query. */
export async function computeKpis(
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
): Promise<KpiResult[]> {
  const parsed = kpiQuerySchema.parse(query);
  const kpis = ids ? ids.map(getKpi) : kpiCatalogue;
  const version = await resultsVersion(db);
  const key = JSON.stringify([parsed, kpis.map((k) => k.id)]);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  const hit = cache.entries.get(key);
  if (hit) return hit;
  const results = await computeUncached(db, parsed, kpis);
  if (cache.entries.size >= CACHE_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, results);
  return results;
}

/** Whether a query would be served from the cache (for tests and the performance page). */
export async function isCached(
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
): Promise<boolean> {
  const parsed = kpiQuerySchema.parse(query);
  const kpis = ids ? ids.map(getKpi) : kpiCatalogue;
  const cache = caches.get(db);
  return (
    !!cache &&
    cache.version === (await resultsVersion(db)) &&
    cache.entries.has(JSON.stringify([parsed, kpis.map((k) => k.id)]))
  );
}

async function computeUncached(
  db: Database,
  query: ParsedKpiQuery,
  kpis: KpiDefinition[],
): Promise<KpiResult[]> {
  const needed = new Map(kpis.map((k) => [k.id, k]));
  for (const kpi of kpis)
    for (const c of kpi.components ?? []) if (!needed.has(c.kpi)) needed.set(c.kpi, getKpi(c.kpi));
  const present = await profileData(
    db,
    [...needed.values()].flatMap((k) => k.needs),
  );
  const done = new Map<string, KpiResult>();
  // Components first: products are computed from their components' values.
  const ordered = [...needed.values()].sort(
    (a, b) => Number(a.kind === 'product') - Number(b.kind === 'product'),
  );
  for (const kpi of ordered) done.set(kpi.id, await computeOne(db, kpi, query, present, done));
  return kpis.map((k) => done.get(k.id)!);
}

async function computeOne(
  db: Database,
  kpi: KpiDefinition,
  query: ParsedKpiQuery,
  present: Set<string>,
  done: Map<string, KpiResult>,
): Promise<KpiResult> {
  const head = describe(kpi);
  const missing = missingDataReason(kpi.needs, present);
  if (missing) return { ...head, ...emptyValue(), available: false, unavailableReason: missing };
  if (kpi.kind === 'product') return productOf(kpi, head, done);
  if (kpi.kind === 'input')
    return { ...head, ...(await inputKpiValue(db, kpi, query.filters)), available: true };
  const shape = kpi.kind === 'all_of' ? allOfShape(kpi, present) : {};
  const total = await evaluate(db, kpi, query.filters, {}, shape);
  const result: KpiResult = {
    ...head,
    ...total[0]!,
    available: true,
    ...(shape.components ? { components: shape.components } : {}),
  };
  if (kpi.kind === 'duration' && result.distribution) {
    result.distribution.histogram = await histogramOf(db, kpi, query.filters, result.distribution);
  }
  if (query.grain || query.by)
    result.series = await evaluate(
      db,
      kpi,
      query.filters,
      { grain: query.grain, by: query.by },
      shape,
    );
  if (query.compare) result.comparisons = await compareWith(db, kpi, query, shape, result.value);
  if (kpi.id === 'order_shipment_cycle_time')
    result.stages = await cycleTimeStages(db, query.filters);
  return result;
}

/** The previous period of equal length and the same period last year, with the change. */
async function compareWith(
  db: Database,
  kpi: KpiDefinition,
  query: ParsedKpiQuery,
  shape: Shape,
  value: number | null,
): Promise<Comparison[]> {
  const kinds = query.compare === 'both' ? (['previous', 'last_year'] as const) : [query.compare!];
  const out: Comparison[] = [];
  for (const kind of kinds) {
    const range = comparisonRange(query.filters, kind);
    if (!range) continue;
    const before = (await evaluate(db, kpi, range, {}, shape))[0]!;
    out.push({
      kind,
      range: { from: range.from!, to: range.to! },
      value: before.value,
      n: before.n,
      change: value !== null && before.value !== null ? value - before.value : null,
    });
  }
  return out;
}

interface Shape {
  population?: string;
  numerator?: string;
  components?: ComponentUse[];
}

/** all_of: a row passes when it passes every component that has data. */
function allOfShape(kpi: KpiDefinition, present: Set<string>): Shape {
  const components: ComponentUse[] = [];
  const populations = [kpi.population];
  const passes: string[] = [];
  for (const c of kpi.components ?? []) {
    const def = getKpi(c.kpi);
    const reason = missingDataReason(def.needs, present);
    components.push({
      kpi: c.kpi,
      name: def.name,
      value: null,
      used: !reason,
      ...(reason ? { reason } : {}),
    });
    if (reason) continue;
    if (c.population) populations.push(c.population);
    if (c.pass) passes.push(c.pass);
  }
  return {
    population: populations.map((p) => `(${p})`).join(' AND '),
    numerator: `count(*) FILTER (WHERE ${passes.length ? passes.map((p) => `(${p})`).join(' AND ') : 'true'})`,
    components,
  };
}

/** product: the component rates multiplied, over the components that have data. */
function productOf(
  kpi: KpiDefinition,
  head: ReturnType<typeof describe>,
  done: Map<string, KpiResult>,
): KpiResult {
  const components: ComponentUse[] = (kpi.components ?? []).map((c) => {
    const r = done.get(c.kpi)!;
    return {
      kpi: c.kpi,
      name: r.name,
      value: r.value,
      used: r.available && r.value !== null,
      ...(r.unavailableReason ? { reason: r.unavailableReason } : {}),
    };
  });
  const used = components.filter((c) => c.used);
  const value = used.length ? used.reduce((acc, c) => acc * (c.value! / 100), 1) * 100 : null;
  return {
    ...head,
    value,
    numerator: null,
    denominator: null,
    n:
      Math.min(...used.map((c) => done.get(c.kpi)!.n), Number.POSITIVE_INFINITY) ===
      Number.POSITIVE_INFINITY
        ? 0
        : Math.min(...used.map((c) => done.get(c.kpi)!.n)),
    excluded: [],
    available: used.length > 0,
    ...(used.length ? {} : { unavailableReason: 'none of its components has data' }),
    components,
  };
}

async function evaluate(
  db: Database,
  kpi: KpiDefinition,
  filters: Filters,
  groups: { grain?: ParsedKpiQuery['grain']; by?: ParsedKpiQuery['by'] },
  shape: Shape,
): Promise<KpiValue[]> {
  const compiled = compileKpi(kpi, {
    filters,
    ...groups,
    population: shape.population,
    numerator: shape.numerator,
  });
  const rows = await db.read(compiled.sql, compiled.params);
  return rows.map((row) => toValue(kpi, row, compiled.exclusionReasons));
}

function toValue(kpi: KpiDefinition, row: Record<string, unknown>, reasons: string[]): KpiValue {
  const num = row.numerator === null ? null : Number(row.numerator);
  const den = row.denominator === null ? null : Number(row.denominator);
  let value: number | null = null;
  if (kpi.kind === 'duration')
    value = row.mean === null || row.mean === undefined ? null : Number(row.mean);
  else if (num !== null && den) value = (100 * num) / den;
  const excluded = reasons
    .map((reason, i) => ({ reason, count: Number(row[`ex${i}`] ?? 0) }))
    .filter((e) => e.count > 0);
  const out: KpiValue = {
    value,
    numerator: num,
    denominator: den,
    n: Number(row.n ?? 0),
    excluded,
  };
  if (kpi.kind === 'duration') {
    const q = (row.quantiles as number[] | null) ?? [];
    const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
    out.distribution = {
      mean: value,
      median: num(q[0]),
      p90: num(q[1]),
      p95: num(q[2]),
      min: num(row.min),
      max: num(row.max),
      histogram: [],
    };
  }
  if ('period' in row)
    out.period = row.period === null ? undefined : String(row.period).slice(0, 10);
  if ('segment' in row) out.segment = (row.segment as string | null) ?? null;
  return out;
}

function describe(kpi: KpiDefinition) {
  return {
    id: kpi.id,
    name: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    standard: kpi.standard,
    variant: kpi.variant,
    asOf: kpi.asOfLabel,
  };
}

function emptyValue(): KpiValue {
  return { value: null, numerator: null, denominator: null, n: 0, excluded: [] };
}
