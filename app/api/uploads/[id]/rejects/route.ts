import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { OrderlensError } from '@/lib/errors';
import { getUpload, rejectsFileOf } from '@/lib/ingest/read/uploads';
import { route } from '../../../respond';

/** "Orders 2024.csv" → attachment; filename="Orders_2024-rejects.csv"; filename*=UTF-8''… */
function disposition(fileName: string): string {
  const base = `${fileName.replace(/\.[^.]*$/, '') || 'upload'}-rejects.csv`;
  const ascii = base.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/** GET /api/uploads/:id/rejects: the rejected rows of the upload's last check or load, as CSV. */
export const GET = route<{ params: Promise<{ id: string }> }>(
  'upload',
  async (_request, { params }) => {
    const { id } = await params;
    const upload = await getUpload(id);
    const file = rejectsFileOf(id);
    const info = await stat(file).catch(() => undefined);
    if (!info) {
      throw new OrderlensError(
        'There are no rejected rows for this file: run the check first.',
        'rejects_not_found',
      );
    }
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': String(info.size),
        'Content-Disposition': disposition(upload.fileName),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
);
