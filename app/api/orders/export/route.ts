import { exportOrdersCsv } from '@/lib/orders/export';
import { ordersQueryInput, ordersQuerySchema } from '@/lib/orders/list';
import { attachment, listParam, route, textStream } from '../../respond';

/**
 * GET /api/orders/export?…the explorer's query…&columns=order_id,order_ts: the whole view (every
 * page) as a streamed CSV download.
 */
export const GET = route('export', async (request, _context, { db, audit }) => {
  const search = request.nextUrl.searchParams;
  const query = ordersQuerySchema.parse(ordersQueryInput(search));
  const chunks = exportOrdersCsv(db, { ...query, columns: listParam(search, 'columns') });
  // Pull the first chunk before answering, so a bad query is an error response, not a broken file.
  const first = await chunks.next();
  await audit({ action: 'export', outcome: 'ok', target: 'orders.csv', detail: search.toString() });
  const body = textStream(chunks, 'orders export', first.done ? undefined : first.value);
  return attachment(body, 'text/csv; charset=utf-8', 'orders.csv');
});
