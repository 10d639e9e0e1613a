'use client';
/**
 * The page's column metadata (labels, types, descriptions as the catalogue declares them), for
 * every part of the table: provided once by the table, read where a column is labelled or drawn.
 */
import { createContext, useCallback, useContext } from 'react';
import { metaOf, type ColumnMeta } from '@/lib/orders/query';

export const ColumnMetaContext = createContext<Readonly<Record<string, ColumnMeta>>>({});

export function useMetaOf(): (column: string) => ColumnMeta {
  const meta = useContext(ColumnMetaContext);
  return useCallback((column: string) => metaOf(meta, column), [meta]);
}
