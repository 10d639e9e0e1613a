/** A KPI's `needs` (table.column, alternatives joined by |) in words, from the canonical model. */
import { canonicalFields, type CanonicalTable } from '@/lib/model/canonical';

const tableWords: Record<string, string> = {
  orders: 'order rows',
  order_lines: 'order lines',
  shipments: 'shipment rows',
  returns: 'return rows',
};

const inputWords: Record<string, string> = {
  'kpi_inputs.fte': 'FTE figures entered per period',
  'kpi_inputs.cost': 'order-management cost entered per period',
};

export interface NeedText {
  /** e.g. "Promised ship date or Promised ship date (line override)". */
  text: string;
  /** The canonical columns, e.g. ["orders.promised_ship_ts", "order_lines.promised_ship_ts"]. */
  columns: string[];
}

function one(need: string): string {
  if (inputWords[need]) return inputWords[need]!;
  const [table, column] = need.split('.');
  if (!column) return `any ${tableWords[table ?? ''] ?? table}`;
  const fields = canonicalFields[table as CanonicalTable];
  return fields?.find((f) => f.name === column)?.description ?? column;
}

export function describeNeeds(needs: string[]): NeedText[] {
  return needs.map((need) => {
    const alternatives = need.split('|');
    return { text: alternatives.map(one).join(', or '), columns: alternatives };
  });
}
