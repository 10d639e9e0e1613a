import { z } from 'zod';
import { explainChange } from '@/lib/kpi/explain-change';
import { dimensionNames, filtersSchema, type Dimension } from '@/lib/kpi/filters';
import { filtersFromParams, json, route } from '../../../respond';

const explainQuerySchema = z
  .object({
    filters: filtersSchema,
    by: z.enum(dimensionNames as [Dimension, ...Dimension[]]).default('site'),
    compare: z.enum(['previous', 'last_year']).default('previous'),
  })
  .strict();

/**
 * GET /api/kpis/:id/explain?by=site&from=…&to=…&compare=previous|last_year: the change against the
 * comparison period split into each segment's rate and mix effects (without a range: the last
 * complete month). A product of rates is refused (422).
 */
export const GET = route<{ params: Promise<{ id: string }> }>(
  'view',
  async (request, { params }, { db }) => {
    const { id } = await params;
    const search = request.nextUrl.searchParams;
    const query = explainQuerySchema.parse({
      filters: filtersFromParams(search),
      by: search.get('by') ?? undefined,
      compare: search.get('compare') ?? undefined,
    });
    return json(await explainChange(db, id, query));
  },
);
