import { z } from 'zod';
import { pruneUploads, saveUpload } from '@/lib/ingest/read/uploads';
import { json, reasonOf, route } from '../respond';

const headersSchema = z.object({
  fileName: z.string().max(2000).optional(),
  size: z.coerce.number().int().min(0).optional(),
});

function decodeName(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}

/**
 * POST /api/uploads: the file as the raw request body (not multipart: that would be buffered),
 * its name URI-encoded in x-file-name. 201 { id, fileName, size, kind }; 413 over the size limit.
 */
export const POST = route('upload', async (request, _context, { audit }) => {
  const headers = headersSchema.parse({
    fileName: request.headers.get('x-file-name') ?? undefined,
    size: request.headers.get('content-length') ?? undefined,
  });
  // Uploads nobody loaded are removed after a day.
  void pruneUploads().catch(() => undefined);
  const name = decodeName(headers.fileName);
  try {
    const upload = await saveUpload(request.body, {
      fileName: name,
      expectedSize: headers.size,
      signal: request.signal,
    });
    const { id, fileName, size, kind } = upload;
    await audit({
      action: 'upload',
      outcome: 'ok',
      target: fileName,
      detail: `${id}, ${size} bytes, ${kind}`,
    });
    return json({ id, fileName, size, kind }, { status: 201 });
  } catch (error) {
    await audit({ action: 'upload', outcome: 'failed', target: name, detail: reasonOf(error) });
    throw error;
  }
});
