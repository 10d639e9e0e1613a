import { getServerDatabase } from '@/lib/db/server';
import { listLoads } from '@/lib/ingest/ledger';
import { errorResponse, json } from '../respond';

/** GET /api/loads: the load ledger, newest first. */
export async function GET() {
  try {
    return json({ loads: await listLoads(await getServerDatabase()) });
  } catch (error) {
    return errorResponse(error);
  }
}
