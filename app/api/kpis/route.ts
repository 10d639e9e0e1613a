import { scorecard } from '@/lib/kpi/scorecard';
import { kpiQuerySchema } from '@/lib/kpi/filters';
import { filtersFromParams, json, listParam, route } from '../respond';

/** GET /api/kpis?from=&to=&by=&grain=&compare=&kpis=a,b&site=…: the catalogue for a query. */
export const GET = route('view', async (request, _context, { db }) => {
  const params = request.nextUrl.searchParams;
  const query = kpiQuerySchema.parse({
    filters: filtersFromParams(params),
    by: params.get('by') ?? undefined,
    grain: params.get('grain') ?? undefined,
    compare: params.get('compare') ?? undefined,
  });
  return json({ query, kpis: await scorecard(db, query, listParam(params, 'kpis')) });
});
