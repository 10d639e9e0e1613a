import { z } from 'zod';
import { updateUser, userChangeSchema } from '@/lib/auth/users';
import { json, reasonOf, route, readJson } from '../../respond';

/**
 * PATCH /api/users/:id with { role?, disabled?, password? }: change a user. Disabling or a new
 * password ends their sessions; the last enabled admin cannot be demoted or disabled (409).
 */
export const PATCH = route<{ params: Promise<{ id: string }> }>(
  'users',
  async (request, { params }, { db, audit }) => {
    const userId = z.coerce
      .number()
      .int()
      .positive()
      .parse((await params).id);
    const change = userChangeSchema.parse(await readJson(request));
    const described = [
      change.role && `role ${change.role}`,
      change.disabled !== undefined && (change.disabled ? 'disabled' : 'enabled'),
      change.password !== undefined && 'password reset',
    ]
      .filter(Boolean)
      .join(', ');
    try {
      const user = await updateUser(db, userId, change);
      await audit({
        action: 'user.update',
        outcome: 'ok',
        target: user.username,
        detail: described,
      });
      return json({ user });
    } catch (error) {
      await audit({
        action: 'user.update',
        outcome: 'failed',
        target: `user ${userId}`,
        detail: `${described}: ${reasonOf(error)}`,
      });
      throw error;
    }
  },
);
