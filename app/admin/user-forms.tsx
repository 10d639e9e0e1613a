'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { apiFetch } from '../ui/csrf';
import styles from './admin.module.css';

async function send(url: string, method: string, body: unknown): Promise<string | undefined> {
  try {
    const response = await apiFetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) return undefined;
    const data = (await response.json().catch(() => ({}))) as { message?: string };
    return data.message ?? `The request failed (HTTP ${response.status}).`;
  } catch {
    return 'The server could not be reached; try again.';
  }
}

function Outcome({ error, done }: { error?: string; done?: string }) {
  if (error)
    return (
      <p role="alert" className="form-error">
        {error}
      </p>
    );
  return done ? (
    <p role="status" className={styles.done}>
      ✓ {done}
    </p>
  ) : null;
}

/**
 * `firstUser`: no user exists yet. The first one needs the setup code, which only someone who can
 * read the server's log has, and must be an admin (the server refuses any other role), so the
 * role starts at Admin.
 */
export function NewUserForm({ firstUser = false }: { firstUser?: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ error?: string; done?: string; pending?: boolean }>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const username = String(form.get('username') ?? '');
    setState({ pending: true });
    const error = await send('/api/users', 'POST', {
      username,
      role: form.get('role'),
      password: String(form.get('password') ?? ''),
      ...(firstUser ? { setupCode: String(form.get('setupCode') ?? '') } : {}),
    });
    setState(error ? { error } : { done: `${username} was added.` });
    if (!error) {
      formElement.reset();
      router.refresh();
    }
  }
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)}>
      <label>
        User name
        <input name="username" autoComplete="off" required minLength={2} maxLength={64} />
      </label>
      <label>
        Role
        <select name="role" defaultValue={firstUser ? 'admin' : 'manager'}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <label>
        First password (12 characters or more)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </label>
      {firstUser && (
        <label>
          Setup code (printed in the server&apos;s log at start)
          <input name="setupCode" autoComplete="off" required placeholder="XXXX-XXXX-XXXX" />
        </label>
      )}
      <button type="submit" className={styles.primary} disabled={state.pending}>
        Add user
      </button>
      <Outcome error={state.error} done={state.done} />
    </form>
  );
}

export function UserActions({
  user,
}: {
  user: { userId: number; username: string; role: Role; disabled: boolean };
}) {
  const router = useRouter();
  const [state, setState] = useState<{ error?: string; done?: string }>({});
  const change = async (body: Record<string, unknown>, done: string) => {
    const error = await send(`/api/users/${user.userId}`, 'PATCH', body);
    setState(error ? { error } : { done });
    if (!error) router.refresh();
  };
  return (
    <div className={styles.actions}>
      <label>
        <span className="visually-hidden">Role of {user.username}</span>
        <select
          value={user.role}
          onChange={(e) =>
            void change({ role: e.target.value }, `Role changed to ${e.target.value}.`)
          }
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className={styles.button}
        onClick={() =>
          void change(
            { disabled: !user.disabled },
            user.disabled
              ? `${user.username} can sign in again.`
              : `${user.username} is disabled and signed out.`,
          )
        }
      >
        {user.disabled ? 'Enable' : 'Disable'}
      </button>
      <details>
        <summary>New password</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const password = String(new FormData(e.currentTarget).get('password') ?? '');
            void change(
              { password },
              `The password of ${user.username} was reset; their sessions ended.`,
            );
          }}
        >
          <label>
            <span className="visually-hidden">New password for {user.username}</span>
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={12}
              required
            />
          </label>
          <button type="submit" className={styles.button}>
            Set
          </button>
        </form>
      </details>
      <Outcome error={state.error} done={state.done} />
    </div>
  );
}
