import { listKpiInputs, removeKpiInput, setKpiInput } from '@/lib/kpi/inputs';
import { json, route, readJson } from '../respond';

/** GET /api/inputs: the FTE and cost figures entered per period and team. */
export const GET = route('view', async (_request, _context, { db }) =>
  json({ inputs: await listKpiInputs(db) }),
);

/** POST /api/inputs with { from, to, team?, fte?, cost?, currency? }. */
export const POST = route('inputs', async (request, _context, { db, audit }) => {
  const body: unknown = await readJson(request);
  const input = await setKpiInput(db, body);
  await audit({ action: 'inputs.set', outcome: 'ok', target: JSON.stringify(input) });
  return json({ input }, { status: 201 });
});

/** DELETE /api/inputs?from=DATE&to=DATE&team=T: remove one period's figures. */
export const DELETE = route('inputs', async (request, _context, { db, audit }) => {
  const params = request.nextUrl.searchParams;
  const key = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    team: params.get('team') ?? '',
  };
  await removeKpiInput(db, key);
  await audit({ action: 'inputs.remove', outcome: 'ok', target: JSON.stringify(key) });
  return json({ removed: key });
});
