import type { ParsedOrdersQuery } from '@/lib/orders/query';

/** A row of the orders explorer: an order, or a KPI's order or return row, by column id. */
export type Row = Record<string, unknown>;

/** Go to the explorer's URL for the current query changed by `next`. */
export type Navigate = (next: Partial<ParsedOrdersQuery>) => void;

/** A KPI whose rows the explorer can list. */
export interface KpiOption {
  id: string;
  name: string;
  rowPer: 'order' | 'return';
  /** Whether the KPI passes or fails rows (duration KPIs only measure them). */
  judged: boolean;
}
