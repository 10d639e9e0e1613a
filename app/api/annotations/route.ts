import { z } from 'zod';
import { addAnnotation, listAnnotations } from '@/lib/annotations/annotations';
import { isoDate } from '@/lib/model/iso-date';
import { json, readJson, route } from '../respond';

const listQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), kpi: z.string().max(100).optional() })
  .strict();

/** GET /api/annotations?from&to&kpi: the notes covering any day of the range (of a KPI, with all-KPI ones). */
export const GET = route('view', async (request, _context, { db }) => {
  const query = listQuery.parse(Object.fromEntries(request.nextUrl.searchParams));
  return json({ annotations: await listAnnotations(db, query) });
});

/** POST /api/annotations with { from, to?, note, kpi? }. */
export const POST = route('annotate', async (request, _context, { db, audit, identity }) => {
  const annotation = await addAnnotation(db, await readJson(request), identity.username);
  await audit({
    action: 'annotations.add',
    outcome: 'ok',
    target: annotation.id,
    detail: `${annotation.from} to ${annotation.to}${annotation.kpi ? ` (${annotation.kpi})` : ''}`,
  });
  return json({ annotation }, { status: 201 });
});
