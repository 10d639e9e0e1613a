import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  isAllowedHost,
  isAllowedOrigin,
  PolicySettingError,
  requestedHost,
  requestPolicy,
} from './request-policy';

const loopback = requestPolicy({ listenHost: '127.0.0.1', port: 3000 }, []);
const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name] ?? null,
});

describe('the Host a request names', () => {
  it('accepts the loopback names on the listening port, and nothing a page could rebind', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000', '[::1]:3000'])
      expect(isAllowedHost(loopback, host), host).toBe(true);
    for (const host of [
      'attacker.example:3000', // DNS rebinding: the attacker's name resolved to 127.0.0.1
      'attacker.example',
      'localhost.attacker.example:3000',
      '127.0.0.1:3001', // another port is another origin
      '127.0.0.1',
      'localhost',
      '127.1:3000', // a shorthand a URL parser would fold into 127.0.0.1
      'user@127.0.0.1:3000',
      '127.0.0.1:3000/path',
      '',
    ])
      expect(isAllowedHost(loopback, host), host).toBe(false);
    expect(isAllowedHost(loopback, null)).toBe(false);
  });

  it('adds the listen address and the names in ORDERLENS_ALLOWED_HOSTS', () => {
    const lan = requestPolicy(
      {
        listenHost: '0.0.0.0',
        port: 8080,
        allowedHosts: 'orders.acme.example, https://lens.acme.example, intranet:9000',
      },
      ['192.168.1.20', '[fe80::1]'],
    );
    for (const host of [
      '192.168.1.20:8080',
      '[fe80::1]:8080',
      'orders.acme.example:8080',
      'orders.acme.example', // behind a proxy on port 80
      'orders.acme.example:443',
      'lens.acme.example',
      'intranet:9000',
      'localhost:8080',
    ])
      expect(isAllowedHost(lan, host), host).toBe(true);
    for (const host of ['intranet:8080', '192.168.1.21:8080', 'lens.acme.example:8080'])
      expect(isAllowedHost(lan, host), host).toBe(false);
    expect(() =>
      requestPolicy({ listenHost: '127.0.0.1', port: 3000, allowedHosts: 'ftp://x.example' }, []),
    ).toThrow(PolicySettingError);
    expect(() =>
      requestPolicy({ listenHost: '127.0.0.1', port: 3000, allowedHosts: 'a b.example' }, []),
    ).toThrow('ORDERLENS_ALLOWED_HOSTS');
  });

  it('reads X-Forwarded-Host only from a trusted proxy', () => {
    const sent = headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'attacker.example' });
    expect(requestedHost(loopback, sent)).toBe('127.0.0.1:3000');
    const proxied = requestPolicy(
      { listenHost: '127.0.0.1', port: 3000, trustProxy: '1', allowedHosts: 'lens.example' },
      [],
    );
    expect(requestedHost(proxied, sent)).toBe('attacker.example');
    expect(isAllowedHost(proxied, requestedHost(proxied, sent))).toBe(false);
    expect(
      requestedHost(proxied, headers({ host: 'x', 'x-forwarded-host': 'evil, lens.example' })),
    ).toBe('lens.example');
  });
});

describe('the Origin of a state-changing request', () => {
  it('must be one of our origins, scheme and port included, whatever Host the request claims', () => {
    expect(isAllowedOrigin(loopback, 'http://127.0.0.1:3000')).toBe(true);
    expect(isAllowedOrigin(loopback, 'http://localhost:3000')).toBe(true);
    expect(isAllowedOrigin(loopback, 'http://[::1]:3000')).toBe(true);
    for (const origin of [
      'http://attacker.example:3000', // same as a rebound Host: still not ours
      'http://localhost:8080', // another local service
      'http://127.0.0.1',
      'null',
      'http://127.0.0.1:3000/',
      'file://',
      '',
    ])
      expect(isAllowedOrigin(loopback, origin), origin).toBe(false);
    expect(isAllowedOrigin(loopback, null)).toBe(false);
    const tls = requestPolicy(
      { listenHost: '127.0.0.1', port: 3000, allowedHosts: 'https://lens.example' },
      [],
    );
    expect(isAllowedOrigin(tls, 'https://lens.example')).toBe(true);
    expect(isAllowedOrigin(tls, 'http://lens.example')).toBe(false);
  });
});

describe('the client address', () => {
  it('is the TCP peer unless proxies are trusted, and then read from the right of the chain', () => {
    expect(clientAddress(loopback, '::ffff:10.0.0.5', '1.2.3.4')).toBe('10.0.0.5');
    expect(clientAddress(loopback, '127.0.0.1', undefined)).toBe('127.0.0.1');
    const one = requestPolicy({ listenHost: '127.0.0.1', port: 3000, trustProxy: 'true' }, []);
    // The client wrote "6.6.6.6"; the proxy appended the address it saw.
    expect(clientAddress(one, '127.0.0.1', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress(one, '127.0.0.1', undefined)).toBe('127.0.0.1');
    const two = requestPolicy({ listenHost: '127.0.0.1', port: 3000, trustProxy: '2' }, []);
    expect(clientAddress(two, '10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    expect(() => requestPolicy({ listenHost: 'x', port: 1, trustProxy: 'yes' }, [])).toThrow(
      'ORDERLENS_TRUST_PROXY',
    );
  });
});
