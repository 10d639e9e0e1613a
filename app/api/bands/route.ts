import { z } from 'zod';
import { importBandSet, listBandSets } from '@/lib/benchmarks/store';
import { BODY_LIMITS, json, readText, reasonOf, route } from '../respond';

/** GET /api/bands: every band set (shipped and imported) with source, edition, peer group and n. */
export const GET = route('view', async (_request, _context, { db }) =>
  json({ bandSets: await listBandSets(db) }),
);

const MAX_BYTES = 1 << 20;
const formatSchema = z.enum(['json', 'csv']);

/** POST /api/bands?format=json|csv with the band set file as the body: import (validated, versioned). */
export const POST = route('bands', async (request, _context, { db, audit }) => {
  const format = formatSchema.parse(
    request.nextUrl.searchParams.get('format') ??
      (request.headers.get('content-type')?.includes('csv') ? 'csv' : 'json'),
  );
  const text = await readText(request, BODY_LIMITS.bandSet);
  if (text.length > MAX_BYTES)
    return json({ message: 'A band set file is at most 1 MB.' }, { status: 413 });
  try {
    const stored = await importBandSet(db, text, format);
    await audit({
      action: 'bands.import',
      outcome: 'ok',
      target: stored.map((set) => `${set.id} v${set.version}`).join(', '),
      detail: format,
    });
    return json({ imported: stored }, { status: 201 });
  } catch (error) {
    await audit({ action: 'bands.import', outcome: 'failed', detail: reasonOf(error) });
    throw error;
  }
});
