/** The explorer table's features, column definitions, labels and widths. */
import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type ReactTable,
  type Updater,
} from '@tanstack/react-table';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { ColumnMeta, ColumnType } from '@/lib/orders/query';
import type { Row } from '../types';

export const features = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  rowPaginationFeature,
});

export type OrdersTableInstance = ReactTable<typeof features, Row>;

export const ROW_HEIGHT = 37;
export const HEADER_HEIGHT = 40;

// Measured in Debian's Chromium (DejaVu Sans) with 8 px cell padding: the default columns come to
// 1,148 px, within the 1,150 px a 1280-pixel screen leaves the table, and nothing in them is cut:
// an ERP order number such as CA-2014-152156 whole (146), "Shipped in full" with its glyph (166),
// a time of day (142), each heading with its sort mark. Room comes from columns whose values are
// short (customer, channel, site, ship time).
const typeWidths: Record<string, number> = {
  id: 148,
  timestamp: 144,
  text: 120,
  number: 90,
  hours: 104,
  boolean: 100,
  status: 166,
};
const columnWidths: Record<string, number> = {
  customer_id: 110,
  channel: 104,
  site: 84,
  lines: 70,
  ship_dates: 96,
  value: 150,
  failed: 110,
};

/** A column's width in pixels: its own, else its type's. */
export const widthOf = (column: string, type: ColumnType) =>
  columnWidths[column] ?? typeWidths[type] ?? 120;

export const unitShort: Partial<Record<KpiUnit, string>> = { hours: 'h', days: 'd', percent: '%' };

/** A column's heading: a KPI's value column names the KPI's unit. */
export function columnLabel(meta: ColumnMeta, id: string, unit: KpiUnit | undefined): string {
  return id === 'value' && unit
    ? `Value${unitShort[unit] ? ` (${unitShort[unit]})` : ''}`
    : meta.label;
}

/** One column per id: the order or return id cannot be hidden; times, numbers and values sort descending first. */
export function columnDefs(
  columns: string[],
  labelOf: (id: string) => string,
  metaOf: (id: string) => ColumnMeta,
): ColumnDef<typeof features, Row>[] {
  return columns.map((id) => {
    const meta = metaOf(id);
    return {
      id,
      accessorFn: (row: Row) => row[id],
      header: labelOf(id),
      sortDescFirst: ['timestamp', 'number', 'hours'].includes(meta.type) || id === 'value',
      enableHiding: id !== 'order_id' && id !== 'return_id',
    };
  });
}

/** The value of a TanStack updater: the new value, or the function applied to the old. */
export function resolve<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (value: T) => T)(old) : updater;
}
