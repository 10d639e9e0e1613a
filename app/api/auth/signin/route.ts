import { z } from 'zod';
import { config } from '@/lib/config';
import { signIn } from '@/lib/auth/sign-in';
import { BODY_LIMITS, clientAddressOf, json, readJson, route } from '../../respond';
import { startSession } from '../../../session';

const bodySchema = z.object({
  username: z.string().max(200),
  password: z.string().max(1000),
});

/**
 * POST /api/auth/signin with { username, password }: sets the session cookies and answers
 * { username, role }; 401 for a wrong name or password, 429 (Retry-After) after repeated failures.
 */
export const POST = route('public', async (request, _context, { db }) => {
  const body = bodySchema.parse(await readJson(request, BODY_LIMITS.signIn));
  const session = await signIn(db, {
    ...body,
    client: clientAddressOf(request),
    sessionHours: config().sessionHours,
  });
  const response = json({ username: session.identity.username, role: session.identity.role });
  await startSession(request, response, session);
  return response;
});
