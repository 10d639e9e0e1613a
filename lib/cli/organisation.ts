import 'server-only';
/**
 * orderlens organisation: the organisation's peer profile (industry, company size, region, sales
 * channel), which placement uses to pick the band set whose peers are most like it. `organisation`
 * shows it; `organisation set` changes the parts its flags name ("none" clears one) and keeps the
 * rest (lib/benchmarks/organisation.ts).
 */
import { readOrganisationProfile, setOrganisationProfile } from '@/lib/benchmarks/organisation';
import {
  describeProfile,
  peerAttributes,
  profileValueText,
  type OrganisationProfile,
} from '@/lib/benchmarks/peer';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

const NONE = 'none';

const labels = {
  industry: 'Industry',
  size: 'Company size',
  region: 'Region',
  channel: 'Sales channel',
} as const;

export async function organisationCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    industry: { type: 'string' },
    size: { type: 'string' },
    region: { type: 'string' },
    channel: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const action = positionals[0] ?? 'show';
  if ((action !== 'show' && action !== 'set') || positionals.length > 1)
    throw new UsageError(
      `organisation ${positionals.join(' ')}: use "organisation" or "organisation set".`,
    );
  const flagged = peerAttributes.filter((a) => values[a] !== undefined);
  if (action === 'show' && flagged.length)
    throw new UsageError('organisation: --industry, --size, --region and --channel go with "set".');
  if (action === 'set' && !flagged.length)
    throw new UsageError('organisation set: give --industry, --size, --region or --channel.');
  const db = await openCliDatabase(
    values.db as string | undefined,
    action === 'set' ? 'settings' : 'view',
  );
  let profile = await readOrganisationProfile(db);
  if (action === 'set') {
    profile = await setOrganisationProfile(db, changed(profile, values));
    await auditCli(db, {
      action: 'settings.organisation',
      outcome: 'ok',
      detail: describeProfile(profile),
    });
  }
  io.out(
    values.json ? JSON.stringify({ profile, text: describeProfile(profile) }) : shown(profile),
  );
  return 0;
}

/** The profile with the parts the flags name replaced; "none" clears a part. */
function changed(
  profile: OrganisationProfile,
  values: Record<string, string | boolean | undefined>,
): Record<string, string | undefined> {
  const next: Record<string, string | undefined> = { ...profile };
  for (const attribute of peerAttributes) {
    const value = values[attribute] as string | undefined;
    if (value === undefined) continue;
    next[attribute] = value.trim().toLowerCase() === NONE ? undefined : value.trim().toLowerCase();
  }
  return next;
}

function shown(profile: OrganisationProfile): string {
  return [
    `Organisation profile: ${describeProfile(profile)}`,
    ...peerAttributes.map((a) => `${labels[a]}: ${profileValueText(a, profile) ?? 'not set'}`),
  ].join('\n');
}
