import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { removeTarget } from '@/lib/benchmarks/targets';
import { assertSameOrigin, errorResponse, json } from '../../respond';

/** DELETE /api/targets/:id */
export async function DELETE(
  request: NextRequest,
  { params }: { params: Promise<{ id: string }> },
) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    await removeTarget(await getServerDatabase(), id);
    return json({ removed: id });
  } catch (error) {
    return errorResponse(error);
  }
}
