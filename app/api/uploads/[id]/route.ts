import type { NextRequest } from 'next/server';
import { OrderlensError } from '@/lib/db/errors';
import { isUploadId, removeUpload } from '@/lib/ingest/uploads';
import { assertSameOrigin, errorResponse, json } from '../../respond';

/** DELETE /api/uploads/:id: discard an uploaded file (and its rejects) the user has moved on from. */
export async function DELETE(
  request: NextRequest,
  { params }: { params: Promise<{ id: string }> },
) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    if (!isUploadId(id) || !(await removeUpload(id)))
      throw new OrderlensError('There is no such upload.', 'upload_not_found');
    return json({ removed: id });
  } catch (error) {
    return errorResponse(error);
  }
}
