'use client';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { apiFetch } from './csrf';

/** Who is signed in, and Sign out; the local user of a loopback server has no session to end. */
export function UserMenu({
  identity,
}: {
  identity: { username: string; role: Role; userId?: number };
}) {
  if (identity.userId === undefined)
    return (
      <span
        className="user-menu"
        title="No users exist and the server listens only on this computer"
      >
        Local ({ROLE_LABELS[identity.role]})
      </span>
    );
  async function signOut() {
    await apiFetch('/api/auth/signout', { method: 'POST' }).catch(() => undefined);
    // A full load on purpose: the root layout (nav, user menu) must render for the new session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/signin');
  }
  return (
    <span className="user-menu">
      <span>
        {identity.username} · {ROLE_LABELS[identity.role]}
      </span>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}
