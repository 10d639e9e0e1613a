import { getProfile } from '@/lib/ingest/load/profiles';
import { attachment, route } from '../../respond';

/** "SAP VBAP" → "SAP_VBAP.mapping.json": a file name any browser and disk accept. */
function fileName(profile: string): string {
  return `${profile.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'profile'}.mapping.json`;
}

/**
 * GET /api/profiles/:name: the profile's mapping as the file `orderlens ingest --mapping` reads,
 * downloaded as NAME.mapping.json.
 */
export const GET = route<{ params: Promise<{ name: string }> }>(
  'view',
  async (_request, { params }, { db }) => {
    // Route handlers get their segment decoded already.
    const { name } = await params;
    const profile = await getProfile(db, name);
    return attachment(
      `${JSON.stringify(profile.mapping, null, 2)}\n`,
      'application/json; charset=utf-8',
      fileName(profile.name),
    );
  },
);
