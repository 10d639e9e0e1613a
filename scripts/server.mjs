#!/usr/bin/env node
// The front server: answers HTTP on HOST:PORT and hands each request to Next, after three checks
// that must come before any route or page runs (lib/http/request-policy.ts):
// - a Host that is not one of ours gets 421 (a rebound DNS name pointing at 127.0.0.1);
// - forwarded headers are dropped unless ORDERLENS_TRUST_PROXY says a proxy sets them, and the
//   client's address goes to the app in x-orderlens-client, replacing whatever a client sent;
// - every response gets a content security policy with a fresh script nonce.
// `node scripts/server.mjs` serves the built app; `--dev` runs Next's development server.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

// The web app reads its KPIs from the embedded database only (issue 18 builds the rest): on a
// ClickHouse engine it would show the embedded tables as if they were the cluster's. Refuse at
// once, before listening, rather than answer every page with an error (runtime/database.ts
// refuses too, for a server started another way).
if (/^\s*clickhouse:/i.test(process.env.ORDERLENS_ENGINE ?? '')) {
  console.error(
    '[orderlens] ORDERLENS_ENGINE names a ClickHouse cluster; the web app does not read KPIs from ClickHouse yet (only orderlens ingest, loads and undo do). Start the server without ORDERLENS_ENGINE.',
  );
  process.exit(1);
}
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
process.env.HOST = host;
process.env.PORT = String(port);
process.env.ORDERLENS_FRONT_SERVER = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

const policyModule = await tsImport('../lib/http/request-policy.ts', import.meta.url);
const cspModule = await tsImport('../lib/http/csp.ts', import.meta.url);
const { requestPolicy, isAllowedHost, requestedHost, clientAddress, CLIENT_HEADER } = policyModule;
const { FORWARDED_HEADERS } = policyModule;
const { contentSecurityPolicy, newNonce } = cspModule;

let policy;
try {
  policy = requestPolicy({
    listenHost: host,
    port,
    allowedHosts: process.env.ORDERLENS_ALLOWED_HOSTS,
    trustProxy: process.env.ORDERLENS_TRUST_PROXY,
  });
} catch (error) {
  console.error(`[orderlens] ${error.message}`);
  process.exit(2);
}

const { default: next } = await import('next');
const app = next({ dev, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const headersOf = (req) => ({ get: (name) => req.headers[name] ?? null });
const server = http.createServer((req, res) => {
  if (!isAllowedHost(policy, requestedHost(policy, headersOf(req)))) {
    res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end(
      'This server does not answer for that host name. Open it by one of its own names ' +
        '(localhost), or list the name in ORDERLENS_ALLOWED_HOSTS.\n',
    );
    return;
  }
  const forwardedFor = req.headers['x-forwarded-for'];
  if (!policy.trustedProxies) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers[CLIENT_HEADER] = clientAddress(
    policy,
    req.socket.remoteAddress,
    policy.trustedProxies ? forwardedFor : undefined,
  );
  const csp = contentSecurityPolicy(newNonce(), dev);
  // Next reads the nonce from the request's policy and sets it on the scripts it renders.
  req.headers['content-security-policy'] = csp;
  res.setHeader('Content-Security-Policy', csp);
  handle(req, res).catch((error) => {
    console.error('[orderlens] request failed:', error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, host, () => {
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`[orderlens] ready on http://${shown}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
