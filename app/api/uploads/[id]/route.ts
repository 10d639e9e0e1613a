import { OrderlensError } from '@/lib/errors';
import { isUploadId, removeUpload } from '@/lib/ingest/read/uploads';
import { deleteById } from '../../respond';

/** DELETE /api/uploads/:id: discard an uploaded file (and its rejects) the user has moved on from. */
export const DELETE = deleteById('upload', async (id, { audit }) => {
  if (!isUploadId(id) || !(await removeUpload(id)))
    throw new OrderlensError('There is no such upload.', 'upload_not_found');
  await audit({ action: 'upload.discard', outcome: 'ok', target: id });
});
