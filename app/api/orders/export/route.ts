import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { exportOrdersCsv, ordersQueryInput, ordersQuerySchema } from '@/lib/orders/list';
import { errorResponse, listParam } from '../../respond';

/**
 * GET /api/orders/export?…the explorer's query…&columns=order_id,order_ts: the whole view (every
 * page) as a streamed CSV download.
 */
export async function GET(request: NextRequest) {
  try {
    const search = request.nextUrl.searchParams;
    const query = ordersQuerySchema.parse(ordersQueryInput(search));
    const db = await getServerDatabase();
    const chunks = exportOrdersCsv(db, { ...query, columns: listParam(search, 'columns') });
    // Pull the first chunk before answering, so a bad query is an error response, not a broken file.
    const first = await chunks.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error('[orderlens] orders export failed:', error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="orders.csv"',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
