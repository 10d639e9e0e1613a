import { drillKpi, drillQuerySchema } from '@/lib/kpi/drill';
import { filtersFromParams, json, route } from '../../../respond';

/** GET /api/kpis/:id/orders?failed=1&page=2&pageSize=50&sort=value&direction=desc: drill-through. */
export const GET = route<{ params: Promise<{ id: string }> }>(
  'drill',
  async (request, { params }, { db }) => {
    const { id } = await params;
    const search = request.nextUrl.searchParams;
    const number = (key: string) => (search.get(key) ? Number(search.get(key)) : undefined);
    const query = drillQuerySchema.parse({
      filters: filtersFromParams(search),
      failedOnly: search.get('failed') === '1' || search.get('failed') === 'true',
      page: number('page'),
      pageSize: number('pageSize'),
      sort: search.get('sort') ?? undefined,
      direction: search.get('direction') ?? undefined,
    });
    return json(await drillKpi(db, id, query));
  },
);
