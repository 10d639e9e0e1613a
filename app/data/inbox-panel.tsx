import 'server-only';
/**
 * The inbox on /data: where files are dropped, what became of the latest ones, a pass on demand,
 * and (for admins) the folder and who hears of a failure. In its own Suspense boundary.
 */
import { can } from '@/lib/auth/roles';
import type { Identity } from '@/lib/auth/access';
import { config } from '@/lib/config';
import { outcomeWords } from '@/lib/inbox/inbox';
import { listInboxFiles, type InboxFile } from '@/lib/inbox/record';
import { readInboxSettings } from '@/lib/inbox/settings';
import { getServerDatabase } from '@/runtime/database';
import { RoleNote } from '../ui/role-note';
import { formatDateTime } from '../ui/format';
import styles from './data.module.css';
import { InboxCheckNow, InboxSettingsForm } from './inbox-controls';

/** The ledger's status colours: loaded green, refused red, the rest grey. */
const statusClass: Record<InboxFile['outcome'], string> = {
  loaded: 'status-loaded',
  unchanged: 'status-unchanged',
  duplicate: 'status-unchanged',
  rejected: 'status-rejected',
  no_profile: 'status-rejected',
  ambiguous: 'status-rejected',
  unreadable: 'status-rejected',
};

export async function InboxPanel({ identity }: { identity: Identity }) {
  const db = await getServerDatabase();
  const [settings, files] = await Promise.all([readInboxSettings(db), listInboxFiles(db, 20)]);
  const canUpload = can(identity.role, 'upload');
  const canSet = can(identity.role, 'settings');
  return (
    <section className="panel" id="inbox" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">Inbox</h2>
      {!canUpload ? (
        <RoleNote identity={identity} permission="upload" />
      ) : settings.folder ? (
        <>
          <p className={styles.hint}>
            Files dropped into <code>{settings.folder}</code> are loaded with the saved profile
            their columns match: a dry run first, then the load when it is clean or within the
            profile&apos;s allowance. Loaded files move to <code>done/</code>, the others to{' '}
            <code>failed/</code> with a note and their rejected rows; a file already loaded is not
            loaded again. The server looks when a file arrives and every{' '}
            {config().inboxPollMs / 1000} s; <code>npx orderlens inbox run</code> does one pass from
            cron.
          </p>
          <InboxCheckNow />
        </>
      ) : (
        <p className={styles.hint}>
          No inbox folder is set. With one, extracts dropped there by an ERP job, a shared drive or
          an SFTP upload are loaded with their saved profile, without the wizard.
          {canSet ? ' Name the folder below.' : ' An admin names it here, or with ORDERLENS_INBOX.'}
        </p>
      )}
      {canUpload && <InboxFiles files={files} />}
      {canSet && (
        <InboxSettingsForm
          folder={settings.folder}
          fromEnvironment={settings.source === 'environment'}
          notify={settings.notify}
        />
      )}
    </section>
  );
}

function InboxFiles({ files }: { files: InboxFile[] }) {
  if (files.length === 0) return null;
  return (
    <div
      className={styles.scroll}
      tabIndex={0}
      role="region"
      aria-label="Inbox files, newest first"
    >
      <table>
        <caption className="visually-hidden">
          The {files.length} files the inbox took last, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Outcome</th>
            <th scope="col">Profile</th>
            <th scope="col" className="num">
              Load
            </th>
            <th scope="col">Now in</th>
            <th scope="col">Seen</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id}>
              <td className={styles.ledgerFile}>
                {file.fileName}
                <span className={styles.ledgerMessage}>{file.message}</span>
              </td>
              <td>
                <span className={`status ${statusClass[file.outcome]}`}>
                  {outcomeWords[file.outcome]}
                </span>
              </td>
              <td>{file.profile ?? '—'}</td>
              <td className="num">{file.loadId ?? '—'}</td>
              <td className={styles.ledgerFile}>
                {file.movedTo ?? 'left in the inbox (it changed meanwhile)'}
                {file.rejectsFile && (
                  <span className={styles.ledgerMessage}>rejected rows: {file.rejectsFile}</span>
                )}
              </td>
              <td className="nowrap">{formatDateTime(file.seenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
