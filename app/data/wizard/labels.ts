/** The wizard's words for targets, delimiters, separators, date formats and file kinds. */
import type { MappingTarget } from '@/lib/model/canonical';

export const targetLabels: Record<MappingTarget, string> = {
  flat: 'Flat extract (orders, lines and shipments in one file)',
  orders: 'Orders (order headers)',
  order_lines: 'Order lines',
  shipments: 'Shipments',
  returns: 'Returns',
};

export const delimiterLabels: Record<string, string> = {
  ',': 'comma (,)',
  ';': 'semicolon (;)',
  '\t': 'tab',
  '|': 'pipe (|)',
};

export const decimalLabels = { '.': 'point (1.5)', ',': 'comma (1,5)' } as const;

export const encodings = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;

export const kindLabels = { csv: 'CSV / TSV', xlsx: 'Excel workbook', parquet: 'Parquet' } as const;

export const stepLabels = ['Upload', 'Preview and map', 'Check', 'Load'] as const;

export const ACCEPT =
  '.csv,.tsv,.txt,.xlsx,.parquet,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const formatCodes: Record<string, string> = {
  '%d': 'DD',
  '%m': 'MM',
  '%Y': 'YYYY',
  '%y': 'YY',
  '%H': 'hh',
  '%M': 'mm',
  '%S': 'ss',
  '%b': 'Mon',
  '%B': 'Month',
};

/** '%d.%m.%Y' → 'DD.MM.YYYY'; 'iso' → 'ISO (YYYY-MM-DD)'. */
export function readableFormat(format: string): string {
  if (format === 'iso') return 'ISO (YYYY-MM-DD)';
  return format.replace(/%[a-zA-Z]/g, (code) => formatCodes[code] ?? code);
}

export function systemName(system: string): string {
  return (
    { sap: 'SAP', netsuite: 'NetSuite', dynamics: 'Dynamics', shopify: 'Shopify' }[system] ?? system
  );
}
