import 'server-only';
/**
 * The first user of a loopback server without users must be created by someone at this computer,
 * not by whatever page the browser has open: the web form asks for a one-time setup code that the
 * server prints in its own log at start (the CLI, `orderlens users add`, needs none). The code
 * lives in this process only and is useless once a user exists.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { OrderlensError } from '@/lib/errors';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I to misread
const state = globalThis as { orderlensSetupCode?: string };

export function firstUserSetupCode(): string {
  state.orderlensSetupCode ??= Array.from(
    { length: 12 },
    (_, i) => (i === 4 || i === 8 ? '-' : '') + ALPHABET[randomInt(ALPHABET.length)],
  ).join('');
  return state.orderlensSetupCode;
}

export class SetupCodeError extends OrderlensError {
  constructor() {
    super(
      'Creating the first user needs the setup code the server printed in its log when it started, or the command npx orderlens users add NAME --role admin.',
      'setup_code_required',
    );
  }
}

/** Throws unless `given` is this process's setup code (case and dashes aside). */
export function assertSetupCode(given: unknown): void {
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const expected = Buffer.from(clean(firstUserSetupCode()));
  const sent = Buffer.from(typeof given === 'string' ? clean(given) : '');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
    throw new SetupCodeError();
}
