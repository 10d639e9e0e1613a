import 'server-only';
/**
 * Saved mapping profiles: a mapping remembered under a name, with the system it comes from and
 * the headers of the file it was made for. A profile made on a sample file matches a file with
 * the same headers (in any order, any case); one made from a mapping file alone matches a file
 * that has every header the mapping names. The wizard offers the matching profile first and the
 * inbox loads with it.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { headerSignature } from '../map/header-signature';
import { parseMapping, type Mapping } from '../map/mapping';

export interface MappingProfile {
  name: string;
  /** The ERP or shop system the files come from ("SAP", "Shopify"…), when given. */
  system: string | null;
  /** The sample's headers; null when the profile was made from a mapping file alone. */
  headers: string[] | null;
  headerSignature: string;
  mapping: Mapping;
  updatedAt: string;
}

/** How a profile matches a file: the same headers, or every header its mapping names. */
export type ProfileMatch = 'headers' | 'mapped columns';

export interface MatchedProfile {
  profile: MappingProfile;
  match: ProfileMatch;
}

export interface ProfileInput {
  name: string;
  mapping: unknown;
  /** The sample file's headers; without them the mapped headers identify the file. */
  headers?: string[] | null;
  system?: string | null;
}

const MAX_NAME = 100;
const MAX_SYSTEM = 60;

function profileName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed || trimmed.length > MAX_NAME) {
    throw new OrderlensError(
      `A profile name is 1 to ${MAX_NAME} characters long.`,
      'invalid_profile',
    );
  }
  return trimmed;
}

function systemName(system: string | null | undefined): string | null {
  const trimmed = system?.trim().replace(/\s+/g, ' ') ?? '';
  if (trimmed.length > MAX_SYSTEM) {
    throw new OrderlensError(
      `A system name is at most ${MAX_SYSTEM} characters long.`,
      'invalid_profile',
    );
  }
  return trimmed || null;
}

/** The source headers a mapping reads, in the order it names them. */
export function mappedHeaders(mapping: Mapping): string[] {
  return [...new Set(Object.values(mapping.columns).flat())];
}

/** The mapping, validated; a MappingError lists every problem with its path. */
const validMapping = (mapping: unknown, name: string): Mapping =>
  parseMapping(mapping, `The mapping of profile "${name}"`);

/** Save (or replace) a profile; the mapping is validated and must name only the sample's headers. */
export async function saveProfile(db: Database, input: ProfileInput): Promise<MappingProfile> {
  const name = profileName(input.name);
  const mapping = validMapping(input.mapping, name);
  const system = systemName(input.system);
  const headers = input.headers?.map((h) => h.trim()).filter(Boolean) ?? null;
  if (headers && headers.length === 0) {
    throw new OrderlensError('The sample file has no headers.', 'invalid_profile');
  }
  const named = mappedHeaders(mapping);
  if (named.length === 0) {
    throw new OrderlensError(
      `The mapping of profile "${name}" maps no columns.`,
      'invalid_profile',
    );
  }
  if (headers) {
    const known = new Set(headers.map((h) => h.toLowerCase()));
    const unknown = named.filter((h) => !known.has(h.trim().toLowerCase()));
    if (unknown.length > 0) {
      throw new OrderlensError(
        `The mapping names ${unknown.map((h) => `"${h}"`).join(', ')}, which the file does not have.`,
        'invalid_profile',
      );
    }
  }
  const signature = headerSignature(headers ?? named);
  const updatedAt = new Date().toISOString();
  await db.transaction((tx) =>
    tx.run(
      `INSERT OR REPLACE INTO mapping_profiles
         (name, header_signature, mapping, updated_at, system, headers)
       VALUES ($1, $2, $3::JSON, $4::TIMESTAMP, $5, $6::JSON)`,
      [
        name,
        signature,
        JSON.stringify(mapping),
        updatedAt,
        system,
        headers ? JSON.stringify(headers) : null,
      ],
    ),
  );
  return { name, system, headers, headerSignature: signature, mapping, updatedAt };
}

const SELECT = `SELECT name, system, headers::VARCHAR AS headers, header_signature,
  mapping::VARCHAR AS mapping, strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at
  FROM mapping_profiles`;

function toProfile(row: Record<string, unknown>): MappingProfile | undefined {
  try {
    return {
      name: row.name as string,
      system: (row.system as string | null) ?? null,
      headers: row.headers ? (JSON.parse(row.headers as string) as string[]) : null,
      headerSignature: row.header_signature as string,
      mapping: parseMapping(JSON.parse(row.mapping as string)),
      updatedAt: row.updated_at as string,
    };
  } catch {
    // A profile the current mapping rules refuse is skipped rather than applied.
    return undefined;
  }
}

/** Every profile, by name. */
export async function listProfiles(db: Database): Promise<MappingProfile[]> {
  const rows = await db.read(`${SELECT} ORDER BY lower(name), name`);
  return rows.map(toProfile).filter((p): p is MappingProfile => p !== undefined);
}

export async function getProfile(db: Database, name: string): Promise<MappingProfile> {
  const rows = await db.read(`${SELECT} WHERE name = $1`, [name.trim()]);
  const profile = rows.map(toProfile)[0];
  if (!profile) throw profileNotFound(name);
  return profile;
}

/**
 * The profiles that fit a file's headers, best first: those made on a sample with the same
 * headers (the latest saved first), then those made from a mapping alone whose mapped headers
 * the file all has (the one naming most headers first).
 */
export async function matchProfiles(db: Database, headers: string[]): Promise<MatchedProfile[]> {
  const signature = headerSignature(headers);
  const present = new Set(JSON.parse(signature) as string[]);
  const profiles = (await listProfiles(db)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const sameHeaders = profiles
    .filter((p) => p.headers && p.headerSignature === signature)
    .map((profile) => ({ profile, match: 'headers' as const }));
  const mappedOnly = profiles
    .filter((p) => !p.headers)
    .filter((p) => (JSON.parse(p.headerSignature) as string[]).every((h) => present.has(h)))
    .sort((a, b) => mappedHeaders(b.mapping).length - mappedHeaders(a.mapping).length)
    .map((profile) => ({ profile, match: 'mapped columns' as const }));
  return [...sameHeaders, ...mappedOnly];
}

/** The best profile for these headers, if any. */
export async function findProfile(
  db: Database,
  headers: string[],
): Promise<MappingProfile | undefined> {
  return (await matchProfiles(db, headers))[0]?.profile;
}

export async function deleteProfile(db: Database, name: string): Promise<void> {
  const removed = await db.transaction((tx) =>
    tx.run('DELETE FROM mapping_profiles WHERE name = $1', [name.trim()]),
  );
  if (removed === 0) throw profileNotFound(name);
}

function profileNotFound(name: string): OrderlensError {
  return new OrderlensError(
    `There is no profile "${name.trim().slice(0, MAX_NAME)}".`,
    'profile_not_found',
  );
}
