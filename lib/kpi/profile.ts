import 'server-only';
/** Which data is present: a KPI whose data is missing is unavailable, with the reason, never 0. */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';

const labels: Record<string, string> = {
  orders: 'no orders loaded',
  order_lines: 'no order lines loaded',
  shipments: 'no shipments loaded',
  returns: 'no returns loaded',
  kpi_inputs: 'no FTE or cost figures entered',
  'kpi_inputs.fte': 'no FTE figures entered',
  'kpi_inputs.cost': 'no cost figures entered',
};

/** Present needs, from one query over the tables and columns named. */
export async function profileData(db: Database, needs: string[]): Promise<Set<string>> {
  const unique = [...new Set(needs.flatMap((n) => n.split('|')))];
  const probes = unique.map((need) => {
    const [table, column] = need.split('.') as [string, string | undefined];
    const expr = column ? `count(${quoteIdent(column)})` : 'count(*)';
    return `SELECT '${need}' AS need, (SELECT ${expr} FROM ${quoteIdent(table)}) > 0 AS present`;
  });
  if (probes.length === 0) return new Set();
  // As committed: not the rows of a load still in its transaction on the writer connection. Once
  // per write generation: only the writer changes what is present, and every page asks.
  const sql = probes.join(' UNION ALL ');
  const rows = await db.memo(`profile:${sql}`, () =>
    db.read<{ need: string; present: boolean }>(sql),
  );
  return new Set(rows.filter((r) => r.present).map((r) => r.need));
}

/** The reason a KPI cannot be computed, or undefined when every need (or an alternative) is met. */
export function missingDataReason(needs: string[], present: Set<string>): string | undefined {
  const missing = needs.filter((need) => !need.split('|').some((alt) => present.has(alt)));
  if (missing.length === 0) return undefined;
  return missing.map(describeNeed).join('; ');
}

function describeNeed(need: string): string {
  const alternatives = need.split('|').map((alt) => {
    if (labels[alt]) return labels[alt];
    const [table, column] = alt.split('.');
    if (!column) return labels[table!] ?? `no ${table} loaded`;
    return `no ${column.replaceAll('_', ' ').replace(/ ts$/, ' dates')} in ${table!.replaceAll('_', ' ')}`;
  });
  return alternatives.join(' and ');
}
