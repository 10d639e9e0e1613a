import type { Metadata } from 'next';
import { connection } from 'next/server';
import {
  AUDIT_ACTIONS,
  auditQuerySchema,
  describeAuditChain,
  listAudit,
  verifyAuditChain,
} from '@/lib/auth/audit';
import { PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from '@/lib/auth/roles';
import { listUsers } from '@/lib/auth/users';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import { getServerDatabase } from '@/runtime/database';
import { DemoBanner } from '../ui/demo-banner';
import { formatDateTime } from '../ui/format';
import { requirePage } from '../session';
import { NewUserForm, UserActions } from './user-forms';
import styles from './admin.module.css';

export const metadata: Metadata = { title: 'Admin' };

type Search = Record<string, string | string[] | undefined>;

export default async function AdminPage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  const identity = await requirePage('users', '/admin');
  const search = await searchParams;
  const parsed = auditQuerySchema.safeParse({
    action: typeof search.action === 'string' && search.action ? search.action : undefined,
    outcome: typeof search.outcome === 'string' && search.outcome ? search.outcome : undefined,
    before: typeof search.before === 'string' ? search.before : undefined,
    limit: 50,
  });
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({ limit: 50 });
  const db = await getServerDatabase();
  const [users, entries, chain, coverage] = await Promise.all([
    listUsers(db),
    listAudit(db, query),
    verifyAuditChain(db),
    getDataCoverage(db),
  ]);
  const older = entries.length === query.limit ? entries.at(-1)?.entryId : undefined;
  const keep = new URLSearchParams();
  if (query.action) keep.set('action', query.action);
  if (query.outcome) keep.set('outcome', query.outcome);

  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>Admin</h1>
      <p className="lede">
        Who may sign in and what each role may do, and the audit log of sign-ins, loads, undos,
        exports, band sets and user changes.
      </p>

      <section className="panel" aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        {identity.userId === undefined && (
          <p className={styles.note}>
            No users exist, so this server runs as one local admin on this computer. As soon as you
            add a user, everyone signs in, you too: the first one must be an admin. The first user
            needs the setup code the server printed in its log when it started, so that no other web
            page open in this browser can add one.
          </p>
        )}
        {users.length > 0 && (
          <div className="table-scroll">
            <table className={styles.table}>
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr key={user.userId}>
                    <td>
                      {user.username}
                      {user.userId === identity.userId && ' (you)'}
                    </td>
                    <td>{ROLE_LABELS[user.role]}</td>
                    <td>{user.disabled ? 'Disabled' : 'Active'}</td>
                    <td>{formatDateTime(user.createdAt)}</td>
                    <td>
                      <UserActions user={user} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 className={styles.h3}>Add a user</h3>
        <NewUserForm firstUser={identity.userId === undefined} />
      </section>

      <section className="panel" aria-labelledby="roles-h">
        <h2 id="roles-h">What each role may do</h2>
        <div className="table-scroll">
          <table className={styles.table}>
            <caption className="visually-hidden">Permissions by role</caption>
            <thead>
              <tr>
                <th scope="col">Permission</th>
                {ROLES.map((role) => (
                  <th scope="col" key={role}>
                    {ROLE_LABELS[role]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(PERMISSIONS).map(([permission, what]) => (
                <tr key={permission}>
                  <th scope="row" className={styles.rowHead}>
                    {what}
                  </th>
                  {ROLES.map((role) => {
                    const allowed = (ROLE_PERMISSIONS[role] as readonly string[]).includes(
                      permission,
                    );
                    return (
                      <td key={role} className={allowed ? styles.yes : styles.no}>
                        {allowed ? '✓ yes' : '— no'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit log</h2>
        <p className={chain.state === 'intact' ? styles.note : styles.broken} role="status">
          {chain.state === 'intact'
            ? `✓ ${chain.entries.toLocaleString('en-US')} entries, each chained to the one before: none was changed or removed.`
            : `⚠ ${describeAuditChain(chain)}`}
        </p>
        <form className={styles.filters} action="/admin" method="get">
          <label>
            Action{' '}
            <select name="action" defaultValue={query.action ?? ''}>
              <option value="">Any</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label>
            Outcome{' '}
            <select name="outcome" defaultValue={query.outcome ?? ''}>
              <option value="">Any</option>
              <option value="ok">ok</option>
              <option value="failed">failed</option>
              <option value="denied">denied</option>
            </select>
          </label>
          <button type="submit" className={styles.button}>
            Show
          </button>
        </form>
        {entries.length === 0 ? (
          <p className={styles.note}>
            No entries{query.action || query.outcome ? ' match' : ' yet'}.
          </p>
        ) : (
          <div className="table-scroll">
            <table className={styles.table}>
              <caption className="visually-hidden">Audit log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Via</th>
                  <th scope="col">Action</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">On</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.entryId}>
                    <td className="num">{e.entryId}</td>
                    <td>{formatDateTime(e.at)}</td>
                    <td>
                      {e.actor}
                      {e.role && <span className={styles.muted}> ({e.role})</span>}
                    </td>
                    <td>{e.via}</td>
                    <td>{e.action}</td>
                    <td className={e.outcome === 'ok' ? styles.yes : styles.no}>
                      {e.outcome === 'ok'
                        ? '✓ ok'
                        : e.outcome === 'failed'
                          ? '✗ failed'
                          : '⊘ denied'}
                    </td>
                    <td className={styles.wrap}>{e.target}</td>
                    <td className={styles.wrap}>{e.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {older && (
          <p>
            <a href={`/admin?${new URLSearchParams([...keep, ['before', String(older)]])}#audit-h`}>
              Older entries
            </a>
          </p>
        )}
      </section>
    </>
  );
}
