import { z } from 'zod';
import { listDimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames, type Dimension } from '@/lib/kpi/filters';
import { json, route } from '../../respond';

const nameSchema = z.enum(dimensionNames as [Dimension, ...Dimension[]]);

/**
 * GET /api/dimensions/:name: a filter dimension's values, most orders first, up to 200, with the
 * number of distinct values; what a filter-bar picker asks for when it is opened.
 */
export const GET = route<{ params: Promise<{ name: string }> }>(
  'view',
  async (_request, { params }, { db }) => {
    const name = nameSchema.parse((await params).name);
    const options = (await listDimensionValues(db))[name];
    return json({ dimension: name, ...options });
  },
);
