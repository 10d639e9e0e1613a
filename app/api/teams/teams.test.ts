/**
 * Teams over HTTP, as the loopback server's local user: a team added with a role and a rule, listed,
 * reported on, each change audited; bad input answered with the field named; removal.
 */
import { NextRequest } from 'next/server';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import { getServerDatabase } from '@/runtime/database';

freshServerData('orderlens-teams-');

const request = (url: string, method = 'GET', body?: unknown) =>
  new NextRequest(new URL(url, 'http://127.0.0.1'), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin: 'http://127.0.0.1', host: '127.0.0.1', 'content-type': 'application/json' },
  });
const context = (id: string) => ({ params: Promise.resolve({ id }) });

describe('teams over HTTP', () => {
  it('adds a team, its role and rule; lists, reports and removes them', async () => {
    const { GET, POST } = await import('./route');
    const { DELETE } = await import('./[id]/route');
    const roles = await import('./[id]/roles/route');
    const rules = await import('./[id]/rules/route');
    const report = await import('./report/route');

    const added = await POST(
      request('/api/teams', 'POST', { name: 'Web desk', function: 'order_entry' }),
    );
    expect(added.status).toBe(201);
    const { team } = (await added.json()) as { team: { id: string } };
    const twin = await POST(
      request('/api/teams', 'POST', { name: 'web desk', function: 'credit' }),
    );
    expect(twin.status).toBe(422);
    expect(await twin.json()).toMatchObject({
      code: 'invalid_team',
      problems: [{ path: 'name', message: 'There is already a team named "web desk".' }],
    });
    const badFunction = await POST(request('/api/teams', 'POST', { name: 'X', function: 'sales' }));
    expect(badFunction.status).toBe(400);

    const role = await roles.POST(
      request('/', 'POST', { title: 'Clerk', fte: 2, from: '2024-01-01', to: '2024-12-31' }),
      context(team.id),
    );
    expect(role.status).toBe(201);
    const reversed = await roles.POST(
      request('/', 'POST', { title: 'Clerk', fte: 2, from: '2024-02-01', to: '2024-01-01' }),
      context(team.id),
    );
    expect(reversed.status).toBe(400);
    const rule = await rules.POST(
      request('/', 'POST', { dimension: 'channel', value: 'web' }),
      context(team.id),
    );
    expect(rule.status).toBe(201);
    const unknownTeam = await rules.POST(
      request('/', 'POST', { dimension: 'channel', value: 'web' }),
      context('no-such-team'),
    );
    expect(unknownTeam.status).toBe(404);

    const org = (await (await GET(request('/api/teams'))).json()) as {
      teams: unknown[];
      roles: { id: string; fte: number }[];
      rules: { id: string; priority: number }[];
    };
    expect(org.teams).toHaveLength(1);
    expect(org.roles).toMatchObject([{ fte: 2 }]);
    expect(org.rules).toMatchObject([{ priority: 100 }]);
    const answered = await report.GET(request('/api/teams/report?from=2024-01-01&to=2024-01-31'));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      months: ['2024-01'],
      functions: [{ function: 'order_entry', teams: [{ team: { name: 'Web desk' } }] }],
    });
    expect((await report.GET(request('/api/teams/report?from=2024-13-01'))).status).toBe(400);

    const ruleGone = await rules.DELETE(
      request(`/?rule=${org.rules[0]!.id}`, 'DELETE'),
      context(team.id),
    );
    expect(ruleGone.status).toBe(200);
    const roleGone = await roles.DELETE(
      request(`/?role=${org.roles[0]!.id}`, 'DELETE'),
      context(team.id),
    );
    expect(roleGone.status).toBe(200);
    expect((await DELETE(request('/', 'DELETE'), context(team.id))).status).toBe(200);
    expect((await DELETE(request('/', 'DELETE'), context(team.id))).status).toBe(404);
    const actions = (await listAudit(await getServerDatabase(), { limit: 20 })).map(
      (e) => `${e.action} ${e.outcome}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'teams.save ok',
        'teams.role_add ok',
        'teams.rule_add ok',
        'teams.rule_remove ok',
        'teams.role_remove ok',
        'teams.remove ok',
      ]),
    );
  });
});
