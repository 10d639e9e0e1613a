'use client';
/**
 * The orders explorer's interactive part: the filter bar and a TanStack table whose pagination,
 * sorting and filtering happen on the server. Every change is a new URL (the page re-renders with
 * the new rows); the column choice is kept in this browser. Rows are virtualised in a fixed-height
 * scroll container and can be walked with the arrow keys. "All (scroll)" rows per page scrolls
 * through the whole view, fetched as Arrow ranges (table/arrow-rows.ts).
 */
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { OrderFacets, OrdersPage } from '@/lib/orders/list';
import { ordersSearchString, type ParsedOrdersQuery } from '@/lib/orders/query';
import { OrderFilterBar } from './filters/order-filter-bar';
import { OrdersTable } from './table/orders-table';
import type { KpiOption, Navigate } from './types';

export type { KpiOption } from './types';

export interface OrdersExplorerProps {
  page: OrdersPage;
  query: ParsedOrdersQuery;
  facets: OrderFacets;
  kpis: KpiOption[];
  /** Whether the signed-in role may download the view as CSV. */
  canExport: boolean;
}

export function OrdersExplorer({ page, query, facets, kpis, canExport }: OrdersExplorerProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate: Navigate = (next) => {
    const url = `/orders${ordersSearchString({ ...query, ...next })}`;
    startTransition(() => router.push(url, { scroll: false }));
  };
  return (
    <>
      <OrderFilterBar query={query} facets={facets} kpis={kpis} navigate={navigate} />
      <OrdersTable
        page={page}
        query={query}
        pending={pending}
        navigate={navigate}
        canExport={canExport}
      />
    </>
  );
}
