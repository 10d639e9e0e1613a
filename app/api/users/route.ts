import { assertSetupCode } from '@/lib/auth/setup-code';
import { createUser, listUsers } from '@/lib/auth/users';
import { json, reasonOf, route, readJson } from '../respond';

/** GET /api/users: every user with role and state (never a password hash). */
export const GET = route('users', async (_request, _context, { db }) =>
  json({ users: await listUsers(db) }),
);

/**
 * POST /api/users with { username, role, password }: 201 { user }; 409 when the name is taken.
 * The first user, created by the local user of a loopback server, also needs { setupCode }: the
 * one-time code in the server's log (403 setup_code_required without it), and must be an admin
 * (422 first_user_not_admin).
 */
export const POST = route('users', async (request, _context, { db, audit, identity }) => {
  const body = (await readJson(request)) as Record<string, unknown> | undefined;
  try {
    if (identity.userId === undefined) assertSetupCode(body?.setupCode);
    const user = await createUser(db, {
      username: String(body?.username ?? ''),
      role: body?.role as never,
      password: String(body?.password ?? ''),
    });
    await audit({
      action: 'user.create',
      outcome: 'ok',
      target: user.username,
      detail: `role ${user.role}`,
    });
    return json({ user }, { status: 201 });
  } catch (error) {
    await audit({
      action: 'user.create',
      outcome: 'failed',
      target: String(body?.username ?? '').slice(0, 64),
      detail: reasonOf(error),
    });
    throw error;
  }
});
