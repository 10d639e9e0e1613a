import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getServerDatabase } from '@/lib/db/server';
import { importBandSet, listBandSets } from '@/lib/benchmarks/store';
import { assertSameOrigin, errorResponse, json } from '../respond';

/** GET /api/bands: every band set (shipped and imported) with source, edition, peer group and n. */
export async function GET() {
  try {
    return json({ bandSets: await listBandSets(await getServerDatabase()) });
  } catch (error) {
    return errorResponse(error);
  }
}

const MAX_BYTES = 1 << 20;
const formatSchema = z.enum(['json', 'csv']);

/** POST /api/bands?format=json|csv with the band set file as the body: import (validated, versioned). */
export async function POST(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const format = formatSchema.parse(
      request.nextUrl.searchParams.get('format') ??
        (request.headers.get('content-type')?.includes('csv') ? 'csv' : 'json'),
    );
    const text = await request.text();
    if (text.length > MAX_BYTES)
      return json({ message: 'A band set file is at most 1 MB.' }, { status: 413 });
    const stored = await importBandSet(await getServerDatabase(), text, format);
    return json({ imported: stored }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
