import { beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import { OrderlensError } from '@/lib/errors';
import {
  DEFAULT_ORGANISATION,
  logoOf,
  MAX_LOGO_BYTES,
  readBranding,
  setLogo,
  setOrganisation,
} from './branding';

/** A 1 × 1 PNG, whole. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a JPEG (SOI, then an APP0 marker). */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

const settingRows = () =>
  db.all<{ key: string; updated_by: string | null }>(
    'SELECT key, updated_by FROM app_settings ORDER BY key',
  );

describe('branding', () => {
  it('is Orderlens without a logo until the organisation sets its own', async () => {
    expect(await readBranding(db)).toEqual({
      organisation: DEFAULT_ORGANISATION,
      defaultName: true,
      logo: null,
    });
    expect(DEFAULT_ORGANISATION).toBe('Orderlens');
  });

  it('keeps the name once, on one line, and goes back to the default when it is emptied', async () => {
    await setOrganisation(db, '  Acme\tWholesale \n Ltd ', 'boss');
    expect(await readBranding(db)).toMatchObject({
      organisation: 'Acme Wholesale Ltd',
      defaultName: false,
    });
    expect(await settingRows()).toEqual([{ key: 'branding.organisation', updated_by: 'boss' }]);
    await setOrganisation(db, 'Acme GmbH');
    expect((await readBranding(db)).organisation).toBe('Acme GmbH');
    await setOrganisation(db, '   ');
    expect(await readBranding(db)).toMatchObject({ organisation: 'Orderlens', defaultName: true });
    expect(await settingRows()).toEqual([]);
  });

  it('refuses a name longer than a cover holds', async () => {
    await expect(setOrganisation(db, 'x'.repeat(121))).rejects.toThrow(
      /121 characters long; at most 120/,
    );
    await setOrganisation(db, 'x'.repeat(120));
    expect((await readBranding(db)).organisation).toHaveLength(120);
  });

  it('keeps a PNG or JPEG logo byte for byte, and removes it', async () => {
    await setLogo(db, PNG, 'boss');
    const { logo } = await readBranding(db);
    expect(logo?.type).toBe('png');
    expect(logo?.data.equals(PNG)).toBe(true);
    await setLogo(db, JPEG);
    expect((await readBranding(db)).logo).toEqual({ data: JPEG, type: 'jpeg' });
    await setLogo(db, null);
    expect((await readBranding(db)).logo).toBeNull();
    expect(await settingRows()).toEqual([]);
  });

  it('refuses a logo that is not a whole PNG or JPEG, or larger than 512 KB', async () => {
    const refused = async (data: Buffer) => {
      const error = await setLogo(db, data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderlensError);
      expect((error as OrderlensError).code).toBe('invalid_setting');
      return (error as OrderlensError).message;
    };
    expect(await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      'The logo must be a PNG or JPEG image.',
    );
    // The PNG signature alone, as a file cut short would have it.
    expect(await refused(PNG.subarray(0, 8))).toBe('The logo must be a PNG or JPEG image.');
    expect(MAX_LOGO_BYTES).toBe(524_288);
    const large = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length + 1)]);
    expect(await refused(large)).toBe('The logo is 513 KB; at most 512 KB are kept.');
    // Exactly the limit is kept.
    await setLogo(db, Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length)]));
    expect((await readBranding(db)).logo?.data.length).toBe(MAX_LOGO_BYTES);
  });

  it('tells PNG from JPEG by their first bytes', () => {
    expect(logoOf(PNG)?.type).toBe('png');
    expect(logoOf(JPEG)?.type).toBe('jpeg');
    expect(logoOf(Buffer.from('GIF89a'))).toBeNull();
    expect(logoOf(Buffer.alloc(0))).toBeNull();
  });
});
