import { z } from 'zod';
import { mappingSchema } from '@/lib/ingest/map/mapping';
import { previewDatabase, previewUpload } from '@/lib/ingest/load/preview';
import { matchProfiles, type MatchedProfile } from '@/lib/ingest/load/profiles';
import { getUpload, workDir } from '@/lib/ingest/read/uploads';
import { mappingTargets } from '@/lib/model/canonical';
import { engine } from '@/runtime/engine';
import { json, route } from '../../../respond';

const querySchema = z.object({
  sheet: z.string().min(1).max(200).optional(),
  table: z.enum(mappingTargets).optional(),
  delimiter: mappingSchema.shape.delimiter,
  encoding: mappingSchema.shape.encoding,
  decimalSeparator: mappingSchema.shape.decimalSeparator,
  skipRows: z.coerce.number().int().min(0).max(1000).optional(),
  header: z.enum(['true', 'false']).optional(),
});

/**
 * GET /api/uploads/:id/preview?sheet=&table=&delimiter=&encoding=&decimalSeparator=&skipRows=&header=
 * The first rows, what was detected, a proposed mapping, the saved profile for these headers, and
 * the KPIs' needs.
 */
export const GET = route<{ params: Promise<{ id: string }> }>(
  'upload',
  async (request, { params }, { db }) => {
    const { id } = await params;
    const search = Object.fromEntries(
      [...request.nextUrl.searchParams].filter(([, value]) => value !== ''),
    );
    const query = querySchema.parse(search);
    const upload = await getUpload(id);
    // Looked up once: the preview reads its recorded separators, the wizard offers its mapping.
    const lookups = new Map<string, Promise<MatchedProfile | undefined>>();
    const matchFor = (headers: string[]) => {
      const key = JSON.stringify(headers);
      if (!lookups.has(key))
        lookups.set(
          key,
          matchProfiles(db, headers).then((m) => m[0]),
        );
      return lookups.get(key)!;
    };
    const preview = await previewUpload(await previewDatabase(), upload.file, upload.fileName, {
      sheet: query.sheet,
      table: query.table,
      settings: {
        delimiter: query.delimiter,
        encoding: query.encoding,
        decimalSeparator: query.decimalSeparator,
        skipRows: query.skipRows,
        header: query.header === undefined ? undefined : query.header === 'true',
      },
      tmpDir: await workDir(),
      findProfile: async (headers) => (await matchFor(headers))?.profile,
    });
    const matched = await matchFor(preview.headers);
    return json({
      upload: { id: upload.id, fileName: upload.fileName, size: upload.size, kind: upload.kind },
      preview,
      // How it matched and its system, for the wizard's notice and the profile it saves again.
      profile: matched
        ? {
            name: matched.profile.name,
            mapping: matched.profile.mapping,
            match: matched.match,
            system: matched.profile.system,
          }
        : null,
      // Names and needs only: the wizard says which KPIs an unmapped field costs (kpisWithout).
      kpis: engine.catalogue.kpis.map((k) => ({ name: k.name, needs: k.needs })),
    });
  },
);
