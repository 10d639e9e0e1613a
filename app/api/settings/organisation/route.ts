import { readOrganisationProfile, setOrganisationProfile } from '@/lib/benchmarks/organisation';
import { describeProfile, type OrganisationProfile } from '@/lib/benchmarks/peer';
import { json, readJson, route } from '../../respond';

/** The profile and its summary in words ("retail, large, US, B2C"; "not set"). */
const profileView = (profile: OrganisationProfile) => ({
  profile,
  text: describeProfile(profile),
});

/** GET /api/settings/organisation: { profile: { industry?, size?, region?, channel? }, text }. */
export const GET = route('view', async (_request, _context, { db }) =>
  json(profileView(await readOrganisationProfile(db))),
);

/**
 * POST /api/settings/organisation with { industry?, size?, region?, channel? } ('' or null: not
 * said): replaces the profile whole; placement then uses the band set whose peers match it best.
 * Answers like GET.
 */
export const POST = route('settings', async (request, _context, { db, audit, identity }) => {
  const profile = await setOrganisationProfile(db, await readJson(request), identity.username);
  const view = profileView(profile);
  await audit({ action: 'settings.organisation', outcome: 'ok', detail: view.text });
  return json(view);
});
