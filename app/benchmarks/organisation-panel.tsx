/** The organisation profile section: who the organisation's peers are, and the form to say it. */
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import {
  channelText,
  describeProfile,
  industryText,
  peerChannels,
  profileIndustries,
  profileSizes,
  type OrganisationProfile,
} from '@/lib/benchmarks/peer';
import { RoleNote } from '../ui/role-note';
import { OrganisationForm, type OrganisationChoices } from './forms/organisation-form';
import styles from './benchmarks.module.css';

const choices: OrganisationChoices = {
  industry: profileIndustries.map((i) => [i, capitalise(industryText(i))] as const),
  size: profileSizes.map((s) => [s, capitalise(s)] as const),
  channel: peerChannels.map((c) => [c, channelText(c)] as const),
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function OrganisationPanel({
  profile,
  identity,
}: {
  profile: OrganisationProfile;
  identity: Identity;
}) {
  return (
    <section id="organisation" aria-labelledby="organisation-heading" className="panel">
      <h2 id="organisation-heading">Your organisation&rsquo;s peers</h2>
      <p className={styles.help}>
        Where a KPI has several band sets its value is placed in, the headline (the scorecard, the
        KPI page, the report) uses the set whose peers match this profile best: a set whose peers
        contradict it (another industry, size, region or channel) comes last, then the set matching
        most of it, then the newest data and the largest sample. Without a profile, the newest set
        is used. Every placement says which set it used and why, and the KPI page lets you pick
        another.
      </p>
      <p>
        Profile: <strong data-testid="organisation-profile">{describeProfile(profile)}</strong>
      </p>
      {can(identity.role, 'settings') ? (
        <>
          <h3 className={styles.formHeading}>Change the profile</h3>
          <OrganisationForm profile={profile} choices={choices} />
        </>
      ) : (
        <RoleNote identity={identity} permission="settings" />
      )}
    </section>
  );
}
