import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import { readSettings } from '@/lib/settings/store';
import {
  ORGANISATION_PROFILE_KEY,
  profileOfSetting,
  readOrganisationProfile,
  setOrganisationProfile,
} from './organisation';
import { describeProfile } from './peer';

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

describe('the organisation profile setting', () => {
  it('says nothing until set, then what was set, and a blank part is not said', async () => {
    expect(await readOrganisationProfile(db)).toEqual({});
    expect(describeProfile(await readOrganisationProfile(db))).toBe('not set');
    const set = await setOrganisationProfile(
      db,
      { industry: 'retail', size: 'large', region: 'us', channel: '' },
      'ana',
    );
    expect(set).toEqual({ industry: 'retail', size: 'large', region: 'US' });
    expect(await readOrganisationProfile(db)).toEqual(set);
    expect(describeProfile(set)).toBe('retail, large, US');
    const stored = await readSettings(db, [ORGANISATION_PROFILE_KEY]);
    expect(JSON.parse(stored.get(ORGANISATION_PROFILE_KEY)!)).toEqual(set);

    // Replaced whole: what the new one leaves out is no longer said.
    expect(await setOrganisationProfile(db, { channel: 'b2b', region: null })).toEqual({
      channel: 'b2b',
    });
    expect(describeProfile(await readOrganisationProfile(db))).toBe('B2B');
    // Saying nothing removes the setting.
    expect(await setOrganisationProfile(db, {})).toEqual({});
    expect((await readSettings(db, [ORGANISATION_PROFILE_KEY])).size).toBe(0);
  });

  it('refuses what no organisation is, naming each field', async () => {
    const error = await setOrganisationProfile(db, {
      industry: 'cross_industry',
      size: 'any',
      region: 'Europe',
      employees: 40,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'industry',
        'one of retail, ecommerce, wholesale_distribution, manufacturing, consumer_products, third_party_logistics',
      ],
      ['size', 'one of small, midsize, large'],
      [
        'region',
        'not a region: "global", "EU" or an ISO 3166-1 alpha-2 country code such as US or DE',
      ],
      ['', 'Unrecognized key: "employees"'],
    ]);
    expect(await readOrganisationProfile(db)).toEqual({});
  });

  it('reads a stored value that no longer parses as no profile', () => {
    expect(profileOfSetting('{"industry":"grocery"}')).toEqual({});
    expect(profileOfSetting('not json')).toEqual({});
    expect(profileOfSetting(undefined)).toEqual({});
    expect(profileOfSetting('{"region":"DE"}')).toEqual({ region: 'DE' });
  });
});
