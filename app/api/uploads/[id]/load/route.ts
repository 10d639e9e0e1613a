import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { mappingSchema } from '@/lib/ingest/map/mapping';
import { getUpload, rejectsFileOf, workDir } from '@/lib/ingest/read/uploads';
import { loadAuditEvent } from '@/lib/auth/audit';
import { json, reasonOf, route, readJson } from '../../../respond';

const bodySchema = z.object({
  mapping: mappingSchema,
  dryRun: z.boolean().default(false),
  maxRejectedRows: mappingSchema.shape.maxRejectedRows,
});

/**
 * POST /api/uploads/:id/load with { mapping, dryRun, maxRejectedRows? } → the LoadReport.
 * Rejected rows are written beside the upload; GET /api/uploads/:id/rejects downloads them.
 */
export const POST = route<{ params: Promise<{ id: string }> }>(
  'upload',
  async (request, { params }, { db, audit }) => {
    const { id } = await params;
    const body = bodySchema.parse(await readJson(request));
    const upload = await getUpload(id);
    const rejectsPath = rejectsFileOf(id);
    await rm(rejectsPath, { force: true });
    const target = `${upload.fileName} (${id})`;
    const report = await loadExtract(db, {
      file: upload.file,
      fileName: upload.fileName,
      mapping: body.mapping,
      sheet: body.mapping.sheet,
      dryRun: body.dryRun,
      maxRejectedRows: body.maxRejectedRows,
      rejectsPath,
      tmpDir: await workDir(),
    }).catch(async (error: unknown) => {
      await audit({
        action: body.dryRun ? 'load.dry_run' : 'load',
        outcome: 'failed',
        target,
        detail: reasonOf(error),
      });
      throw error;
    });
    await audit(loadAuditEvent(report, target));
    if (report.status === 'loaded') void warmDefaultViews(db);
    return json(report);
  },
);
