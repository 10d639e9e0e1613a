import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { renderReport, reportOptionsSchema } from '@/lib/report';
import { errorResponse, filtersFromParams, listParam } from '../respond';

/**
 * GET /api/reports?format=pdf|pptx|xlsx|csv|png&from=&to=&site=…&kpis=a,b&by=&grain=&compare=
 * &org=&chart=&drill=: the executive report for the current filters, as a download.
 */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const one = (key: string) => params.get(key) || undefined;
    const options = reportOptionsSchema.parse({
      format: one('format') ?? 'pdf',
      filters: filtersFromParams(params),
      kpis: listParam(params, 'kpis'),
      by: one('by'),
      grain: one('grain'),
      compare: one('compare'),
      organisation: one('org'),
      chart: one('chart'),
      drill: one('drill'),
    });
    const db = await getServerDatabase();
    const report = await renderReport(db, options);
    return new Response(bodyOf(report.body), {
      headers: {
        'Content-Type': report.contentType,
        'Content-Disposition': `attachment; filename="${report.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** A whole file as bytes; a drill-through CSV streamed chunk by chunk. */
function bodyOf(body: Buffer | AsyncGenerator<string>): BodyInit {
  if (Buffer.isBuffer(body)) return new Uint8Array(body);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await body.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error('[orderlens] report download failed:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await body.return(undefined);
    },
  });
}
