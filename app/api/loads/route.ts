import { listLoads } from '@/lib/ingest/load/ledger';
import { json, route } from '../respond';

/** GET /api/loads: the load ledger, newest first. */
export const GET = route('view', async (_request, _context, { db }) =>
  json({ loads: await listLoads(db) }),
);
