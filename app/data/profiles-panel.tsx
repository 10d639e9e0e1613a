import 'server-only';
/**
 * The saved mapping profiles: what each matches and how, its mapping file to download, and (with
 * `mappings`) removal and the import of a mapping file as a new profile.
 */
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import { listProfiles, mappedHeaders, type MappingProfile } from '@/lib/ingest/load/profiles';
import { getServerDatabase } from '@/runtime/database';
import { DeleteButton } from '../benchmarks/forms/delete-button';
import { formatDateTime } from '../ui/format';
import { RoleNote } from '../ui/role-note';
import { ProfileImport } from './profile-import';
import { targetLabels } from './wizard/labels';
import styles from './profiles.module.css';

export async function ProfilesPanel({ identity }: { identity: Identity }) {
  const profiles = await listProfiles(await getServerDatabase());
  const canEdit = can(identity.role, 'mappings');
  return (
    <section className="panel" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">
        Saved profiles <span className={styles.count}>{profiles.length}</span>
      </h2>
      <p className={styles.help}>
        A profile is a mapping remembered under a name; the upload wizard applies the one that fits
        a file. Made on a sample file, it fits files with the <em>same columns</em>; imported from a
        mapping file alone, files that have all its <em>mapped columns</em>. Export JSON gives the
        file <code>orderlens ingest --mapping</code> reads.
      </p>
      {profiles.length ? (
        <ProfileTable profiles={profiles} canEdit={canEdit} />
      ) : (
        <p className={styles.empty}>
          No profiles yet. Save one from the wizard&apos;s mapping step
          {canEdit ? ', or import a mapping file below' : ''}.
        </p>
      )}
      {canEdit ? (
        <>
          <h3 className={styles.formHeading}>Import a mapping file</h3>
          <ProfileImport />
        </>
      ) : (
        <RoleNote identity={identity} permission="mappings" />
      )}
    </section>
  );
}

function ProfileTable({ profiles, canEdit }: { profiles: MappingProfile[]; canEdit: boolean }) {
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label="Saved profiles">
      <table>
        <caption className="visually-hidden">{profiles.length} saved profiles, by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">System</th>
            <th scope="col">Table</th>
            <th scope="col">Matched by</th>
            <th scope="col" className="num">
              Fields mapped
            </th>
            <th scope="col">Allowance</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((profile) => (
            <tr key={profile.name}>
              <th scope="row" className={styles.name}>
                {profile.name}
              </th>
              <td>{profile.system ?? <span className={styles.muted}>—</span>}</td>
              <td className={styles.nowrap}>
                {targetLabels[profile.mapping.table].replace(/ \(.*\)$/, '')}
              </td>
              <td className={styles.nowrap}>{matchedBy(profile)}</td>
              <td className="num">{Object.keys(profile.mapping.columns).length}</td>
              <td>{allowance(profile)}</td>
              <td className={styles.nowrap}>{formatDateTime(profile.updatedAt)}</td>
              <td className={styles.actions}>
                <div className={styles.rowActions}>
                  <a
                    className={styles.export}
                    href={`/api/profiles/${encodeURIComponent(profile.name)}`}
                    download
                    aria-label={`Export the mapping JSON of ${profile.name}`}
                  >
                    Export JSON
                  </a>
                  {canEdit && (
                    <DeleteButton
                      url={`/api/profiles?name=${encodeURIComponent(profile.name)}`}
                      what={`the profile “${profile.name}”`}
                      label="Remove"
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How the profile recognises a file: the same headers as its sample, or every header it maps. */
function matchedBy(profile: MappingProfile): string {
  return profile.headers
    ? `Same columns (${profile.headers.length})`
    : `Mapped columns (${mappedHeaders(profile.mapping).length})`;
}

/** The rows a load with this profile may leave out. */
function allowance(profile: MappingProfile): string {
  const limit = profile.mapping.maxRejectedRows;
  if (limit === undefined || limit === 0) return 'None: any bad row rejects the file';
  return typeof limit === 'number'
    ? `Up to ${limit} row${limit === 1 ? '' : 's'}`
    : `Up to ${limit}`;
}
