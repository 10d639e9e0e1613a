import { listTargets, setTarget } from '@/lib/benchmarks/targets';
import { json, route, readJson } from '../respond';

/** GET /api/targets?kpi=ID: targets, optionally for one KPI. */
export const GET = route('view', async (request, _context, { db }) => {
  const kpi = request.nextUrl.searchParams.get('kpi') ?? undefined;
  return json({ targets: await listTargets(db, kpi) });
});

/** POST /api/targets with { kpi, value, dimension?, segment?, from?, to?, atRiskWithin? }. */
export const POST = route('targets', async (request, _context, { db, audit }) => {
  const body: unknown = await readJson(request);
  const target = await setTarget(db, body);
  await audit({ action: 'targets.set', outcome: 'ok', target: JSON.stringify(target) });
  return json({ target }, { status: 201 });
});
