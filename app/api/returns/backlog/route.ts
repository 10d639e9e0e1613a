import { z } from 'zod';
import { filtersSchema } from '@/lib/kpi/filters';
import { returnsBacklog } from '@/lib/kpi/returns-backlog';
import { isoDate } from '@/lib/model/iso-date';
import { filtersFromParams, json, route } from '../../respond';

const backlogQuery = z.object({ filters: filtersSchema, asOf: isoDate.optional() }).strict();

/**
 * GET /api/returns/backlog?asOf=YYYY-MM-DD&site=…: the open returns on that day (default: the
 * data's last date) by stage and age bucket. The page's date range does not apply.
 */
export const GET = route('view', async (request, _context, { db }) => {
  const params = request.nextUrl.searchParams;
  const query = backlogQuery.parse({
    filters: filtersFromParams(params),
    asOf: params.get('asOf') ?? undefined,
  });
  return json({ backlog: await returnsBacklog(db, query.filters, query.asOf) });
});
