/**
 * The explorer's column metadata: each fact column as its table declares it (label, description,
 * and a type from its kind), and the explorer's own columns. Read on the server and sent with each
 * page, so the browser's table labels what the catalogue says.
 */
import type { FactColumnKind } from '@/lib/semantic/facts';
import { installedCatalogue } from '@/lib/semantic/installed';
import { explorerOwnColumns, type ColumnMeta, type ColumnType } from './query';

const typeOfKind: Record<FactColumnKind, ColumnType | undefined> = {
  id: 'id',
  text: 'text',
  day: 'timestamp',
  datetime: 'timestamp',
  count: 'number',
  quantity: 'number',
  money: 'number',
  flag: 'boolean',
  mask: undefined,
};

let cached: { catalogue: object; meta: Record<string, ColumnMeta> } | undefined;

/** Every column the explorer can show; an order's column wins over a return's of the same name. */
export function explorerColumnMeta(): Record<string, ColumnMeta> {
  const catalogue = installedCatalogue();
  if (cached?.catalogue === catalogue) return cached.meta;
  const meta: Record<string, ColumnMeta> = {};
  for (const table of catalogue.facts)
    for (const column of table.columns) {
      const type = typeOfKind[column.kind];
      if (type && !meta[column.name])
        meta[column.name] = { label: column.label, type, description: column.description };
    }
  cached = { catalogue, meta: { ...meta, ...explorerOwnColumns } };
  return cached.meta;
}

/** The metadata of the columns a page shows. */
export function metaOfColumns(columns: readonly string[]): Record<string, ColumnMeta> {
  const all = explorerColumnMeta();
  return Object.fromEntries(columns.flatMap((c) => (all[c] ? [[c, all[c]]] : [])));
}
