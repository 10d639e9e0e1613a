import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { listTargets, setTarget } from '@/lib/benchmarks/targets';
import { assertSameOrigin, errorResponse, json } from '../respond';

/** GET /api/targets?kpi=ID: targets, optionally for one KPI. */
export async function GET(request: NextRequest) {
  try {
    const kpi = request.nextUrl.searchParams.get('kpi') ?? undefined;
    return json({ targets: await listTargets(await getServerDatabase(), kpi) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/targets with { kpi, value, dimension?, segment?, from?, to?, atRiskWithin? }. */
export async function POST(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const body: unknown = await request.json().catch(() => undefined);
    return json({ target: await setTarget(await getServerDatabase(), body) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
