import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { computeKpis, getKpi } from '@/lib/kpi/compute';
import { kpiQuerySchema } from '@/lib/kpi/filters';
import { errorResponse, filtersFromParams, json } from '../../respond';

/** GET /api/kpis/:id?grain=month&by=site&compare=previous: one KPI with its definition and series. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const definition = getKpi(id);
    const search = request.nextUrl.searchParams;
    const query = kpiQuerySchema.parse({
      filters: filtersFromParams(search),
      by: search.get('by') ?? undefined,
      grain: search.get('grain') ?? 'month',
      compare: search.get('compare') ?? undefined,
    });
    const db = await getServerDatabase();
    const [result] = await computeKpis(db, query, [id]);
    return json({ definition, query, result });
  } catch (error) {
    return errorResponse(error);
  }
}
