import 'server-only';
/**
 * Saved mapping profiles: a mapping remembered under a name together with the headers it was made
 * for. The next file with the same headers (in any order, any case) gets it applied automatically.
 * Profiles are found by the headers' signature (map/header-signature.ts).
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { headerSignature } from '../map/header-signature';
import { MappingError, parseMapping, type Mapping } from '../map/mapping';

export interface MappingProfile {
  name: string;
  headerSignature: string;
  mapping: Mapping;
  updatedAt: string;
}

const MAX_NAME = 100;

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

/** Save (or replace) a profile; the mapping is validated and must name only the given headers. */
export async function saveProfile(
  db: Database,
  name: string,
  headers: string[],
  mapping: unknown,
): Promise<MappingProfile> {
  const clean = profileName(name);
  if (headers.length === 0) {
    throw new OrderlensError('A profile needs the headers of the file.', 'invalid_profile');
  }
  let valid: Mapping;
  try {
    valid = parseMapping(mapping, `The mapping of profile "${clean}"`);
  } catch (error) {
    if (error instanceof MappingError) throw new OrderlensError(error.message, 'invalid_mapping');
    throw error;
  }
  const known = new Set(headers.map((h) => h.trim().toLowerCase()));
  const unknown = Object.values(valid.columns)
    .flat()
    .filter((h) => !known.has(h.trim().toLowerCase()));
  if (unknown.length > 0) {
    throw new OrderlensError(
      `The mapping names ${unknown.map((h) => `"${h}"`).join(', ')}, which the file does not have.`,
      'invalid_profile',
    );
  }
  const signature = headerSignature(headers);
  const updatedAt = new Date().toISOString();
  await db.transaction((tx) =>
    tx.run(
      `INSERT OR REPLACE INTO mapping_profiles (name, header_signature, mapping, updated_at)
       VALUES ($1, $2, $3::JSON, $4::TIMESTAMP)`,
      [clean, signature, JSON.stringify(valid), updatedAt],
    ),
  );
  return { name: clean, headerSignature: signature, mapping: valid, updatedAt };
}

const SELECT = `SELECT name, header_signature, mapping::VARCHAR AS mapping, updated_at FROM mapping_profiles`;

function toProfile(row: Record<string, unknown>): MappingProfile | undefined {
  try {
    return {
      name: row.name as string,
      headerSignature: row.header_signature as string,
      mapping: parseMapping(JSON.parse(row.mapping as string)),
      updatedAt: row.updated_at as string,
    };
  } catch {
    // A profile the current mapping rules refuse is skipped rather than applied.
    return undefined;
  }
}

/** The most recently saved profile made for these headers, if any. */
export async function findProfile(
  db: Database,
  headers: string[],
): Promise<MappingProfile | undefined> {
  const rows = await db.read(
    `${SELECT} WHERE header_signature = $1 ORDER BY updated_at DESC, name`,
    [headerSignature(headers)],
  );
  return rows.map(toProfile).find((p) => p !== undefined);
}

/** Every profile, by name. */
export async function listProfiles(db: Database): Promise<MappingProfile[]> {
  const rows = await db.read(`${SELECT} ORDER BY lower(name), name`);
  return rows.map(toProfile).filter((p): p is MappingProfile => p !== undefined);
}

export async function deleteProfile(db: Database, name: string): Promise<void> {
  const removed = await db.transaction((tx) =>
    tx.run('DELETE FROM mapping_profiles WHERE name = $1', [name.trim()]),
  );
  if (removed === 0) {
    throw new OrderlensError(`There is no profile "${name.trim()}".`, 'profile_not_found');
  }
}
