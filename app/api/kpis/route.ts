import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { scorecard } from '@/lib/kpi/scorecard';
import { kpiQuerySchema } from '@/lib/kpi/filters';
import { errorResponse, filtersFromParams, json, listParam } from '../respond';

/** GET /api/kpis?from=&to=&by=&grain=&compare=&kpis=a,b&site=…: the catalogue for a query. */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const query = kpiQuerySchema.parse({
      filters: filtersFromParams(params),
      by: params.get('by') ?? undefined,
      grain: params.get('grain') ?? undefined,
      compare: params.get('compare') ?? undefined,
    });
    const db = await getServerDatabase();
    return json({ query, kpis: await scorecard(db, query, listParam(params, 'kpis')) });
  } catch (error) {
    return errorResponse(error);
  }
}
