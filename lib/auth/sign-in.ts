import 'server-only';
/**
 * Sign-in: the password checked against its Argon2id hash, rate-limited per user name and per
 * client (five failures for a name, twenty for a client, in 15 minutes), every attempt audited.
 * Users are told only "wrong user name or password", whatever the reason.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/db/errors';
import { recordAudit } from './audit';
import type { Identity } from './access';
import { verifyPassword } from './passwords';
import { createSession } from './sessions';
import { credentialsOf } from './users';

const WINDOW_SECONDS = 15 * 60;
export const FAILURES_PER_NAME = 5;
export const FAILURES_PER_CLIENT = 20;

const limiters = ((
  globalThis as { orderlensSignInLimiters?: { name: RateLimiterMemory; client: RateLimiterMemory } }
).orderlensSignInLimiters ??= {
  name: new RateLimiterMemory({ points: FAILURES_PER_NAME, duration: WINDOW_SECONDS }),
  client: new RateLimiterMemory({ points: FAILURES_PER_CLIENT, duration: WINDOW_SECONDS }),
});

export class SignInFailedError extends OrderlensError {
  constructor() {
    super('Wrong user name or password.', 'sign_in_failed');
  }
}

export class TooManyAttemptsError extends OrderlensError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      'rate_limited',
    );
  }
}

async function blockedFor(key: string, limiter: RateLimiterMemory, points: number) {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= points ? state.msBeforeNext / 1000 : 0;
}

export async function signIn(
  db: Database,
  input: { username: string; password: string; client: string; sessionHours: number },
): Promise<{ identity: Identity; token: string; expiresAt: Date }> {
  const name = input.username.trim().toLowerCase().slice(0, 64);
  const nameKey = `name:${name}`;
  const clientKey = `client:${input.client}`;
  const wait = Math.max(
    await blockedFor(nameKey, limiters.name, FAILURES_PER_NAME),
    await blockedFor(clientKey, limiters.client, FAILURES_PER_CLIENT),
  );
  const audit = (outcome: 'ok' | 'failed' | 'denied', detail: string, role?: Identity['role']) =>
    recordAudit(db, { username: name || '(blank)', role }, 'web', {
      action: 'sign_in',
      outcome,
      target: input.client,
      detail,
    });
  if (wait > 0) {
    await audit('denied', 'rate limited');
    throw new TooManyAttemptsError(wait);
  }
  const user = await credentialsOf(db, name);
  const valid = await verifyPassword(user?.hash, input.password);
  if (!user || !valid || user.disabled) {
    await Promise.all([limiters.name.penalty(nameKey, 1), limiters.client.penalty(clientKey, 1)]);
    await audit('failed', !user ? 'unknown user' : !valid ? 'wrong password' : 'user disabled');
    throw new SignInFailedError();
  }
  await limiters.name.delete(nameKey);
  const session = await createSession(db, user.userId, input.sessionHours);
  await audit('ok', 'signed in', user.role);
  return {
    identity: { username: name, role: user.role, userId: user.userId },
    ...session,
  };
}
