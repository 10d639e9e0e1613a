import 'server-only';
/**
 * The organisation's own peer profile (industry, company size, region, sales channel): which
 * peers it is, so placement can use the band set whose peers are most like it (choose.ts). Kept as
 * one setting (app_settings); every part optional, and a part left out is simply not said.
 */
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { putSetting, readSettings, removeSetting } from '@/lib/settings/store';
import { organisationProfileSchema, type OrganisationProfile } from './peer';

export const ORGANISATION_PROFILE_KEY = 'organisation.profile';

/** A form or API may send '' or null for a part not set: both mean "not said". */
const withoutBlanks = (input: unknown) =>
  input && typeof input === 'object' && !Array.isArray(input)
    ? Object.fromEntries(
        Object.entries(input).filter(([, v]) => v !== null && v !== undefined && v !== ''),
      )
    : input;

export const organisationProfileInput = z.preprocess(withoutBlanks, organisationProfileSchema);

/** The profile a stored setting holds; an empty one when none is stored (or it no longer parses). */
export function profileOfSetting(value: string | undefined | null): OrganisationProfile {
  if (!value) return {};
  try {
    const parsed = organisationProfileSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function readOrganisationProfile(db: Database): Promise<OrganisationProfile> {
  return db.memo('organisation-profile', async () => {
    const settings = await readSettings(db, [ORGANISATION_PROFILE_KEY]);
    return profileOfSetting(settings.get(ORGANISATION_PROFILE_KEY));
  });
}

/**
 * Validate and store the profile whole (a ZodError lists every problem by its field); a profile
 * that says nothing removes the setting.
 */
export async function setOrganisationProfile(
  db: Database,
  input: unknown,
  by?: string,
): Promise<OrganisationProfile> {
  const profile = organisationProfileInput.parse(input);
  if (Object.keys(profile).length === 0) await removeSetting(db, ORGANISATION_PROFILE_KEY);
  else await putSetting(db, ORGANISATION_PROFILE_KEY, JSON.stringify(profile), by);
  return profile;
}
