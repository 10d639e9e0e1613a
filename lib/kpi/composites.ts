import 'server-only';
/**
 * Composite KPIs: all_of (a row passes when it passes every component that has data) and product
 * (the component rates multiplied), over the components the data can judge.
 */
import { kpiOf, type Catalogue } from '@/lib/semantic/catalogue';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { missingDataReason } from './profile';
import { basisOfComposite } from './provenance';
import type { describe } from './result-values';
import type { ComponentUse, KpiResult } from './types';

export interface Shape {
  population?: string;
  numerator?: string;
  needs?: string[];
  components?: ComponentUse[];
}

/** all_of: a row passes when it passes every component that has data. */
export function allOfShape(catalogue: Catalogue, kpi: KpiDefinition, present: Set<string>): Shape {
  const components: ComponentUse[] = [];
  const populations = [kpi.population];
  const passes: string[] = [];
  const needs = [...kpi.needs];
  for (const c of kpi.components ?? []) {
    const def = kpiOf(catalogue, c.kpi);
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
export function productOf(
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
