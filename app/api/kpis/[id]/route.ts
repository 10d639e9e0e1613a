import { computeKpis } from '@/lib/kpi/compute';
import { getKpi } from '@/lib/kpi/engine';
import { kpiQuerySchema } from '@/lib/kpi/filters';
import { filtersFromParams, json, route } from '../../respond';

/** GET /api/kpis/:id?grain=month&by=site&compare=previous: one KPI with its definition and series. */
export const GET = route<{ params: Promise<{ id: string }> }>(
  'view',
  async (request, { params }, { db }) => {
    const { id } = await params;
    const definition = getKpi(id);
    const search = request.nextUrl.searchParams;
    const query = kpiQuerySchema.parse({
      filters: filtersFromParams(search),
      by: search.get('by') ?? undefined,
      grain: search.get('grain') ?? 'month',
      compare: search.get('compare') ?? undefined,
    });
    const [result] = await computeKpis(db, query, [id]);
    return json({ definition, query, result });
  },
);
