/**
 * The canonical order model: the contract between ingestion, the KPI engine and mapping files.
 * Pure data, safe to import anywhere (server, client, CLI).
 * Source: shared reference "kpi-catalogue.md", section "Canonical order model".
 */

export const canonicalTables = ['orders', 'order_lines', 'shipments', 'returns'] as const;
export type CanonicalTable = (typeof canonicalTables)[number];

/** A mapping may target one table, or `flat`: one row per order line with its shipment columns. */
export const mappingTargets = [...canonicalTables, 'flat'] as const;
export type MappingTarget = (typeof mappingTargets)[number];

export type FieldType = 'text' | 'timestamp' | 'number' | 'integer' | 'boolean';

export interface CanonicalField {
  name: string;
  type: FieldType;
  required: boolean;
  description: string;
}

const f = (
  name: string,
  type: FieldType,
  description: string,
  required = false,
): CanonicalField => ({
  name,
  type,
  required,
  description,
});

export const canonicalFields: Record<CanonicalTable, readonly CanonicalField[]> = {
  orders: [
    f('order_id', 'text', 'Order number', true),
    f('order_ts', 'timestamp', 'Order received or placed', true),
    f('customer_id', 'text', 'Customer'),
    f('channel', 'text', 'Order channel (edi, web, email, phone, sales_rep, marketplace…)'),
    f('site', 'text', 'Ship-from site'),
    f('region', 'text', 'Customer region'),
    f('entered_ts', 'timestamp', 'Entered in the ERP'),
    f('released_ts', 'timestamp', 'Released to the warehouse after credit or approval'),
    f('promised_ship_ts', 'timestamp', 'Promised ship date'),
    f('promised_delivery_ts', 'timestamp', 'Promised delivery (commit) date'),
    f('requested_delivery_ts', 'timestamp', 'Delivery date requested by the customer'),
    f('cancelled_ts', 'timestamp', 'Cancelled at'),
    f('status', 'text', 'Order status (cancelled is recognised)'),
    f('order_value', 'number', 'Order value'),
    f('currency', 'text', 'Currency code'),
    f('customer_group', 'text', 'Customer group or segment (team rules can match it)'),
  ],
  order_lines: [
    f('order_id', 'text', 'Order number', true),
    f('line_no', 'integer', 'Line number within the order', true),
    f('sku', 'text', 'Item or SKU'),
    f('qty_ordered', 'number', 'Ordered quantity', true),
    f('unit_price', 'number', 'Unit price'),
    f('qty_cancelled', 'number', 'Cancelled quantity'),
    f('promised_ship_ts', 'timestamp', 'Promised ship date (line override)'),
    f('promised_delivery_ts', 'timestamp', 'Promised delivery date (line override)'),
  ],
  shipments: [
    f('shipment_id', 'text', 'Shipment or delivery number'),
    f('order_id', 'text', 'Order number', true),
    f('line_no', 'integer', 'Order line number'),
    f('sku', 'text', 'Item or SKU'),
    f('qty_shipped', 'number', 'Shipped quantity'),
    f('ship_ts', 'timestamp', 'Shipped (goods issue) at; required unless delivered_ts is given'),
    f('delivered_ts', 'timestamp', 'Delivered at'),
    f('carrier', 'text', 'Carrier'),
    f('ship_mode', 'text', 'Ship mode or service level'),
    f('site', 'text', 'Ship-from site'),
    f('damaged', 'boolean', 'Shipment arrived damaged'),
    f('documentation_error', 'boolean', 'Shipment had a documentation error'),
  ],
  returns: [
    f('return_id', 'text', 'Return (RMA) number'),
    f('order_id', 'text', 'Order number', true),
    f('line_no', 'integer', 'Order line number'),
    f('sku', 'text', 'Item or SKU'),
    f('qty_returned', 'number', 'Returned quantity'),
    f('return_ts', 'timestamp', 'Return received at'),
    f('credited_ts', 'timestamp', 'Return processed (credited) at'),
    f('reason_code', 'text', 'Reason code as in the source'),
    f('reason_category', 'text', 'Reason category'),
    f('return_value', 'number', 'Returned value'),
    // The stages of the returns workflow, each optional: an extract may record any of them.
    f('authorised_ts', 'timestamp', 'Return authorised (RMA issued) at'),
    f('inspected_ts', 'timestamp', 'Return inspected at'),
    f('disposition', 'text', 'Disposition (restock, refurbish, scrap, return_to_vendor)'),
    f('disposition_ts', 'timestamp', 'Disposition decided at'),
  ],
};

/** Natural keys; shipments and returns fall back to a composite when their id is absent. */
export const naturalKeys: Record<CanonicalTable, { withId: string[]; withoutId?: string[] }> = {
  orders: { withId: ['order_id'] },
  order_lines: { withId: ['order_id', 'line_no'] },
  shipments: {
    withId: ['shipment_id', 'order_id', 'line_no'],
    withoutId: ['order_id', 'line_no', 'ship_ts'],
  },
  returns: {
    withId: ['return_id'],
    withoutId: ['order_id', 'line_no', 'return_ts', 'reason_code'],
  },
};

export const reasonCategories = [
  'damaged',
  'wrong_item',
  'wrong_quantity',
  'documentation',
  'defective',
  'late_delivery',
  'customer_choice',
  'other',
] as const;
export type ReasonCategory = (typeof reasonCategories)[number];
/** The reason categories that count as fulfilment errors. */
export const fulfilmentErrorCategories: readonly ReasonCategory[] = [
  'damaged',
  'wrong_item',
  'wrong_quantity',
  'documentation',
];

/** What happens to a returned item; source values are read as these through the mapping's values. */
export const returnDispositions = ['restock', 'refurbish', 'scrap', 'return_to_vendor'] as const;
export type ReturnDisposition = (typeof returnDispositions)[number];

/** The tables a mapping target writes to. A flat extract feeds orders, lines and shipments at once. */
export function tablesOfTarget(target: MappingTarget): CanonicalTable[] {
  return target === 'flat' ? ['orders', 'order_lines', 'shipments'] : [target];
}

/** The fields a mapping target can map; for flat, the union (shared names such as order_id once). */
export function fieldsOfTarget(target: MappingTarget): CanonicalField[] {
  const seen = new Map<string, CanonicalField>();
  for (const table of tablesOfTarget(target)) {
    for (const field of canonicalFields[table]) {
      if (!seen.has(field.name)) seen.set(field.name, field);
    }
  }
  return [...seen.values()];
}

/**
 * Required fields of a target. A flat extract needs only the order: lines come from it when it
 * maps a quantity (numbered in file order without a line number), shipments when it maps a date.
 */
export function requiredFieldsOfTarget(target: MappingTarget): string[] {
  if (target === 'flat') return ['order_id', 'order_ts'];
  if (target === 'order_lines') return ['order_id', 'qty_ordered'];
  return canonicalFields[target].filter((field) => field.required).map((field) => field.name);
}
