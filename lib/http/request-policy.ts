/**
 * Which requests the server answers at all: the Host a request names, the Origin a state-changing
 * request comes from, and the client address the sign-in limits key on. Pure (no Next, no
 * server-only), because the front server (scripts/server.mjs) applies it before Next sees a
 * request, and route handlers apply it again behind it.
 *
 * Why a Host allowlist: a page on another site can rebind its own DNS name to 127.0.0.1; the
 * browser then sends `Host: attacker.example:3000` to our loopback server, and an Origin of the
 * same name. Comparing Origin with Host proves nothing; comparing both with names we chose does.
 */
import os from 'node:os';
// A relative path: the front server (scripts/server.mjs) imports this file with tsx, before Next.
import { OrderlensError } from '../errors';

/** Set by the front server on every request to the client's address (any value sent is replaced). */
export const CLIENT_HEADER = 'x-orderlens-client';

/** Headers a client could forge to pass as someone else, dropped unless a trusted proxy sets them. */
export const FORWARDED_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
];

export interface RequestPolicy {
  /** Lower-case `host[:port]` values accepted in the Host header (port omitted when default). */
  hosts: ReadonlySet<string>;
  /** Serialised origins (scheme, host, port) accepted in the Origin header. */
  origins: ReadonlySet<string>;
  /** Proxies trusted in front of the server: 0 = none (forwarded headers are ignored). */
  trustedProxies: number;
}

export interface PolicySettings {
  /** The listen address (HOST). */
  listenHost: string;
  /** The listen port (PORT). */
  port: number;
  /** ORDERLENS_ALLOWED_HOSTS: comma-separated `host[:port]` or full origins. */
  allowedHosts?: string;
  /** ORDERLENS_TRUST_PROXY: 0/false (default), 1/true, or the number of proxies in front. */
  trustProxy?: string;
}

/** ORDERLENS_ALLOWED_HOSTS or ORDERLENS_TRUST_PROXY does not parse. */
export class PolicySettingError extends OrderlensError {
  constructor(message: string) {
    super(message, 'invalid_setting');
  }
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);

/** The policy for a server listening on `listenHost:port`. */
export function requestPolicy(
  settings: PolicySettings,
  addresses = localAddresses(),
): RequestPolicy {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const addHost = (name: string, port: number) => {
    for (const scheme of ['http:', 'https:']) {
      const url = parseUrl(`${scheme}//${name}:${port}`);
      if (!url) throw new PolicySettingError(`"${name}" is not a host name or address`);
      origins.add(url.origin);
      hosts.add(url.host);
    }
  };
  for (const name of LOOPBACK_NAMES) addHost(name, settings.port);
  const listen = bracketed(settings.listenHost.trim().toLowerCase());
  // An address literal cannot be rebound by DNS: a browser sends it as Host only when it is
  // talking to this server. Names beyond loopback must be listed (a proxy's public name, say).
  if (ANY_ADDRESS.has(listen)) for (const address of addresses) addHost(address, settings.port);
  else if (isAddressLiteral(listen)) addHost(listen, settings.port);
  for (const entry of (settings.allowedHosts ?? '').split(',').map((s) => s.trim())) {
    if (!entry) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
      const url = parseUrl(entry);
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/')
        throw new PolicySettingError(
          `ORDERLENS_ALLOWED_HOSTS: "${entry}" is not an origin like https://orders.example.com`,
        );
      origins.add(url.origin);
      hosts.add(url.host);
    } else {
      const url = parseUrl(`http://${entry}`);
      if (!url || url.host !== entry.toLowerCase().replace(/:80$/, ''))
        throw new PolicySettingError(
          `ORDERLENS_ALLOWED_HOSTS: "${entry}" is not a host like orders.example.com:3000`,
        );
      const port = url.port ? Number(url.port) : undefined;
      if (port === undefined) {
        // A bare name: the name on our port, and behind a proxy on the default ports.
        addHost(url.hostname, settings.port);
        addHost(url.hostname, 80);
        addHost(url.hostname, 443);
      } else addHost(url.hostname, port);
    }
  }
  return { hosts, origins, trustedProxies: trustedProxyCount(settings.trustProxy) };
}

function trustedProxyCount(value: string | undefined): number {
  if (value === undefined || value === '' || value === '0' || value === 'false') return 0;
  if (value === 'true') return 1;
  if (/^[1-9]$/.test(value)) return Number(value);
  throw new PolicySettingError(
    `ORDERLENS_TRUST_PROXY must be 0, 1 (one proxy in front) or the number of proxies, not "${value}"`,
  );
}

/** Whether a Host header names this server (compared lower-case, default ports folded). */
export function isAllowedHost(policy: RequestPolicy, host: string | null | undefined): boolean {
  if (!host) return false;
  const url = parseUrl(`http://${host}`);
  return !!url && url.host === host.toLowerCase().replace(/:80$/, '') && policy.hosts.has(url.host);
}

/** Whether an Origin header is one of ours, scheme and port included. */
export function isAllowedOrigin(policy: RequestPolicy, origin: string | null | undefined): boolean {
  if (!origin || origin === 'null') return false;
  const url = parseUrl(origin);
  return !!url && url.origin === origin.toLowerCase() && policy.origins.has(url.origin);
}

/**
 * The host a request is addressed to: Host, or X-Forwarded-Host when a trusted proxy set it (the
 * proxy's own entry: the last value).
 */
export function requestedHost(
  policy: RequestPolicy,
  headers: { get(name: string): string | null },
): string | null {
  const forwarded = policy.trustedProxies
    ? headers.get('x-forwarded-host')?.split(',').at(-1)?.trim()
    : undefined;
  return forwarded || headers.get('host');
}

/**
 * The client's address: the TCP peer, or with N trusted proxies the address the Nth proxy from us
 * saw (read from the right of X-Forwarded-For, since every proxy appends; entries further left
 * are the client's word and cannot be trusted).
 */
export function clientAddress(
  policy: RequestPolicy,
  peer: string | undefined,
  forwardedFor: string | null | undefined,
): string {
  const chain = [
    peer ?? 'unknown',
    ...(forwardedFor ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse(),
  ];
  return normaliseAddress(chain[Math.min(policy.trustedProxies, chain.length - 1)]!);
}

function normaliseAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').slice(0, 64);
}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => !!info)
    .map((info) => (info!.family === 'IPv6' ? `[${info!.address.split('%')[0]}]` : info!.address));
}

function isAddressLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:.]+\]$/.test(host);
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
