import type { NextRequest } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { listKpiInputs, removeKpiInput, setKpiInput } from '@/lib/kpi/inputs';
import { assertSameOrigin, errorResponse, json } from '../respond';

/** GET /api/inputs: the FTE and cost figures entered per period and team. */
export async function GET() {
  try {
    return json({ inputs: await listKpiInputs(await getServerDatabase()) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/inputs with { from, to, team?, fte?, cost?, currency? }. */
export async function POST(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const body: unknown = await request.json().catch(() => undefined);
    return json({ input: await setKpiInput(await getServerDatabase(), body) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/inputs?from=DATE&to=DATE&team=T: remove one period's figures. */
export async function DELETE(request: NextRequest) {
  try {
    assertSameOrigin(request);
    const params = request.nextUrl.searchParams;
    const key = {
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      team: params.get('team') ?? '',
    };
    await removeKpiInput(await getServerDatabase(), key);
    return json({ removed: key });
  } catch (error) {
    return errorResponse(error);
  }
}
