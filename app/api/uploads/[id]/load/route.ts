import { rm } from 'node:fs/promises';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getServerDatabase } from '@/lib/db/server';
import { loadExtract } from '@/lib/ingest/load-extract';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { mappingSchema } from '@/lib/ingest/mapping';
import { getUpload, rejectsFileOf, workDir } from '@/lib/ingest/uploads';
import { assertSameOrigin, errorResponse, json } from '../../../respond';

const bodySchema = z.object({
  mapping: mappingSchema,
  dryRun: z.boolean().default(false),
  maxRejectedRows: mappingSchema.shape.maxRejectedRows,
});

/**
 * POST /api/uploads/:id/load with { mapping, dryRun, maxRejectedRows? } → the LoadReport.
 * Rejected rows are written beside the upload; GET /api/uploads/:id/rejects downloads them.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const { id } = await params;
    const body = bodySchema.parse(await request.json().catch(() => undefined));
    const upload = await getUpload(id);
    const rejectsPath = rejectsFileOf(id);
    await rm(rejectsPath, { force: true });
    const db = await getServerDatabase();
    const report = await loadExtract(db, {
      file: upload.file,
      fileName: upload.fileName,
      mapping: body.mapping,
      sheet: body.mapping.sheet,
      dryRun: body.dryRun,
      maxRejectedRows: body.maxRejectedRows,
      rejectsPath,
      tmpDir: await workDir(),
    });
    if (report.status === 'loaded') void warmDefaultViews(db);
    return json(report);
  } catch (error) {
    return errorResponse(error);
  }
}
