import 'server-only';
/**
 * The organisation's name and logo, kept once for the installation and printed on every export
 * (cover, title slide, workbook header), so nobody types the name into each report.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { putSetting, readSettings, removeSetting } from './store';

export interface Branding {
  /** The organisation's name; "Orderlens" until one is set. */
  organisation: string;
  /** True when the name above is the default, not one the organisation set. */
  defaultName: boolean;
  logo: Logo | null;
}

export interface Logo {
  data: Buffer;
  type: 'png' | 'jpeg';
}

export const DEFAULT_ORGANISATION = 'Orderlens';
/** Large enough for a crisp logo, small enough to sit in every export and the settings table. */
export const MAX_LOGO_BYTES = 512 * 1024;
const MAX_NAME = 120;

const ORGANISATION = 'branding.organisation';
const LOGO = 'branding.logo';

export async function readBranding(db: Database): Promise<Branding> {
  const settings = await readSettings(db, [ORGANISATION, LOGO]);
  const value = (key: string) => settings.get(key);
  const organisation = value(ORGANISATION);
  const logo = value(LOGO);
  return {
    organisation: organisation ?? DEFAULT_ORGANISATION,
    defaultName: organisation === undefined,
    logo: logo ? logoOf(Buffer.from(logo, 'base64')) : null,
  };
}

/** Set the organisation's name; an empty name goes back to the default. */
export async function setOrganisation(db: Database, name: string, by?: string): Promise<void> {
  // One line on a cover: tabs, line breaks and runs of spaces become single spaces.
  const trimmed = name.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  if (trimmed.length > MAX_NAME)
    throw new OrderlensError(
      `The organisation's name is ${trimmed.length} characters long; at most ${MAX_NAME} fit on a cover.`,
      'invalid_setting',
    );
  await (trimmed ? putSetting(db, ORGANISATION, trimmed, by) : removeSetting(db, ORGANISATION));
}

/** Set the logo (PNG or JPEG bytes), or remove it with null. */
export async function setLogo(db: Database, data: Buffer | null, by?: string): Promise<void> {
  if (data === null) return removeSetting(db, LOGO);
  if (data.length > MAX_LOGO_BYTES)
    throw new OrderlensError(
      `The logo is ${Math.ceil(data.length / 1024)} KB; at most ${MAX_LOGO_BYTES / 1024} KB are kept.`,
      'invalid_setting',
    );
  if (!logoOf(data))
    throw new OrderlensError('The logo must be a PNG or JPEG image.', 'invalid_setting');
  await putSetting(db, LOGO, data.toString('base64'), by);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * PNG and JPEG are what every export format embeds; told apart by their first bytes. A PNG must
 * also open with its header chunk and a non-empty size, so that a file cut short or merely named
 * .png is refused here rather than breaking every later export.
 */
export function logoOf(data: Buffer): Logo | null {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const header = data.subarray(12, 16).toString('latin1') === 'IHDR';
    return header && data.readUInt32BE(16) > 0 && data.readUInt32BE(20) > 0
      ? { data, type: 'png' }
      : null;
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return { data, type: 'jpeg' };
  return null;
}

/** How the audit log states a change of the name, the same from the page and the CLI. */
export const organisationChangeText = (branding: Branding): string =>
  branding.defaultName ? 'reset to the default name' : branding.organisation;

/** How the audit log states a change of the logo: "PNG, 12 KB" or "removed". */
export const logoChangeText = (branding: Branding): string =>
  branding.logo
    ? `${branding.logo.type.toUpperCase()}, ${Math.ceil(branding.logo.data.length / 1024)} KB`
    : 'removed';
