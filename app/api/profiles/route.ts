import { z } from 'zod';
import { deleteProfile, listProfiles, saveProfile } from '@/lib/ingest/load/profiles';
import { json, route, readJson } from '../respond';

const saveSchema = z.object({
  name: z.string().min(1).max(200),
  /** The sample's headers; absent for a profile imported from a mapping file alone. */
  headers: z.array(z.string()).min(1).max(5000).nullish(),
  system: z.string().max(200).nullish(),
  mapping: z.unknown(),
});

/** GET /api/profiles: the saved mapping profiles. */
export const GET = route('view', async (_request, _context, { db }) =>
  json({ profiles: await listProfiles(db) }),
);

/** POST /api/profiles with { name, mapping, headers?, system? }: save (or replace) a profile. */
export const POST = route('mappings', async (request, _context, { db, audit }) => {
  const body = saveSchema.parse(await readJson(request));
  const profile = await saveProfile(db, body);
  await audit({ action: 'mapping.save', outcome: 'ok', target: body.name });
  return json({ profile }, { status: 201 });
});

/** DELETE /api/profiles?name=NAME */
export const DELETE = route('mappings', async (request, _context, { db, audit }) => {
  const name = z
    .string()
    .min(1)
    .parse(request.nextUrl.searchParams.get('name') ?? '');
  await deleteProfile(db, name);
  await audit({ action: 'mapping.remove', outcome: 'ok', target: name });
  return json({ removed: name });
});
