import { revokeSession } from '@/lib/auth/sessions';
import { json, route } from '../../respond';
import { endSession, SESSION_COOKIE, sessionTokenOf } from '../../../session';

/** POST /api/auth/signout: ends this session (revoked in the database, cookies cleared). */
export const POST = route('public', async (request, _context, { db, identity, audit }) => {
  const token = await sessionTokenOf(request.cookies.get(SESSION_COOKIE)?.value);
  if (token) {
    await revokeSession(db, token);
    if (identity) await audit({ action: 'sign_out', outcome: 'ok' });
  }
  const response = json({ signedOut: true });
  endSession(request, response);
  return response;
});
