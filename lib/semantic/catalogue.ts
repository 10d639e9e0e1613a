/**
 * A catalogue: the fact tables and the KPIs over them, checked together once. What one part names
 * in another (a KPI's base table, its as-of column, its explaining fields, a composite's
 * components) must exist, so a mistake fails at start-up and in the tests, never on a page.
 */
import { OrderlensError } from '@/lib/errors';
import { columnOf, type FactColumn, type FactTable, type FactTableName } from './facts';
import type { KpiDefinition } from './kpi';

export interface Catalogue {
  /** In build order: a table may read one listed before it. */
  readonly facts: readonly FactTable[];
  /** In the order the scorecard shows them. */
  readonly kpis: readonly KpiDefinition[];
}

export class UnknownKpiError extends OrderlensError {
  constructor(id: string) {
    super(`There is no KPI "${id}".`, 'unknown_kpi');
  }
}

export function defineCatalogue(catalogue: Catalogue): Catalogue {
  const problems = catalogueProblems(catalogue);
  if (problems.length) throw new Error(`Invalid KPI catalogue:\n${problems.join('\n')}`);
  return catalogue;
}

function catalogueProblems({ facts, kpis }: Catalogue): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const kpi of kpis) {
    if (ids.has(kpi.id)) problems.push(`${kpi.id}: declared twice`);
    ids.add(kpi.id);
  }
  for (const kpi of kpis) {
    const table = facts.find((t) => t.name === kpi.base);
    if (!table) {
      problems.push(`${kpi.id}.base: no fact table "${kpi.base}"`);
      continue;
    }
    if (!columnOf(table, kpi.asOf))
      problems.push(`${kpi.id}.asOf: no column "${kpi.asOf}" in ${kpi.base}`);
    for (const field of kpi.explain?.fields ?? [])
      if (!columnOf(table, field))
        problems.push(`${kpi.id}.explain.fields: no column "${field}" in ${kpi.base}`);
    for (const c of kpi.components ?? [])
      if (!ids.has(c.kpi)) problems.push(`${kpi.id}.components: no KPI "${c.kpi}"`);
    problems.push(...variantProblems(kpi, kpis));
  }
  return problems;
}

/** A variant counts the same rows as its KPI in another unit of time: one level, same direction. */
function variantProblems(kpi: KpiDefinition, kpis: readonly KpiDefinition[]): string[] {
  if (!kpi.variantOf) return [];
  const of = kpis.find((k) => k.id === kpi.variantOf);
  if (!of) return [`${kpi.id}.variantOf: no KPI "${kpi.variantOf}"`];
  if (of.variantOf) return [`${kpi.id}.variantOf: "${of.id}" is itself a variant`];
  if (of.kind !== 'duration' || kpi.kind !== 'duration' || of.direction !== kpi.direction)
    return [`${kpi.id}.variantOf: a variant is a duration with the same direction as "${of.id}"`];
  return [];
}

/** The variants of a KPI (its other units of time), or the KPI a variant counts again. */
export function relatedVariants(catalogue: Catalogue, kpi: KpiDefinition): KpiDefinition[] {
  const base = kpi.variantOf ?? kpi.id;
  return catalogue.kpis.filter((k) => k.id !== kpi.id && (k.id === base || k.variantOf === base));
}

export function kpiOf(catalogue: Catalogue, id: string): KpiDefinition {
  const kpi = catalogue.kpis.find((k) => k.id === id);
  if (!kpi) throw new UnknownKpiError(id);
  return kpi;
}

export function factTableOf(catalogue: Catalogue, name: FactTableName): FactTable {
  const table = catalogue.facts.find((t) => t.name === name);
  if (!table) throw new Error(`no fact table ${name} in the catalogue`);
  return table;
}

/** A KPI's explaining fields as declared columns, in the KPI's order. */
export function explainingColumns(catalogue: Catalogue, kpi: KpiDefinition): FactColumn[] {
  const table = factTableOf(catalogue, kpi.base);
  return (kpi.explain?.fields ?? []).map((name) => columnOf(table, name)!);
}
