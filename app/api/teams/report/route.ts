import { teamReport } from '@/lib/org/report';
import { json, route } from '../../respond';

/** GET /api/teams/report?from=DATE&to=DATE: each team's volume, FTE and cost per month. */
export const GET = route('view', async (request, _context, { db }) =>
  json(await teamReport(db, Object.fromEntries(request.nextUrl.searchParams))),
);
