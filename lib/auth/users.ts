import 'server-only';
/** The users who may sign in, kept in the database; written beside the loads (Database.beside). */
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { ROLES, type Role } from './roles';

export interface User {
  userId: number;
  username: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
  disabled: boolean;
}

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._@-]{1,63}$/,
    'a user name has 2 to 64 letters, digits or . _ @ - and starts with a letter or digit',
  );

export const newUserSchema = z.object({
  username: usernameSchema,
  role: z.enum(ROLES),
  password: z.string(),
});

export const userChangeSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'nothing to change');

export class UserError extends OrderlensError {}

/** The first user must be an admin: see createUser. */
export class FirstUserNotAdminError extends UserError {
  constructor() {
    super(
      'The first user must be an admin: once a user exists, everyone signs in, and only an admin can add users or change roles. Make this one an admin, then add the others.',
      'first_user_not_admin',
    );
  }
}

const columns = `user_id AS "userId", username, role,
  strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt",
  strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS "updatedAt",
  disabled_at IS NOT NULL AS disabled`;

/** How many users exist; while none does, a loopback server runs as one local user. */
export function countUsers(db: Database): Promise<number> {
  return db.memo('auth:user-count', async () => {
    const row = await db.read<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users');
    return row[0]?.n ?? 0;
  });
}

export async function listUsers(db: Database): Promise<User[]> {
  return db.read<User & Record<string, unknown>>(`SELECT ${columns} FROM users ORDER BY username`);
}

export async function findUser(db: Database, userId: number): Promise<User | undefined> {
  const rows = await db.read<User & Record<string, unknown>>(
    `SELECT ${columns} FROM users WHERE user_id = $1`,
    [userId],
  );
  return rows[0];
}

/** The stored hash of an enabled user, for sign-in only. */
export async function credentialsOf(db: Database, username: string) {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) return undefined;
  const rows = await db.read<{ userId: number; role: Role; hash: string; disabled: boolean }>(
    `SELECT user_id AS "userId", role, password_hash AS hash, disabled_at IS NOT NULL AS disabled
       FROM users WHERE username = $1`,
    [parsed.data],
  );
  return rows[0];
}

export async function createUser(db: Database, input: z.input<typeof newUserSchema>) {
  const user = newUserSchema.parse(input);
  checkPasswordPolicy(user.password, user.username);
  const passwordHash = await hashPassword(user.password);
  const userId = await db.beside(async (side) => {
    const taken = await side.all('SELECT 1 FROM users WHERE username = $1', [user.username]);
    if (taken.length)
      throw new UserError(`A user named "${user.username}" already exists.`, 'user_exists');
    // The first user ends the local admin's run: everyone signs in from then on, and a first user
    // who is no admin could not add another, so nobody could manage users again.
    if (user.role !== 'admin') {
      const [users] = await side.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users');
      if ((users?.n ?? 0) === 0) throw new FirstUserNotAdminError();
    }
    const [row] = await side.all<{ id: number }>("SELECT nextval('user_id_seq')::INTEGER AS id");
    await side.run(
      `INSERT INTO users VALUES ($1, $2, $3, $4, now()::TIMESTAMP, now()::TIMESTAMP, NULL)`,
      [row!.id, user.username, user.role, passwordHash],
    );
    return row!.id;
  });
  return (await findUser(db, userId))!;
}

/**
 * Change a user's role, enable or disable them, or set a new password. Disabling and a new
 * password end the user's sessions; the last enabled admin can be neither demoted nor disabled.
 */
export async function updateUser(
  db: Database,
  userId: number,
  input: z.input<typeof userChangeSchema>,
) {
  const change = userChangeSchema.parse(input);
  const user = await findUser(db, userId);
  if (!user) throw new UserError('No such user.', 'user_not_found');
  if (change.password !== undefined) checkPasswordPolicy(change.password, user.username);
  const passwordHash = change.password === undefined ? null : await hashPassword(change.password);
  await db.beside(async (side) => {
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      ((change.role && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin) {
      const [admins] = await side.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL",
      );
      if ((admins?.n ?? 0) <= 1)
        throw new UserError(
          'This is the only enabled admin: make another user admin first.',
          'last_admin',
        );
    }
    await side.run(
      `UPDATE users SET
         role = coalesce($2, role),
         password_hash = coalesce($3, password_hash),
         disabled_at = CASE WHEN $4::BOOLEAN IS NULL THEN disabled_at
                            WHEN $4 THEN coalesce(disabled_at, now()::TIMESTAMP) ELSE NULL END,
         updated_at = now()::TIMESTAMP
       WHERE user_id = $1`,
      [userId, change.role ?? null, passwordHash, change.disabled ?? null],
    );
    if (change.disabled || passwordHash)
      await side.run(
        'UPDATE sessions SET revoked_at = now()::TIMESTAMP WHERE user_id = $1 AND revoked_at IS NULL',
        [userId],
      );
  });
  return (await findUser(db, userId))!;
}
