import { z } from 'zod';
import { config } from '@/lib/config';
import { signIn } from '@/lib/auth/sign-in';
import { json, route } from '../../respond';
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
  const body = bodySchema.parse(await request.json().catch(() => undefined));
  const session = await signIn(db, {
    ...body,
    client: clientOf(request),
    sessionHours: config().sessionHours,
  });
  const response = json({ username: session.identity.username, role: session.identity.role });
  await startSession(request, response, session);
  return response;
});

/** The client's address as the proxy in front (or Next itself) reports it, for rate limiting. */
function clientOf(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || 'unknown';
}
