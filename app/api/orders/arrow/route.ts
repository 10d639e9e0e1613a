import { streamOrdersArrow } from '@/lib/orders/arrow';
import {
  ARROW_CONTENT_TYPE,
  ordersQueryInput,
  ordersQuerySchema,
  ordersRangeInput,
  ordersRangeSchema,
} from '@/lib/orders/query';
import { route } from '../../respond';

/**
 * GET /api/orders/arrow?…the explorer's query…&offset=0&limit=50000&columns=order_id,order_ts:
 * rows of the view as an Arrow IPC stream, for the explorer's "all rows" grid. At most 1,000,000
 * rows a request; the schema's metadata carries the view's total and the columns sent.
 */
export const GET = route('drill', async (request, _context, { db }) => {
  const search = request.nextUrl.searchParams;
  const query = ordersQuerySchema.parse(ordersQueryInput(search));
  const range = ordersRangeSchema.parse(ordersRangeInput(search));
  const chunks = streamOrdersArrow(db, { ...query, ...range });
  // Pull the schema before answering, so a bad query is an error response, not a broken stream.
  const first = await chunks.next();
  return new Response(byteStream(chunks, first.done ? undefined : first.value), {
    headers: {
      'Content-Type': ARROW_CONTENT_TYPE,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

/** Byte chunks as a response body, pulled as the client reads; a failure mid-stream is logged. */
function byteStream(chunks: AsyncGenerator<Uint8Array>, first?: Uint8Array) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(first);
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        console.error('[orderlens] orders Arrow stream failed:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
