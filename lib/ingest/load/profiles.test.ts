import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import {
  deleteProfile,
  findProfile,
  getProfile,
  listProfiles,
  matchProfiles,
  saveProfile,
} from './profiles';

const headers = ['VBELN', 'POSNR', 'ERDAT', 'KWMENG', 'MATNR'];
const mapping = {
  table: 'flat',
  columns: { order_id: 'VBELN', line_no: 'POSNR', order_ts: 'ERDAT', qty_ordered: 'KWMENG' },
  dateFormat: '%d.%m.%Y',
};

describe('mapping profiles', () => {
  it('saves a profile, finds it by the same headers in another order, deletes it', async () => {
    const db = await openMemoryDatabase();
    const saved = await saveProfile(db, {
      name: '  SAP   VBAP ',
      headers: headers,
      mapping: mapping,
    });
    expect(saved).toMatchObject({ name: 'SAP VBAP', mapping });
    const found = await findProfile(db, ['matnr', 'KWMENG', ' ERDAT', 'POSNR', 'VBELN']);
    expect(found).toMatchObject({ name: 'SAP VBAP', mapping });
    expect(await findProfile(db, [...headers, 'NETWR'])).toBeUndefined();
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['SAP VBAP']);
    // Saving under the same name replaces it.
    await saveProfile(db, {
      name: 'SAP VBAP',
      headers: headers,
      mapping: { ...mapping, dateFormat: '%Y%m%d' },
    });
    expect((await listProfiles(db)).map((p) => p.mapping.dateFormat)).toEqual(['%Y%m%d']);
    await deleteProfile(db, 'SAP VBAP');
    expect(await findProfile(db, headers)).toBeUndefined();
    await expect(deleteProfile(db, 'SAP VBAP')).rejects.toMatchObject({
      code: 'profile_not_found',
    });
  });

  it('the newest profile for a signature wins', async () => {
    const db = await openMemoryDatabase();
    await saveProfile(db, { name: 'old', headers: headers, mapping: mapping });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveProfile(db, {
      name: 'new',
      headers: [...headers].reverse(),
      mapping: { ...mapping, dateFormat: '%Y%m%d' },
    });
    expect((await findProfile(db, headers))?.name).toBe('new');
  });

  it('refuses an invalid mapping or one naming headers the file lacks', async () => {
    const db = await openMemoryDatabase();
    await expect(
      saveProfile(db, {
        name: 'bad',
        headers: headers,
        mapping: { table: 'orders', columns: { nope: 'VBELN' } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_mapping', message: expect.stringMatching(/nope/) });
    await expect(
      saveProfile(db, {
        name: 'bad',
        headers: headers,
        mapping: { table: 'orders', columns: { order_id: 'BSTNK' } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_profile', message: expect.stringMatching(/BSTNK/) });
    await expect(
      saveProfile(db, { name: '   ', headers: headers, mapping: mapping }),
    ).rejects.toMatchObject({
      code: 'invalid_profile',
    });
    expect(await listProfiles(db)).toEqual([]);
  });

  it('a profile from a mapping alone matches any file with every mapped header', async () => {
    const db = await openMemoryDatabase();
    const shipments = {
      table: 'shipments',
      columns: { order_id: 'VBELN', shipment_id: 'LFNR', ship_ts: 'WADAT_IST' },
    };
    await saveProfile(db, { name: 'SAP LIKP', mapping: shipments, system: ' SAP ' });
    const saved = await getProfile(db, 'SAP LIKP');
    expect(saved).toMatchObject({ system: 'SAP', headers: null });
    expect(saved.headerSignature).toBe('["lfnr","vbeln","wadat_ist"]');
    // Extra columns are fine; a missing mapped one is not.
    expect(
      (await matchProfiles(db, ['wadat_ist', 'VBELN', 'LFNR', 'ROUTE'])).map((m) => m.match),
    ).toEqual(['mapped columns']);
    expect(await matchProfiles(db, ['VBELN', 'LFNR'])).toEqual([]);
    // A profile made on a sample with exactly these headers comes first.
    await saveProfile(db, {
      name: 'SAP LIKP sample',
      headers: ['VBELN', 'LFNR', 'WADAT_IST', 'ROUTE'],
      mapping: shipments,
    });
    expect(
      (await matchProfiles(db, ['ROUTE', 'VBELN', 'LFNR', 'WADAT_IST'])).map((m) => [
        m.profile.name,
        m.match,
      ]),
    ).toEqual([
      ['SAP LIKP sample', 'headers'],
      ['SAP LIKP', 'mapped columns'],
    ]);
    await expect(getProfile(db, 'nope')).rejects.toMatchObject({ code: 'profile_not_found' });
  });
});
