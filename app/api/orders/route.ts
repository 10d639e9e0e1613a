import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { listOrders, ordersQueryInput, ordersQuerySchema } from '@/lib/orders/list';
import { errorResponse, json } from '../respond';

/**
 * GET /api/orders?page=1&pageSize=100&sort=order_ts&direction=desc&search=&status=open&site=DC1…
 * A page of orders; with kpi=ID (and failed=1), the orders behind (or failing) that KPI.
 */
export async function GET(request: NextRequest) {
  try {
    const query = ordersQuerySchema.parse(ordersQueryInput(request.nextUrl.searchParams));
    return json(await listOrders(await getServerDatabase(), query));
  } catch (error) {
    return errorResponse(error);
  }
}
