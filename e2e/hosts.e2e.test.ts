/**
 * The front server against a page on another site, over loopback, on the default single-user
 * server (no users): DNS rebinding (Host and Origin of the attacker's name), forged forwarded
 * headers, oversized bodies, open redirects, invalid dates, and the script nonce of the content
 * security policy. Each request here succeeded, or answered 500, before these checks existed.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
let port: number;

beforeAll(async () => {
  app = await startApp();
  port = Number(new URL(app.url).port);
}, 600_000);
afterAll(async () => {
  await app?.stop();
});

/** A raw request, so that Host and the body can be anything (fetch sets Host itself). */
function raw(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | { chunk: Buffer; times: number };
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        setHost: !options.headers?.host,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf-8');
        response.on('data', (c: string) => (text += c));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, text }),
        );
      },
    );
    request.on('error', reject);
    const body = options.body;
    if (!body) return request.end();
    if (Buffer.isBuffer(body)) return request.end(body);
    // A chunked body: keep writing until the server answers or the body is sent.
    let sent = 0;
    let answered = false;
    request.on('response', () => (answered = true));
    const pump = () => {
      while (!answered && sent < body.times) {
        sent++;
        if (!request.write(body.chunk)) return void request.once('drain', pump);
      }
      request.end();
    };
    request.on('error', () => undefined);
    pump();
  });
}

const rebound = () => ({ host: `attacker.example:${port}` });

describe('a page on another site whose name was rebound to 127.0.0.1', () => {
  it('gets 421 for pages, the API and static files, before any route runs', async () => {
    for (const path of ['/', '/orders', '/admin', '/api/orders', '/api/users', '/api/loads'])
      expect((await raw({ path, headers: rebound() })).status, path).toBe(421);
    const created = await raw({
      method: 'POST',
      path: '/api/users',
      headers: {
        ...rebound(),
        origin: `http://${rebound().host}`,
        'content-type': 'application/json',
      },
      body: Buffer.from(
        JSON.stringify({ username: 'mallory', role: 'admin', password: 'x'.repeat(16) }),
      ),
    });
    expect(created.status).toBe(421);
    expect(created.text).toContain('does not answer for that host name');
    // And nothing was created: the server still runs without users.
    const users = await (await fetch(`${app.url}/api/users`)).json();
    expect(users.users).toEqual([]);
    // The loopback names of this port are answered.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await raw({ path: '/api/loads', headers: { host } })).status, host).toBe(200);
  });

  it('gets 403 for a state-changing request from another origin even with our Host', async () => {
    for (const origin of [`http://${rebound().host}`, `http://localhost:${port + 1}`, 'null']) {
      const response = await raw({
        method: 'POST',
        path: '/api/targets',
        headers: { origin, 'content-type': 'application/json' },
        body: Buffer.from('{}'),
      });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.text).code).toBe('forbidden_origin');
    }
  });
});

describe('forged forwarded headers', () => {
  it('do not change the client address the sign-in limits and the audit log see', async () => {
    const response = await raw({
      method: 'POST',
      path: '/api/auth/signin',
      headers: {
        origin: app.url,
        'content-type': 'application/json',
        'x-forwarded-for': '6.6.6.6',
        'x-orderlens-client': '7.7.7.7',
      },
      body: Buffer.from(JSON.stringify({ username: 'nobody', password: 'wrong password' })),
    });
    expect(response.status).toBe(401);
    const audit = await (await fetch(`${app.url}/api/audit?action=sign_in`)).json();
    expect(audit.entries[0]).toMatchObject({
      actor: 'nobody',
      outcome: 'failed',
      target: '127.0.0.1',
    });
  });
});

describe('bodies larger than an endpoint reads', () => {
  it('answer 413 to a 50 MB sign-in, declared or streamed, and the server does not grow by it', async () => {
    const before = serverRssMegabytes();
    const declared = await raw({
      method: 'POST',
      path: '/api/auth/signin',
      headers: { origin: app.url, 'content-type': 'application/json' },
      body: Buffer.alloc(50 * 1024 * 1024, 0x20),
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).code).toBe('body_too_large');
    const streamed = await raw({
      method: 'POST',
      path: '/api/auth/signin',
      headers: { origin: app.url, 'content-type': 'application/json' },
      body: { chunk: Buffer.alloc(1024 * 1024, 0x20), times: 50 },
    });
    expect(streamed.status).toBe(413);
    const after = serverRssMegabytes();
    console.log(`[hosts] server RSS ${before} MB before, ${after} MB after two 50 MB sign-ins`);
    expect(after - before).toBeLessThan(40);
  });
});

describe('values a page or link can carry', () => {
  it('answer 400 for dates that are not on the calendar, never 500', async () => {
    for (const from of ['2025-02-30', '2025-13-01', '9999-99-99']) {
      const api = await fetch(`${app.url}/api/kpis?kpis=order_fill_rate&from=${from}`);
      expect(api.status, from).toBe(400);
      expect((await api.json()).message).toContain('a calendar date as YYYY-MM-DD');
      const page = await fetch(`${app.url}/?from=${from}`);
      expect(page.status, `/?from=${from}`).toBeLessThan(500);
    }
  });

  it('return after signing in only to our own paths', async () => {
    for (const next of [
      '/%09/evil.example',
      '%0d%0aSet-Cookie:x=1',
      '/%E2%80%AEevil',
      '//evil.example',
    ]) {
      const response = await fetch(`${app.url}/signin?next=${next}`, { redirect: 'manual' });
      expect(response.status, next).toBeLessThan(500);
      // No users: the local admin is signed in already and is sent on, to the home page.
      expect(new URL(response.headers.get('location') ?? '/', app.url).href).toBe(`${app.url}/`);
    }
    const own = await fetch(`${app.url}/signin?next=%2Forders%3Fstatus%3Dopen`, {
      redirect: 'manual',
    });
    expect(own.headers.get('location')).toBe('/orders?status=open');
  });
});

describe('the content security policy', () => {
  it('allows scripts only with a fresh nonce, which every script of the page carries', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/kpis`);
      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy')!;
      const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src'))!;
      expect(scriptSrc).not.toContain('unsafe-inline');
      expect(scriptSrc).not.toContain('unsafe-eval');
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)![1]!;
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

/** Resident memory of the app's processes (start.mjs and the server), in MB. */
function serverRssMegabytes(): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(app.pid)], { encoding: 'utf-8' });
  const kb = out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0)
    .reduce((a, b) => a + b, 0);
  return Math.round(kb / 1024);
}
