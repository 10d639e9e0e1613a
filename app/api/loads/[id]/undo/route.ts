import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getServerDatabase } from '@/lib/db/server';
import { undoLoad } from '@/lib/ingest/ledger';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { assertSameOrigin, errorResponse, json } from '../../../respond';

/** POST /api/loads/:id/undo: remove the rows the load wrote and restore those it replaced. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    const loadId = z.coerce.number().int().positive().parse(id);
    const db = await getServerDatabase();
    const undone = await undoLoad(db, loadId);
    void warmDefaultViews(db);
    return json(undone);
  } catch (error) {
    return errorResponse(error);
  }
}
