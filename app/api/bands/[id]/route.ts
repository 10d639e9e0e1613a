import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { removeBandSet } from '@/lib/benchmarks/store';
import { assertSameOrigin, errorResponse, json } from '../../respond';

/** DELETE /api/bands/:id: remove an imported band set (its versions stay in the history). */
export async function DELETE(
  request: NextRequest,
  { params }: { params: Promise<{ id: string }> },
) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    await removeBandSet(await getServerDatabase(), id);
    return json({ removed: id });
  } catch (error) {
    return errorResponse(error);
  }
}
