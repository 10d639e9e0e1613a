import { auditQuerySchema, listAudit, verifyAuditChain } from '@/lib/auth/audit';
import { json, route } from '../respond';

/** GET /api/audit?action=&actor=&outcome=&limit=&before=: audit entries, newest first, and whether the chain holds. */
export const GET = route('audit', async (request, _context, { db }) => {
  const query = auditQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const [entries, chain] = await Promise.all([listAudit(db, query), verifyAuditChain(db)]);
  return json({ entries, chain });
});
