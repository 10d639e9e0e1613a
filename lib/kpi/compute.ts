import 'server-only';
/**
 * The KPI API used by the web app, the reports and the CLI: compute the catalogue (or some KPIs)
 * for a query. Results are cached per data version, so a repeated dashboard query does not
 * recompute.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/db/errors';
import { kpiCatalogue } from '@/metrics';
import { compileKpiGroup, type CompileOptions, type KpiPart } from './compile';
import type { KpiDefinition } from './define';
import { ensureFacts } from './facts';
import { dataHorizon, isPartialPeriod, openConditionOf, partialRangeNote } from './horizon';
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
import {
  basisOfComposite,
  basisOfFields,
  fieldsOfMask,
  PROVENANCE_SUMMARY_SQL,
  type ProvenanceSummary,
} from './provenance';
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

/** Promises, not results: concurrent identical queries (a warm-up and the first visitor) share one computation. */
const caches = new WeakMap<
  Database,
  { version: string; entries: Map<string, Promise<KpiResult[]>> }
>();
const CACHE_ENTRIES = 500;

/**
 * Results change with the loaded data and with the entered FTE and cost figures; the latter are a
 * handful of rows, so their fingerprint costs next to nothing.
 */
function resultsVersion(db: Database): Promise<string> {
  return db.memo('kpi-results-version', () => readResultsVersion(db));
}

async function readResultsVersion(db: Database): Promise<string> {
  const [facts, inputs] = await Promise.all([
    ensureFacts(db),
    db.read<{ v: bigint | number | null }>(
      'SELECT sum(hash(period_from, period_to, team, fte, cost, currency)) AS v FROM kpi_inputs',
    ),
  ]);
  return `${facts}|${String(inputs[0]?.v ?? 0)}`;
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
  const entries = cache.entries;
  const results = computeUncached(db, parsed, kpis);
  if (entries.size >= CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, results);
  results.catch(() => entries.delete(key));
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
  const [present, [horizon, provenance]] = await Promise.all([
    profileData(
      db,
      [...needed.values()].flatMap((k) => k.needs),
    ),
    ensureFacts(db).then((version) =>
      Promise.all([dataHorizon(db, version), provenanceOfData(db, version)]),
    ),
  ]);
  const done = new Map<string, KpiResult>();
  const scanned = new Map<string, KpiDefinition[]>();
  const inputs: KpiDefinition[] = [];
  for (const kpi of needed.values()) {
    const missing = missingDataReason(kpi.needs, present);
    if (missing) {
      done.set(kpi.id, {
        ...describe(kpi),
        ...emptyValue(),
        ...measured(),
        available: false,
        unavailableReason: missing,
      });
    } else if (kpi.kind === 'input') inputs.push(kpi);
    else if (kpi.kind !== 'product') {
      const key = `${kpi.base}|${kpi.asOf}`;
      scanned.set(key, [...(scanned.get(key) ?? []), kpi]);
    }
  }
  // One scan per base table and as-of column, side by side on the reader connections.
  await Promise.all([
    ...[...scanned.values()].map(async (group) => {
      const parts = group.map((kpi) => ({
        kpi,
        ...(kpi.kind === 'all_of' ? allOfShape(kpi, present) : {}),
      }));
      for (const result of await computeGroup(db, parts, query, horizon, provenance))
        done.set(result.id, result);
    }),
    ...inputs.map(async (kpi) =>
      done.set(kpi.id, {
        ...describe(kpi),
        ...(await inputKpiValue(db, kpi, query.filters)),
        ...measured(),
        available: true,
      }),
    ),
  ]);
  // Products are computed from their components' values.
  for (const kpi of needed.values())
    if (kpi.kind === 'product' && !done.has(kpi.id))
      done.set(kpi.id, productOf(kpi, describe(kpi), done));
  return kpis.map((k) => ({ ...done.get(k.id)!, horizon }));
}

type Part = KpiPart & { components?: ComponentUse[] };

/** KPIs sharing a base table and as-of column: their totals, series and comparisons. */
async function computeGroup(
  db: Database,
  parts: Part[],
  query: ParsedKpiQuery,
  horizon: string | null,
  provenance: ProvenanceSummary,
): Promise<KpiResult[]> {
  const grouped = !!(query.grain || query.by);
  // Open rows are counted over the whole scope, not per segment: with a breakdown they are not
  // attributed, so only a series by period alone says how many are maturing.
  const open =
    query.grain && !query.by && parts.some((p) => p.kpi.kind === 'duration')
      ? openConditionOf(parts[0]!.kpi.asOf)
      : undefined;
  const wantsStages = query.details && parts.some((p) => p.kpi.id === 'order_shipment_cycle_time');
  const [rows, comparisons, stages] = await Promise.all([
    evaluate(db, parts, query.filters, {
      grain: query.grain,
      by: query.by,
      withTotal: true,
      provenance,
      ...(open ? { openRows: open } : {}),
    }),
    query.compare ? compareWith(db, parts, query, horizon, provenance) : undefined,
    wantsStages ? cycleTimeStages(db, query.filters) : undefined,
  ]);
  return Promise.all(
    parts.map(async ({ kpi, components }, i) => {
      const values = rows[i]!;
      const total = grouped ? values.find((r) => r.total)! : values[0]!;
      // A composite's value is partial when a component had no data, whatever its rows rest on.
      const basis = (v: KpiValue) => (components ? basisOfComposite(components, [v]) : {});
      const result: KpiResult = {
        ...describe(kpi),
        ...measured(),
        ...withoutTotalFlag(total),
        ...basis(total),
        available: true,
        ...(components ? { components } : {}),
      };
      if (grouped)
        result.series = values
          .filter((r) => !r.total)
          .map((r) => ({
            ...withoutTotalFlag(r),
            ...basis(r),
            ...periodState(r, kpi, query, horizon, open ? (total.open ?? 0) : undefined),
          }));
      if (comparisons)
        result.comparisons = comparisons[i]!.map((c) => ({
          ...c,
          change: result.value !== null && c.value !== null ? result.value - c.value : null,
        }));
      if (stages && kpi.id === 'order_shipment_cycle_time') result.stages = stages;
      if (query.details && kpi.kind === 'duration' && result.distribution)
        result.distribution.histogram = await histogramOf(
          db,
          kpi,
          query.filters,
          result.distribution,
        );
      return result;
    }),
  );
}

/**
 * A series point's place against the horizon: partial when its period runs past it; for a duration
 * by period alone, the rows still open, which only a partial period can still take in.
 */
function periodState(
  point: KpiValue,
  kpi: KpiDefinition,
  query: ParsedKpiQuery,
  horizon: string | null,
  open: number | undefined,
): Pick<KpiValue, 'partial' | 'maturing'> {
  if (!query.grain || !point.period) return {};
  const partial = isPartialPeriod(point.period, query.grain, horizon);
  const maturing =
    kpi.kind === 'duration' && open !== undefined ? { maturing: partial ? open : 0 } : {};
  return { partial, ...maturing };
}

/**
 * Per part: the previous period of equal length and the same period last year (change is set
 * later), flagged partial when the current range runs past the horizon.
 */
async function compareWith(
  db: Database,
  parts: Part[],
  query: ParsedKpiQuery,
  horizon: string | null,
  provenance: ProvenanceSummary,
): Promise<Comparison[][]> {
  const note = query.filters.to ? partialRangeNote(query.filters.to, horizon) : undefined;
  const kinds = query.compare === 'both' ? (['previous', 'last_year'] as const) : [query.compare!];
  const compared = await Promise.all(
    kinds.map(async (kind) => {
      const range = comparisonRange(query.filters, kind);
      if (!range) return null;
      const rows = await evaluate(db, parts, range, { provenance });
      return parts.map((_, i) => {
        const before = rows[i]![0]!;
        const comparison: Comparison = {
          kind,
          range: { from: range.from!, to: range.to! },
          value: before.value,
          n: before.n,
          change: null,
          ...(note ? { partial: true, note } : {}),
        };
        return comparison;
      });
    }),
  );
  return parts.map((_, i) => compared.flatMap((c) => (c ? [c[i]!] : [])));
}

interface Shape {
  population?: string;
  numerator?: string;
  needs?: string[];
  components?: ComponentUse[];
}

/** all_of: a row passes when it passes every component that has data. */
function allOfShape(kpi: KpiDefinition, present: Set<string>): Shape {
  const components: ComponentUse[] = [];
  const populations = [kpi.population];
  const passes: string[] = [];
  const needs = [...kpi.needs];
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
    needs.push(...def.needs);
    if (c.population) populations.push(c.population);
    if (c.pass) passes.push(c.pass);
  }
  return {
    population: populations.map((p) => `(${p})`).join(' AND '),
    numerator: `count(*) FILTER (WHERE ${passes.length ? passes.map((p) => `(${p})`).join(' AND ') : 'true'})`,
    needs,
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
    ...basisOfComposite(
      components,
      used.map((c) => done.get(c.kpi)!),
    ),
  };
}

/** Per part, its values: one row for a total, or the total (flagged) and the series. */
async function evaluate(
  db: Database,
  parts: KpiPart[],
  filters: Filters,
  groups: Omit<CompileOptions, 'filters'>,
): Promise<(KpiValue & { total?: boolean; open?: number })[][]> {
  const compiled = compileKpiGroup(parts, { filters, ...groups });
  const rows = await db.read(compiled.sql, compiled.params);
  return parts.map(({ kpi }, i) =>
    rows.map((row) => ({
      ...toValue(kpi, row, compiled.exclusionReasons[i]!, `k${i}_`),
      ...(row._total ? { total: true } : {}),
      ...(row._total && row._open !== undefined ? { open: Number(row._open) } : {}),
    })),
  );
}

function withoutTotalFlag(row: KpiValue & { total?: boolean; open?: number }): KpiValue {
  const value = { ...row };
  delete value.total;
  delete value.open;
  return value;
}

function toValue(
  kpi: KpiDefinition,
  row: Record<string, unknown>,
  reasons: string[],
  prefix: string,
): KpiValue {
  const field = (name: string) => row[prefix + name];
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  const numerator = num(field('numerator'));
  const denominator = num(field('denominator'));
  let value: number | null = null;
  if (kpi.kind === 'duration')
    value = numerator !== null && denominator ? numerator / denominator : null;
  else if (numerator !== null && denominator) value = (100 * numerator) / denominator;
  const counts = new Map(
    ((field('ex') ?? []) as { key: unknown; value: unknown }[]).map((e) => [
      Number(e.key),
      Number(e.value),
    ]),
  );
  const excluded = reasons
    .map((reason, i) => ({ reason, count: counts.get(i) ?? 0 }))
    .filter((e) => e.count > 0);
  const out: KpiValue = {
    value,
    numerator,
    denominator,
    n: Number(field('n') ?? 0),
    excluded,
    ...basisOfFields(fieldsOfMask(field('derived'))),
  };
  if (kpi.kind === 'duration') {
    const q = (field('quantiles') as number[] | null) ?? [];
    out.distribution = {
      mean: value,
      median: num(q[0]),
      p90: num(q[1]),
      p95: num(q[2]),
      min: num(field('min')),
      max: num(field('max')),
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

function measured(): Pick<KpiResult, 'basis' | 'basisNotes'> {
  return { basis: 'measured', basisNotes: [] };
}

function emptyValue(): KpiValue {
  return { value: null, numerator: null, denominator: null, n: 0, excluded: [] };
}

const provenanceCache = new WeakMap<
  Database,
  { version: string; summary: Promise<ProvenanceSummary> }
>();

/** What the facts' provenance holds, read once per data version (see ProvenanceSummary). */
function provenanceOfData(db: Database, version: string): Promise<ProvenanceSummary> {
  const hit = provenanceCache.get(db);
  if (hit?.version === version) return hit.summary;
  const summary = db
    .read<{ derived: string; absent: string; twins: string }>(PROVENANCE_SUMMARY_SQL)
    .then(([row]) => ({
      derived: BigInt(row?.derived ?? 0),
      absent: BigInt(row?.absent ?? 0),
      twins: BigInt(row?.twins ?? 0),
    }));
  provenanceCache.set(db, { version, summary });
  summary.catch(() => provenanceCache.delete(db));
  return summary;
}
