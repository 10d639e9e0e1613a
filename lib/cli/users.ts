import 'server-only';
/** orderlens users (add, list, set) and orderlens audit: the admin's commands. */
import { readFileSync } from 'node:fs';
import {
  auditQuerySchema,
  describeAuditChain,
  listAudit,
  reasonOf,
  verifyAuditChain,
} from '@/lib/auth/audit';
import { ROLES, isRole } from '@/lib/auth/roles';
import { linesOfZod } from '@/lib/errors';
import { createUser, listUsers, updateUser, UserError, usernameSchema } from '@/lib/auth/users';
import { auditCli, openCliDatabase } from './db';
import { cliCredentials } from '@/lib/config';
import { parse, UsageError, type Io } from './args';

/** The new password: ORDERLENS_NEW_PASSWORD, or the first line of stdin with --password-stdin. */
function newPassword(fromStdin: boolean): string | undefined {
  if (fromStdin) return readFileSync(0, 'utf-8').split(/\r?\n/)[0] ?? '';
  return cliCredentials().newPassword;
}

export async function usersCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    role: { type: 'string' },
    disable: { type: 'boolean' },
    enable: { type: 'boolean' },
    'password-stdin': { type: 'boolean' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [action = 'list', name] = positionals;
  const role = values.role as string | undefined;
  if (role !== undefined && !isRole(role))
    throw new UsageError(`--role takes one of ${ROLES.join(', ')}.`);
  const db = await openCliDatabase(values.db as string | undefined, 'users');
  if (action === 'list') {
    const users = await listUsers(db);
    if (values.json) io.out(JSON.stringify(users, null, 2));
    else if (!users.length) io.out('No users: the server runs as one local user on loopback.');
    else
      for (const u of users)
        io.out(
          `${u.username.padEnd(24)} ${u.role.padEnd(10)} ${u.disabled ? 'disabled' : 'active'}`,
        );
    return 0;
  }
  if (!name) throw new UsageError(`users ${action} takes a user name.`);
  const password = newPassword(values['password-stdin'] === true);
  if (action === 'add') {
    if (!role) throw new UsageError(`users add takes --role (${ROLES.join(', ')}).`);
    if (!password)
      throw new UsageError('Give the password in ORDERLENS_NEW_PASSWORD or with --password-stdin.');
    try {
      const user = await createUser(db, { username: name, role, password });
      await auditCli(db, {
        action: 'user.create',
        outcome: 'ok',
        target: user.username,
        detail: `role ${user.role}`,
      });
      io.out(values.json ? JSON.stringify(user) : `Added ${user.username} (${user.role}).`);
      return 0;
    } catch (error) {
      await auditCli(db, {
        action: 'user.create',
        outcome: 'failed',
        target: name.slice(0, 64),
        detail: reasonOf(error),
      });
      throw error;
    }
  }
  if (action === 'set') {
    if (values.disable && values.enable) throw new UsageError('--disable or --enable, not both.');
    const username = usernameSchema.parse(name);
    const user = (await listUsers(db)).find((u) => u.username === username);
    if (!user) throw new UserError(`There is no user "${username}".`, 'user_not_found');
    const change = {
      role: role as (typeof ROLES)[number] | undefined,
      disabled: values.disable ? true : values.enable ? false : undefined,
      password: values['password-stdin'] || cliCredentials().newPassword ? password : undefined,
    };
    try {
      const updated = await updateUser(db, user.userId, change);
      await auditCli(db, {
        action: 'user.update',
        outcome: 'ok',
        target: updated.username,
        detail: describe(change),
      });
      io.out(
        values.json ? JSON.stringify(updated) : `Changed ${updated.username}: ${describe(change)}.`,
      );
      return 0;
    } catch (error) {
      await auditCli(db, {
        action: 'user.update',
        outcome: 'failed',
        target: username,
        detail: `${describe(change)}: ${reasonOf(error)}`,
      });
      throw error;
    }
  }
  throw new UsageError(`Unknown users action "${action}": add, set or list.`);
}

function describe(change: { role?: string; disabled?: boolean; password?: string }) {
  return (
    [
      change.role && `role ${change.role}`,
      change.disabled !== undefined && (change.disabled ? 'disabled' : 'enabled'),
      change.password !== undefined && 'password reset',
    ]
      .filter(Boolean)
      .join(', ') || 'nothing'
  );
}

export async function auditCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    action: { type: 'string' },
    outcome: { type: 'string' },
    limit: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const query = auditQuerySchema.safeParse({
    action: values.action,
    outcome: values.outcome,
    limit: values.limit ?? 50,
  });
  if (!query.success)
    throw new UsageError(
      linesOfZod(query.error)
        .map((line) => `--${line}`)
        .join('; '),
    );
  const db = await openCliDatabase(values.db as string | undefined, 'audit');
  const [entries, chain] = await Promise.all([listAudit(db, query.data), verifyAuditChain(db)]);
  if (values.json) {
    io.out(JSON.stringify({ entries, chain }, null, 2));
  } else {
    for (const e of entries)
      io.out(
        `${String(e.entryId).padStart(6)}  ${e.at}  ${e.actor.padEnd(16)} ${e.via.padEnd(3)}  ${e.action.padEnd(14)} ${e.outcome.padEnd(6)}  ${e.target ?? ''}${e.detail ? ` · ${e.detail}` : ''}`,
      );
    io.out(describeAuditChain(chain));
  }
  return chain.state === 'intact' ? 0 : 1;
}
