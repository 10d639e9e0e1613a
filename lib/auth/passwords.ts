import 'server-only';
/** Passwords: Argon2id (memory-hard) through @node-rs/argon2, with OWASP's minimum parameters. */
import { hash, verify } from '@node-rs/argon2';
import { OrderlensError } from '@/lib/errors';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

// Argon2id (the default algorithm), 19 MiB, 2 passes, 1 lane: OWASP's recommended floor (about 0.3 s here).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class WeakPasswordError extends OrderlensError {
  constructor(message: string) {
    super(message, 'weak_password');
  }
}

export function checkPasswordPolicy(password: string, username?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new WeakPasswordError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new WeakPasswordError(`A password may have at most ${MAX_PASSWORD_LENGTH} characters.`);
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    throw new WeakPasswordError('A password may not contain the user name.');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** A hash computed once, verified against when the user does not exist (same time either way). */
let decoy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | undefined, password: string) {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  if (!storedHash) {
    decoy ??= hashPassword('orderlens-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
