/**
 * The route handlers' own checks, behind the front server (which refuses foreign hosts first):
 * DNS rebinding against the single-user loopback server, the first user's setup code, bodies
 * larger than an endpoint reads, and dates that are not on the calendar.
 */
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshServerData, loadKpiFixtures } from '@/test/server-env';

freshServerData('orderlens-edges-');
beforeAll(loadKpiFixtures);

const ours = 'http://127.0.0.1';
const evil = 'http://attacker.example';
const newAdmin = { username: 'mallory', role: 'admin', password: 'a long enough passphrase' };

function post(path: string, body: BodyInit, headers: Record<string, string>) {
  return new NextRequest(new URL(path, ours), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half', // a stream body, as a client sends it
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe('a rebound DNS name against the loopback server without users', () => {
  it('cannot read or create: 421 for its Host, 403 for its Origin', async () => {
    const { GET, POST } = await import('./users/route');
    const { GET: orders } = await import('./orders/route');
    const read = await orders(
      new NextRequest(new URL('/api/orders', ours), { headers: { host: 'attacker.example' } }),
    );
    expect(read.status).toBe(421);
    expect((await read.json()).code).toBe('misdirected_request');
    // The request of the finding: Host and Origin of the attacker's name, which agree.
    const both = await POST(
      post('/api/users', JSON.stringify(newAdmin), { host: 'attacker.example', origin: evil }),
    );
    expect(both.status).toBe(421);
    // With our Host (a proxy in front that passes Host through), the Origin still decides.
    const origin = await POST(
      post('/api/users', JSON.stringify(newAdmin), { host: '127.0.0.1', origin: evil }),
    );
    expect(origin.status).toBe(403);
    expect((await origin.json()).code).toBe('forbidden_origin');
    const list = await GET(new NextRequest(new URL('/api/users', ours)));
    expect((await list.json()).users).toEqual([]);
  });
});

describe('bodies larger than an endpoint reads', () => {
  const big = 50 * 1024 * 1024;

  it('answers 413 to a declared 50 MB sign-in before reading it', async () => {
    const { POST } = await import('./auth/signin/route');
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const response = await POST(
      post('/api/auth/signin', body, {
        host: '127.0.0.1',
        origin: ours,
        'content-length': String(big),
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      message: 'The request body is larger than this endpoint accepts (4 KB).',
      code: 'body_too_large',
    });
    expect(pulled).toBeLessThanOrEqual(2); // what the stream buffers ahead, not 50 chunks
  });

  it('stops reading a streamed body at the limit', async () => {
    const { POST } = await import('./targets/route');
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 50) controller.close();
        else controller.enqueue(new TextEncoder().encode(' '.repeat(1024 * 1024)));
      },
    });
    const response = await POST(post('/api/targets', body, { host: '127.0.0.1', origin: ours }));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(5);
  });
});

describe('dates that are not on the calendar', () => {
  it('answer 400 with the reason, not 500', async () => {
    const { GET } = await import('./kpis/route');
    const { GET: detail } = await import('./kpis/[id]/route');
    for (const from of ['2025-02-30', '2025-13-01', '9999-99-99']) {
      const response = await GET(new NextRequest(new URL(`/api/kpis?from=${from}`, ours)));
      expect(response.status, from).toBe(400);
      expect((await response.json()).message).toBe(
        'Invalid request: filters.from: a calendar date as YYYY-MM-DD (for example 2025-03-31)',
      );
      const one = await detail(
        new NextRequest(new URL(`/api/kpis/order_fill_rate?to=${from}`, ours)),
        { params: Promise.resolve({ id: 'order_fill_rate' }) },
      );
      expect(one.status, from).toBe(400);
    }
  });
});

// Last: once a user exists, every handler asks for sign-in.
describe('the first user', () => {
  it('needs the setup code from the server log for the first user, even from our own origin', async () => {
    const { POST } = await import('./users/route');
    const { firstUserSetupCode } = await import('@/lib/auth/setup-code');
    const headers = { host: '127.0.0.1', origin: ours };
    const refused = await POST(post('/api/users', JSON.stringify(newAdmin), headers));
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain('setup code');
    const wrong = await POST(
      post('/api/users', JSON.stringify({ ...newAdmin, setupCode: 'ABCD-EFGH-JKLM' }), headers),
    );
    expect(wrong.status).toBe(403);
    const code = firstUserSetupCode().toLowerCase().replaceAll('-', ' ');
    const created = await POST(
      post(
        '/api/users',
        JSON.stringify({ ...newAdmin, username: 'owner', setupCode: code }),
        headers,
      ),
    );
    expect(created.status).toBe(201);
    expect((await created.json()).user).toMatchObject({ username: 'owner', role: 'admin' });
  });
});
