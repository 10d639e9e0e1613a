import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { pruneUploads, saveUpload, UploadTooLargeError } from '@/lib/ingest/uploads';
import { assertSameOrigin, errorResponse, json } from '../respond';

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
export async function POST(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const headers = headersSchema.parse({
      fileName: request.headers.get('x-file-name') ?? undefined,
      size: request.headers.get('content-length') ?? undefined,
    });
    // Uploads nobody loaded are removed after a day.
    void pruneUploads().catch(() => undefined);
    const upload = await saveUpload(request.body, {
      fileName: decodeName(headers.fileName),
      expectedSize: headers.size,
      signal: request.signal,
    });
    const { id, fileName, size, kind } = upload;
    return json({ id, fileName, size, kind }, { status: 201 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      return json({ message: error.message, code: error.code }, { status: 413 });
    }
    return errorResponse(error);
  }
}
