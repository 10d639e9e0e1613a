import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getServerDatabase } from '@/lib/db/server';
import { deleteProfile, listProfiles, saveProfile } from '@/lib/ingest/profiles';
import { assertSameOrigin, errorResponse, json } from '../respond';

const saveSchema = z.object({
  name: z.string().min(1).max(200),
  headers: z.array(z.string()).min(1).max(5000),
  mapping: z.unknown(),
});

/** GET /api/profiles: the saved mapping profiles. */
export async function GET() {
  try {
    return json({ profiles: await listProfiles(await getServerDatabase()) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/profiles with { name, headers, mapping }: save (or replace) a profile. */
export async function POST(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const body = saveSchema.parse(await request.json().catch(() => undefined));
    const profile = await saveProfile(
      await getServerDatabase(),
      body.name,
      body.headers,
      body.mapping,
    );
    return json({ profile }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/profiles?name=NAME */
export async function DELETE(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const name = z
      .string()
      .min(1)
      .parse(request.nextUrl.searchParams.get('name') ?? '');
    await deleteProfile(await getServerDatabase(), name);
    return json({ removed: name });
  } catch (error) {
    return errorResponse(error);
  }
}
