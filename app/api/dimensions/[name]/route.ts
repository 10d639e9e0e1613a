import { z } from 'zod';
import { listDimensionValues, searchDimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames, type Dimension } from '@/lib/kpi/filters';
import { json, route } from '../../respond';

const nameSchema = z.enum(dimensionNames as [Dimension, ...Dimension[]]);
const searchSchema = z.string().trim().max(100).optional();

/**
 * GET /api/dimensions/:name: a filter dimension's values, most orders first, up to 200, with the
 * number of distinct values; what a filter-bar picker asks for when it is opened. With
 * `?search=`, the values containing it (any case) and how many do.
 */
export const GET = route<{ params: Promise<{ name: string }> }>(
  'view',
  async (request, { params }, { db }) => {
    const name = nameSchema.parse((await params).name);
    const search = searchSchema.parse(request.nextUrl.searchParams.get('search') ?? undefined);
    if (search)
      return json({ dimension: name, search, ...(await searchDimensionValues(db, name, search)) });
    const options = (await listDimensionValues(db))[name];
    return json({ dimension: name, ...options });
  },
);
