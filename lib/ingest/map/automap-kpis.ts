/** What an unmapped field costs: the KPIs that need it. Pure, for the client-side wizard too. */
import { fieldsOfTarget, tablesOfTarget, type MappingTarget } from '@/lib/model/canonical';

/** A KPI as the proposal needs to know it: its name and the fields it reads ('shipments.ship_ts'). */
export interface KpiNeeds {
  name: string;
  needs: readonly string[];
}

/**
 * For each unmapped field of a target, the KPIs whose needs name it, so the caller that has the
 * catalogue (lib cannot import metrics/) can say what an unmapped field costs. A need with
 * alternatives ('orders.cancelled_ts|orders.status') counts when every alternative this target
 * could feed is unmapped; another file may still provide it, which the wording should admit.
 */
export function kpisWithout(
  target: MappingTarget,
  mapped: Iterable<string>,
  catalogue: readonly KpiNeeds[],
): { field: string; kpis: string[] }[] {
  const tables = new Set<string>(tablesOfTarget(target));
  const have = new Set(mapped);
  const targetFields = new Set(fieldsOfTarget(target).map((f) => f.name));
  const lost = new Map<string, string[]>();
  for (const kpi of catalogue) {
    for (const need of kpi.needs) {
      const here = need
        .split('|')
        .map((alt) => alt.split('.'))
        .filter(([table, field]) => field && tables.has(table!) && targetFields.has(field));
      if (here.length === 0 || here.some(([, field]) => have.has(field!))) continue;
      for (const [, field] of here) {
        const kpis = lost.get(field!) ?? [];
        if (!kpis.includes(kpi.name)) lost.set(field!, [...kpis, kpi.name]);
      }
    }
  }
  return fieldsOfTarget(target)
    .map((f) => f.name)
    .filter((f) => lost.has(f))
    .map((field) => ({ field, kpis: lost.get(field)! }));
}
