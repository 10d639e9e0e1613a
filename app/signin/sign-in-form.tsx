'use client';
import { useState, type FormEvent } from 'react';
import { apiFetch } from '../ui/csrf';

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const response = await apiFetch('/api/auth/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: String(form.get('username') ?? ''),
          password: String(form.get('password') ?? ''),
        }),
      });
      if (response.ok) {
        // A full load, so the layout and every server component see the new session.
        // A full load on purpose: the root layout (nav, user menu) must render for the new session.
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      setError(body.message ?? 'Signing in failed; try again.');
    } catch {
      setError('The server could not be reached; try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel signin-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="username">User name</label>
      <input id="username" name="username" autoComplete="username" required autoFocus />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
