import { listOrders, ordersQueryInput, ordersQuerySchema } from '@/lib/orders/list';
import { json, route } from '../respond';

/**
 * GET /api/orders?page=1&pageSize=100&sort=order_ts&direction=desc&search=&status=open&site=DC1…
 * A page of orders; with kpi=ID (and failed=1), the orders behind (or failing) that KPI.
 */
export const GET = route('drill', async (request, _context, { db }) => {
  const query = ordersQuerySchema.parse(ordersQueryInput(request.nextUrl.searchParams));
  return json(await listOrders(db, query));
});
