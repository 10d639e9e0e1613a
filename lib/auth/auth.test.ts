import { beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import { statusOfCode } from '@/lib/errors';
import { authorize, LOCAL_IDENTITY, resolveIdentity, isLoopbackHost } from './access';
import { listAudit, recordAudit, verifyAuditChain } from './audit';
import { can, PERMISSIONS, ROLES, type Permission } from './roles';
import { createSession, revokeSession, sessionUser } from './sessions';
import {
  FAILURES_PER_CLIENT,
  NAME_AND_CLIENT_DELAY,
  NAME_DELAY,
  newLimiters,
  signIn,
  SignInFailedError,
  TooManyAttemptsError,
} from './sign-in';
import { countUsers, createUser, FirstUserNotAdminError, updateUser } from './users';

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

const PASSWORD = 'correct horse battery';

describe('roles', () => {
  it('grant exactly the permissions of the issue, and deny everything else', () => {
    // Written out by hand: a change to ROLE_PERMISSIONS must change this table too.
    const expected: Record<string, Permission[]> = {
      admin: Object.keys(PERMISSIONS) as Permission[],
      analyst: [
        'view',
        'drill',
        'export',
        'upload',
        'mappings',
        'undo',
        'bands',
        'inputs',
        'annotate',
      ],
      manager: ['view', 'drill', 'targets', 'annotate'],
      executive: ['view', 'export'],
    };
    for (const role of ROLES)
      for (const permission of Object.keys(PERMISSIONS) as Permission[])
        expect(can(role, permission), `${role} ${permission}`).toBe(
          expected[role]!.includes(permission),
        );
    expect(can(undefined, 'view')).toBe(false);
    expect(() => authorize(undefined, 'view')).toThrow(/Sign in/);
    expect(() => authorize({ username: 'e', role: 'executive' }, 'upload')).toThrow(
      /does not allow this: upload and load extracts/,
    );
  });

  it('know loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'orderlens.example.com', '127.0.0.1.evil'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('users and sessions', () => {
  it('refuse a first user who is not an admin, who could not add anyone', async () => {
    for (const role of ['analyst', 'manager', 'executive'] as const) {
      const refused = await createUser(db, { username: 'mia', role, password: PASSWORD }).catch(
        (e: unknown) => e,
      );
      expect(refused, role).toBeInstanceOf(FirstUserNotAdminError);
      expect(refused).toMatchObject({
        code: 'first_user_not_admin',
        message:
          'The first user must be an admin: once a user exists, everyone signs in, and only an admin can add users or change roles. Make this one an admin, then add the others.',
      });
    }
    expect(statusOfCode.first_user_not_admin).toBe(422);
    expect(await countUsers(db)).toBe(0);
    await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
    // Once an admin exists, any role may follow.
    const mia = await createUser(db, { username: 'mia', role: 'manager', password: PASSWORD });
    expect(mia).toMatchObject({ username: 'mia', role: 'manager' });
    expect(await countUsers(db)).toBe(2);
  });

  it('store an Argon2id hash, refuse weak passwords and names taken in any case', async () => {
    await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
    const user = await createUser(db, { username: ' Ana ', role: 'analyst', password: PASSWORD });
    expect(user).toMatchObject({ username: 'ana', role: 'analyst', disabled: false });
    const [row] = await db.all<{ h: string }>(
      "SELECT password_hash AS h FROM users WHERE username = 'ana'",
    );
    expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.h).not.toContain(PASSWORD);
    await expect(
      createUser(db, { username: 'ANA', role: 'manager', password: PASSWORD }),
    ).rejects.toThrow(/already exists/);
    await expect(
      createUser(db, { username: 'bob', role: 'manager', password: 'short' }),
    ).rejects.toThrow(/at least 12 characters/);
    await expect(
      createUser(db, { username: 'robert', role: 'manager', password: 'robert-is-my-name' }),
    ).rejects.toThrow(/may not contain the user name/);
    await expect(
      createUser(db, { username: "x'; DROP TABLE users; --", role: 'admin', password: PASSWORD }),
    ).rejects.toThrow(/user name has 2 to 64/);
    expect(await countUsers(db)).toBe(2);
  });

  it('resolve a session until it expires, is revoked, or its user is disabled', async () => {
    const admin = await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
    const ana = await createUser(db, { username: 'ana', role: 'analyst', password: PASSWORD });
    const live = await createSession(db, ana.userId, 1);
    expect(await sessionUser(db, live.token)).toEqual({
      userId: ana.userId,
      username: 'ana',
      role: 'analyst',
    });
    const expired = await createSession(db, ana.userId, -1);
    expect(await sessionUser(db, expired.token)).toBeUndefined();
    expect(await sessionUser(db, `${live.token}x`)).toBeUndefined();
    // The role is read on every request: a demotion takes effect at once.
    await updateUser(db, ana.userId, { role: 'executive' });
    expect((await sessionUser(db, live.token))?.role).toBe('executive');
    await updateUser(db, ana.userId, { disabled: true });
    expect(await sessionUser(db, live.token)).toBeUndefined();
    await updateUser(db, ana.userId, { disabled: false });
    // Disabling ended the session for good; enabling does not bring it back.
    expect(await sessionUser(db, live.token)).toBeUndefined();
    const again = await createSession(db, admin.userId, 1);
    await revokeSession(db, again.token);
    expect(await sessionUser(db, again.token)).toBeUndefined();
    const [stored] = await db.all<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM sessions WHERE session_hash = $1',
      [again.token],
    );
    expect(stored!.n).toBe(0); // only the token's hash is stored
  });

  it('keep one enabled admin', async () => {
    const root = await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
    await expect(updateUser(db, root.userId, { role: 'manager' })).rejects.toThrow(
      /only enabled admin/,
    );
    await expect(updateUser(db, root.userId, { disabled: true })).rejects.toThrow(
      /only enabled admin/,
    );
    const second = await createUser(db, { username: 'deputy', role: 'admin', password: PASSWORD });
    expect((await updateUser(db, root.userId, { role: 'manager' })).role).toBe('manager');
    await expect(updateUser(db, second.userId, { disabled: true })).rejects.toThrow(
      /only enabled admin/,
    );
  });

  it('run a loopback server as the local admin until the first user exists', async () => {
    expect(await resolveIdentity(db, { listensOnLoopback: true })).toBe(LOCAL_IDENTITY);
    expect(await resolveIdentity(db, { listensOnLoopback: false })).toBeUndefined();
    await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
    expect(await resolveIdentity(db, { listensOnLoopback: true })).toBeUndefined();
    const ana = await createUser(db, { username: 'ana', role: 'analyst', password: PASSWORD });
    const { token } = await createSession(db, ana.userId, 1);
    expect(await resolveIdentity(db, { listensOnLoopback: false, sessionToken: token })).toEqual({
      username: 'ana',
      role: 'analyst',
      userId: ana.userId,
    });
  });
});

describe('signing in', () => {
  // The first user is an admin; the users these tests sign in as come after.
  beforeEach(async () => {
    await createUser(db, { username: 'root', role: 'admin', password: PASSWORD });
  });

  it('fails with one message whatever the reason, slows a client guessing one name, audits every attempt', async () => {
    await createUser(db, { username: 'mia', role: 'manager', password: PASSWORD });
    let now = Date.parse('2026-01-05T09:00:00Z');
    const limits = newLimiters(() => now);
    const attempt = (username: string, password: string, client = 'c-limit') =>
      signIn(db, { username, password, client, sessionHours: 1 }, limits);
    await expect(attempt('nobody', PASSWORD)).rejects.toThrow(SignInFailedError);
    for (let i = 0; i < NAME_AND_CLIENT_DELAY.free; i++)
      await expect(attempt('mia', 'wrong password!')).rejects.toThrow(
        'Wrong user name or password.',
      );
    // This client now waits 30 s, even with the right password; another client does not.
    const refused = await attempt('mia', PASSWORD).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBe(30);
    expect((refused as Error).message).toBe('Too many failed sign-ins. Try again in 30 seconds.');
    expect((await attempt('mia', PASSWORD, 'c-elsewhere')).identity.username).toBe('mia');
    now += 31_000;
    await expect(attempt('mia', 'wrong password!')).rejects.toThrow(SignInFailedError);
    // One more failure doubles the wait.
    await expect(attempt('mia', PASSWORD)).rejects.toMatchObject({ retryAfterSeconds: 60 });
    const signIns = await listAudit(db, { action: 'sign_in' });
    expect(signIns.map((e) => `${e.actor} ${e.outcome} ${e.detail}`)).toEqual([
      'mia denied rate limited',
      'mia failed wrong password',
      'mia ok signed in',
      'mia denied rate limited',
      ...Array(NAME_AND_CLIENT_DELAY.free).fill('mia failed wrong password'),
      'nobody failed unknown user',
    ]);
  });

  it('never locks a named user out for long, however many clients fail on the name', async () => {
    await createUser(db, { username: 'noor', role: 'manager', password: PASSWORD });
    let now = Date.parse('2026-01-05T09:00:00Z');
    const limits = newLimiters(() => now);
    const attempt = (password: string, client: string) =>
      signIn(db, { username: 'noor', password, client, sessionHours: 1 }, limits);
    // An attacker spreads 40 guesses over 40 addresses, each waiting out the name's delay.
    for (let i = 0; i < 40; i++) {
      const result = await attempt('guess', `10.0.0.${i}`).catch((e: unknown) => e);
      if (result instanceof TooManyAttemptsError) {
        expect(result.retryAfterSeconds).toBeLessThanOrEqual(NAME_DELAY.maxSeconds);
        now += result.retryAfterSeconds * 1000;
        await expect(attempt('guess', `10.0.0.${i}`)).rejects.toThrow(SignInFailedError);
      } else expect(result).toBeInstanceOf(SignInFailedError);
    }
    // The owner waits at most the name's cap (30 s), not 15 minutes.
    const owner = await attempt(PASSWORD, '192.168.1.5').catch((e: unknown) => e);
    expect(owner).toBeInstanceOf(TooManyAttemptsError);
    expect((owner as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(30);
    now += 30_000;
    expect((await attempt(PASSWORD, '192.168.1.5')).identity.username).toBe('noor');
  });

  it('refuses a client address after twenty failures, whichever names it tried', async () => {
    const limits = newLimiters();
    const attempt = (username: string, client: string) =>
      signIn(db, { username, password: 'x', client, sessionHours: 1 }, limits);
    for (let i = 0; i < FAILURES_PER_CLIENT; i++)
      await expect(attempt(`name${i}`, '198.51.100.9')).rejects.toThrow(SignInFailedError);
    await expect(attempt('fresh', '198.51.100.9')).rejects.toThrow(TooManyAttemptsError);
    await expect(attempt('fresh', '198.51.100.10')).rejects.toThrow(SignInFailedError);
  });

  it('starts a session on success and resets the count of failures', async () => {
    await createUser(db, { username: 'eve', role: 'executive', password: PASSWORD });
    const limits = newLimiters();
    const attempt = (password: string) =>
      signIn(db, { username: 'EVE', password, client: 'c-ok', sessionHours: 1 }, limits);
    for (let i = 0; i < NAME_AND_CLIENT_DELAY.free - 1; i++)
      await expect(attempt('not the password')).rejects.toThrow(SignInFailedError);
    const session = await attempt(PASSWORD);
    expect(session.identity).toMatchObject({ username: 'eve', role: 'executive' });
    expect(await sessionUser(db, session.token)).toMatchObject({ username: 'eve' });
    for (let i = 0; i < NAME_AND_CLIENT_DELAY.free - 1; i++)
      await expect(attempt('not the password')).rejects.toThrow(SignInFailedError); // anew
    expect((await attempt(PASSWORD)).identity.role).toBe('executive');
  });
});

describe('the audit log', () => {
  it('chains entries so that an edited or removed one is found', async () => {
    for (const action of ['load', 'undo', 'export'] as const)
      await recordAudit(db, { username: 'ana', role: 'analyst' }, 'web', {
        action,
        outcome: 'ok',
        target: `${action} target`,
      });
    expect(await verifyAuditChain(db)).toEqual({ state: 'intact', entries: 3, unkeyed: 0 });
    const [first, ...rest] = await listAudit(db);
    expect(first).toMatchObject({ action: 'export', actor: 'ana', role: 'analyst', via: 'web' });
    expect(rest).toHaveLength(2);
    await db.run("UPDATE audit_log SET outcome = 'failed' WHERE entry_id = 2");
    expect((await verifyAuditChain(db)).brokenAt).toBe(2);
    await db.run("UPDATE audit_log SET outcome = 'ok' WHERE entry_id = 2");
    await db.run('DELETE FROM audit_log WHERE entry_id = 2');
    expect((await verifyAuditChain(db)).brokenAt).toBe(3);
  });

  it('keeps the entry of a failed load whose transaction rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run(
          "INSERT INTO targets VALUES ('t1', 'order_fill_rate', NULL, NULL, NULL, NULL, 0.9, NULL, now())",
        );
        await recordAudit(db, { username: 'ana', role: 'analyst' }, 'web', {
          action: 'load',
          outcome: 'failed',
          detail: 'rejected: 3 rows',
        });
        throw new Error('the load fails');
      }),
    ).rejects.toThrow('the load fails');
    expect(await db.all('SELECT * FROM targets')).toEqual([]);
    expect((await listAudit(db)).map((e) => e.detail)).toEqual(['rejected: 3 rows']);
  });
});
