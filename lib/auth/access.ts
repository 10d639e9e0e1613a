import 'server-only';
/**
 * The one place that decides who may do what: route handlers, pages and CLI commands all ask
 * here (deny by default). Sign-in is required as soon as the server listens beyond loopback or a
 * user exists; until then a loopback server runs as one local admin, like a desktop tool.
 */
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { can, PERMISSIONS, type Permission, type Role } from './roles';
import { sessionUser } from './sessions';
import { countUsers } from './users';

export interface Identity {
  username: string;
  role: Role;
  /** Undefined for the local user of a loopback server without users. */
  userId?: number;
}

export const LOCAL_IDENTITY: Identity = Object.freeze({ username: 'local', role: 'admin' });

export class SignInRequiredError extends OrderlensError {
  constructor() {
    super('Sign in to continue.', 'sign_in_required');
  }
}

export class ForbiddenError extends OrderlensError {
  constructor(readonly permission: Permission) {
    super(`Your role does not allow this: ${PERMISSIONS[permission]}.`, 'forbidden');
  }
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

export async function signInRequired(db: Database, listensOnLoopback: boolean) {
  return !listensOnLoopback || (await countUsers(db)) > 0;
}

/** Who is asking: the session's user, the local user, or nobody (sign-in required). */
export async function resolveIdentity(
  db: Database,
  { sessionToken, listensOnLoopback }: { sessionToken?: string; listensOnLoopback: boolean },
): Promise<Identity | undefined> {
  if (!(await signInRequired(db, listensOnLoopback))) return LOCAL_IDENTITY;
  if (!sessionToken) return undefined;
  const user = await sessionUser(db, sessionToken);
  return user && { username: user.username, role: user.role, userId: user.userId };
}

/** The identity, when its role has the permission; else SignInRequiredError or ForbiddenError. */
export function authorize(identity: Identity | undefined, permission: Permission): Identity {
  if (!identity) throw new SignInRequiredError();
  if (!can(identity.role, permission)) throw new ForbiddenError(permission);
  return identity;
}
