import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { deleteProfile, findProfile, listProfiles, saveProfile } from './profiles';

const headers = ['VBELN', 'POSNR', 'ERDAT', 'KWMENG', 'MATNR'];
const mapping = {
  table: 'flat',
  columns: { order_id: 'VBELN', line_no: 'POSNR', order_ts: 'ERDAT', qty_ordered: 'KWMENG' },
  dateFormat: '%d.%m.%Y',
};

describe('mapping profiles', () => {
  it('saves a profile, finds it by the same headers in another order, deletes it', async () => {
    const db = await openMemoryDatabase();
    const saved = await saveProfile(db, '  SAP   VBAP ', headers, mapping);
    expect(saved).toMatchObject({ name: 'SAP VBAP', mapping });
    const found = await findProfile(db, ['matnr', 'KWMENG', ' ERDAT', 'POSNR', 'VBELN']);
    expect(found).toMatchObject({ name: 'SAP VBAP', mapping });
    expect(await findProfile(db, [...headers, 'NETWR'])).toBeUndefined();
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['SAP VBAP']);
    // Saving under the same name replaces it.
    await saveProfile(db, 'SAP VBAP', headers, { ...mapping, dateFormat: '%Y%m%d' });
    expect((await listProfiles(db)).map((p) => p.mapping.dateFormat)).toEqual(['%Y%m%d']);
    await deleteProfile(db, 'SAP VBAP');
    expect(await findProfile(db, headers)).toBeUndefined();
    await expect(deleteProfile(db, 'SAP VBAP')).rejects.toMatchObject({
      code: 'profile_not_found',
    });
  });

  it('the newest profile for a signature wins', async () => {
    const db = await openMemoryDatabase();
    await saveProfile(db, 'old', headers, mapping);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveProfile(db, 'new', [...headers].reverse(), { ...mapping, dateFormat: '%Y%m%d' });
    expect((await findProfile(db, headers))?.name).toBe('new');
  });

  it('refuses an invalid mapping or one naming headers the file lacks', async () => {
    const db = await openMemoryDatabase();
    await expect(
      saveProfile(db, 'bad', headers, { table: 'orders', columns: { nope: 'VBELN' } }),
    ).rejects.toMatchObject({ code: 'invalid_mapping', message: expect.stringMatching(/nope/) });
    await expect(
      saveProfile(db, 'bad', headers, { table: 'orders', columns: { order_id: 'BSTNK' } }),
    ).rejects.toMatchObject({ code: 'invalid_profile', message: expect.stringMatching(/BSTNK/) });
    await expect(saveProfile(db, '   ', headers, mapping)).rejects.toMatchObject({
      code: 'invalid_profile',
    });
    expect(await listProfiles(db)).toEqual([]);
  });
});
