import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getServerDatabase } from '@/lib/db/server';
import { undoLoad } from '@/lib/ingest/ledger';
import { assertSameOrigin, errorResponse, json } from '../../../respond';

/** POST /api/loads/:id/undo: remove the rows the load wrote and restore those it replaced. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    const loadId = z.coerce.number().int().positive().parse(id);
    return json(await undoLoad(await getServerDatabase(), loadId));
  } catch (error) {
    return errorResponse(error);
  }
}
