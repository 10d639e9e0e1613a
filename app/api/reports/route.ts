import { renderReport, reportOptionsSchema } from '@/lib/report';
import { attachment, filtersFromParams, listParam, route, textStream } from '../respond';

/**
 * GET /api/reports?format=pdf|pptx|xlsx|csv|png&from=&to=&site=…&kpis=a,b&by=&grain=&compare=
 * &org=&chart=&drill=: the executive report for the current filters, as a download.
 */
export const GET = route('export', async (request, _context, { db, audit }) => {
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
  const report = await renderReport(db, options);
  await audit({
    action: 'export',
    outcome: 'ok',
    target: report.fileName,
    detail: params.toString(),
  });
  const body = Buffer.isBuffer(report.body)
    ? new Uint8Array(report.body)
    : textStream(report.body, 'report download');
  return attachment(body, report.contentType, report.fileName);
});
