import 'server-only';
/**
 * Sign-in: the password checked against its Argon2id hash, every attempt audited. Users are told
 * only "wrong user name or password", whatever the reason. Failures slow down rather than lock:
 * - per name and client: five free failures, then a wait from 30 s doubling to 15 minutes, so one
 *   client cannot go on guessing one user's password;
 * - per name from anywhere: ten free failures, then a wait from 1 s doubling to 30 s at most, so
 *   guesses spread over many addresses stay slow while nobody can lock a named user out for long;
 * - per client address (the TCP peer, or as a trusted proxy reports it): twenty failures in 15
 *   minutes and that address is refused until the window passes.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { recordAudit } from './audit';
import type { Identity } from './access';
import { FailureDelays, type DelayRule } from './failure-delays';
import { verifyPassword } from './passwords';
import { createSession } from './sessions';
import { credentialsOf } from './users';

const WINDOW_SECONDS = 15 * 60;
export const NAME_AND_CLIENT_DELAY: DelayRule = {
  free: 5,
  baseSeconds: 30,
  maxSeconds: WINDOW_SECONDS,
  forgetAfterSeconds: WINDOW_SECONDS,
};
export const NAME_DELAY: DelayRule = {
  free: 10,
  baseSeconds: 1,
  maxSeconds: 30,
  forgetAfterSeconds: WINDOW_SECONDS,
};
export const FAILURES_PER_CLIENT = 20;

interface Limiters {
  nameAndClient: FailureDelays;
  name: FailureDelays;
  client: RateLimiterMemory;
}

const limiters = ((globalThis as { orderlensSignInLimiters?: Limiters }).orderlensSignInLimiters ??=
  newLimiters());

export function newLimiters(now: () => number = Date.now): Limiters {
  return {
    nameAndClient: new FailureDelays(NAME_AND_CLIENT_DELAY, now),
    name: new FailureDelays(NAME_DELAY, now),
    client: new RateLimiterMemory({ points: FAILURES_PER_CLIENT, duration: WINDOW_SECONDS }),
  };
}

export class SignInFailedError extends OrderlensError {
  constructor() {
    super('Wrong user name or password.', 'sign_in_failed');
  }
}

export class TooManyAttemptsError extends OrderlensError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${waitText(retryAfterSeconds)}.`, 'rate_limited');
  }
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

async function clientBlockedFor(key: string, limiter: RateLimiterMemory) {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= FAILURES_PER_CLIENT ? state.msBeforeNext / 1000 : 0;
}

export async function signIn(
  db: Database,
  input: { username: string; password: string; client: string; sessionHours: number },
  using: Limiters = limiters,
): Promise<{ identity: Identity; token: string; expiresAt: Date }> {
  const name = input.username.trim().toLowerCase().slice(0, 64);
  const nameKey = `name:${name}`;
  const pairKey = `pair:${name}\u0000${input.client}`;
  const clientKey = `client:${input.client}`;
  const wait = Math.max(
    using.nameAndClient.waitFor(pairKey),
    using.name.waitFor(nameKey),
    await clientBlockedFor(clientKey, using.client),
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
    using.nameAndClient.fail(pairKey);
    using.name.fail(nameKey);
    await using.client.penalty(clientKey, 1);
    await audit('failed', !user ? 'unknown user' : !valid ? 'wrong password' : 'user disabled');
    throw new SignInFailedError();
  }
  using.nameAndClient.forget(pairKey);
  using.name.forget(nameKey);
  const session = await createSession(db, user.userId, input.sessionHours);
  await audit('ok', 'signed in', user.role);
  return {
    identity: { username: name, role: user.role, userId: user.userId },
    ...session,
  };
}
