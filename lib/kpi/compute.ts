import 'server-only';
/**
 * The KPI API used by the web app, the reports and the CLI: compute the catalogue (or some KPIs)
 * for a query. Results are cached per data version, so a repeated dashboard query does not
 * recompute.
 */
import type { Database } from '@/lib/db/database';
import { kpiOf, type Catalogue } from '@/lib/semantic/catalogue';
import { engineCatalogue } from './engine';
import { compileKpiGroup, type CompileOptions, type KpiPart } from './compile';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { factsVersion } from './facts';
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
import { allOfShape, productOf } from './composites';
import { basisOfComposite, type ProvenanceSummary } from './provenance';
import {
  describe,
  emptyValue,
  measured,
  provenanceOfData,
  toValue,
  withoutTotalFlag,
} from './result-values';
import type { Comparison, ComponentUse, KpiResult, KpiValue } from './types';

/** Promises, not results: concurrent identical queries (a warm-up and the first visitor) share one computation. */
interface ResultsCache {
  version: string;
  entries: Map<string, Promise<KpiResult[]>>;
}
const cacheOf = (db: Database) =>
  db.shared('kpi-results', () => ({ current: undefined as ResultsCache | undefined }));
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
    factsVersion(db),
    db.read<{ v: bigint | number | null }>(
      'SELECT sum(hash(period_from, period_to, team, fte, cost, currency)) AS v FROM kpi_inputs',
    ),
  ]);
  return `${facts}|${String(inputs[0]?.v ?? 0)}`;
}

/** Compute KPIs (default: the whole catalogue of the engine) for a query. */
export function computeKpis(db: Database, query: KpiQuery = {}, ids?: string[]) {
  return computeCatalogueKpis(engineCatalogue(), db, query, ids);
}

/** Compute KPIs of a catalogue (default: all of them) for a query. */
export async function computeCatalogueKpis(
  catalogue: Catalogue,
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
): Promise<KpiResult[]> {
  const parsed = kpiQuerySchema.parse(query);
  const kpis = ids ? ids.map((id) => kpiOf(catalogue, id)) : catalogue.kpis;
  const version = await resultsVersion(db);
  const key = JSON.stringify([parsed, kpis.map((k) => k.id)]);
  const held = cacheOf(db);
  let cache = held.current;
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    held.current = cache;
  }
  const hit = cache.entries.get(key);
  if (hit) return hit;
  const entries = cache.entries;
  const results = computeUncached(catalogue, db, parsed, kpis);
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
  const catalogue = engineCatalogue();
  const parsed = kpiQuerySchema.parse(query);
  const kpis = ids ? ids.map((id) => kpiOf(catalogue, id)) : catalogue.kpis;
  const cache = cacheOf(db).current;
  return (
    !!cache &&
    cache.version === (await resultsVersion(db)) &&
    cache.entries.has(JSON.stringify([parsed, kpis.map((k) => k.id)]))
  );
}

async function computeUncached(
  catalogue: Catalogue,
  db: Database,
  query: ParsedKpiQuery,
  kpis: readonly KpiDefinition[],
): Promise<KpiResult[]> {
  const needed = new Map(kpis.map((k) => [k.id, k]));
  for (const kpi of kpis)
    for (const c of kpi.components ?? [])
      if (!needed.has(c.kpi)) needed.set(c.kpi, kpiOf(catalogue, c.kpi));
  const [present, [horizon, provenance]] = await Promise.all([
    profileData(
      db,
      [...needed.values()].flatMap((k) => k.needs),
    ),
    factsVersion(db).then((version) =>
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
        ...(kpi.kind === 'all_of' ? allOfShape(catalogue, kpi, present) : {}),
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
  const staged = query.details ? parts.find((p) => p.kpi.details.includes('stages')) : undefined;
  const [rows, comparisons, stages] = await Promise.all([
    evaluate(db, parts, query.filters, {
      grain: query.grain,
      by: query.by,
      withTotal: true,
      provenance,
      ...(open ? { openRows: open } : {}),
    }),
    query.compare ? compareWith(db, parts, query, horizon, provenance) : undefined,
    staged ? cycleTimeStages(db, staged.kpi, query.filters) : undefined,
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
      if (stages && kpi.details.includes('stages')) result.stages = stages;
      if (query.details && kpi.details.includes('distribution') && result.distribution)
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
