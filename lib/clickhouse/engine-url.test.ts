import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OrderlensError } from '@/lib/errors';
import { describeEngine, parseEngineUrl, withPassword, type ClickHouseEngine } from './engine-url';

const PASSWORD = 's3cr3t-p@ss:w/rd?#%';
const ENCODED = encodeURIComponent(PASSWORD); // s3cr3t-p%40ss%3Aw%2Frd%3F%23%25

function clickhouse(value: string): ClickHouseEngine {
  const engine = parseEngineUrl(value);
  if (engine.kind !== 'clickhouse') throw new Error('expected a clickhouse engine');
  return engine;
}

/** The error of a value, checked to be an invalid_engine OrderlensError. */
function errorOf(value: string): OrderlensError {
  try {
    parseEngineUrl(value);
  } catch (error) {
    expect(error).toBeInstanceOf(OrderlensError);
    expect((error as OrderlensError).code).toBe('invalid_engine');
    return error as OrderlensError;
  }
  throw new Error(`expected ${value} to be refused`);
}

describe('parseEngineUrl', () => {
  it('reads absent, empty and duckdb as the embedded engine', () => {
    expect(parseEngineUrl(undefined)).toEqual({ kind: 'duckdb' });
    expect(parseEngineUrl('')).toEqual({ kind: 'duckdb' });
    expect(parseEngineUrl('  ')).toEqual({ kind: 'duckdb' });
    expect(parseEngineUrl('duckdb')).toEqual({ kind: 'duckdb' });
    expect(parseEngineUrl('DuckDB')).toEqual({ kind: 'duckdb' });
  });

  it('reads every part of a clickhouse URL, percent-decoding user and password', () => {
    const engine = clickhouse(
      `clickhouse://ana%20lyst:${ENCODED}@ch-1.example:9123/orderlens?cluster=main_2`,
    );
    expect(engine).toEqual({
      kind: 'clickhouse',
      httpUrl: 'http://ch-1.example:9123',
      host: 'ch-1.example',
      port: 9123,
      user: 'ana lyst',
      database: 'orderlens',
      cluster: 'main_2',
    });
    expect(engine.password).toBe(PASSWORD);
  });

  it('defaults the port to 8123, the user to default and the password to empty', () => {
    const engine = clickhouse('clickhouse://db.local/sales?cluster=c');
    expect(engine).toMatchObject({ httpUrl: 'http://db.local:8123', port: 8123, user: 'default' });
    expect(engine.password).toBe('');
    expect(clickhouse('clickhouse://bob@db.local/sales?cluster=c').user).toBe('bob');
  });

  it('takes an unencoded @ in the password (the last @ ends the user part)', () => {
    expect(clickhouse('clickhouse://u:p@ss@h:1/d?cluster=c').password).toBe('p@ss');
  });

  it('reads an IPv6 host', () => {
    expect(clickhouse('clickhouse://u:p@[::1]:8124/d?cluster=c').httpUrl).toBe('http://[::1]:8124');
  });

  it('reads the HTTP addresses of the shards, when given', () => {
    const engine = clickhouse('clickhouse://u:p@h:1/d?cluster=c&shards=h:1,10.0.0.2:8124,[::1]:9');
    expect(engine.shards).toEqual(['http://h:1', 'http://10.0.0.2:8124', 'http://[::1]:9']);
    expect(clickhouse('clickhouse://u:p@h:1/d?cluster=c').shards).toBeUndefined();
    expect(describeEngine(engine)).toBe(
      'clickhouse://u:***@h:1/d?cluster=c&shards=h:1,10.0.0.2:8124,[::1]:9',
    );
    expect(() => parseEngineUrl('clickhouse://u:p@h/d?cluster=c&shards=h')).toThrow(
      /shards\.0: must be host:port/,
    );
    expect(() => parseEngineUrl('clickhouse://u:p@h/d?cluster=c&shards=a:1&shards=b:2')).toThrow(
      /shards\.0: must be host:port/,
    );
  });

  it('keeps the password out of JSON, inspect and spreads', () => {
    const engine = clickhouse(`clickhouse://u:${ENCODED}@h:1/d?cluster=c`);
    expect(JSON.stringify(engine)).not.toContain('s3cr3t');
    expect(inspect(engine, { depth: 5 })).not.toContain('s3cr3t');
    expect(Object.keys(engine)).not.toContain('password');
    expect(Object.isFrozen(engine)).toBe(true);
    const copy = withPassword({ ...engine, host: 'other' }, engine.password);
    expect(copy.password).toBe(PASSWORD);
  });

  it.each([
    ['postgres://u:hunter2@h/d', /is a postgres: URL, not a clickhouse:\/\/ one/],
    ['hunter2', /is not a URL/],
    ['clickhouse:h/d?cluster=c', /lacks the \/\/ after clickhouse:/],
    ['clickhouse://u:hunter2@h:99999/d?cluster=c', /is not a valid URL/],
    ['clickhouse://u:hunter2@h:0/d?cluster=c', /port: must be 1 to 65535/],
    ['clickhouse://u:hunter2@h/d', /cluster: missing \(\?cluster=NAME, once\)/],
    ['clickhouse://u:hunter2@h/d?cluster=a&cluster=b', /cluster: missing/],
    [
      'clickhouse://u:hunter2@h/?cluster=c',
      /database: missing \(the path of the URL: \/database\)/,
    ],
    ['clickhouse://u:hunter2@h/sales-eu?cluster=c', /database: must be letters, digits and _/],
    ['clickhouse://u:hunter2@h/d?cluster=9x', /cluster: must be letters, digits and _/],
    [
      'clickhouse://u:hunter2@h/d?cluster=c&secure=1',
      /options: only `cluster` and `shards` are understood/,
    ],
    ['clickhouse://u:p@h/d?cluster=c#hunter2', /a # ends the URL early/],
    ['clickhouse://u:hunt#er2@h/d?cluster=c', /is not a valid URL \(percent-encode .* # .* %23/],
    ['clickhouse://u:hunter2%zz@h/d?cluster=c', /a password that is not valid percent-encoding/],
    ['clickhouse://u:hunter2@/d?cluster=c', /is not a valid URL|host: missing/],
  ])('refuses %s, naming what is wrong and never the password', (value, message) => {
    const error = errorOf(value);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/It must be `duckdb` or `clickhouse:\/\/user:password@host:port/);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('hunt');
    expect(JSON.stringify(error.problems)).not.toContain('hunt');
  });

  it('locates each problem of a URL with several', () => {
    const error = errorOf('clickhouse://u:p@h/1db?cluster=2c&x=1');
    expect(error.problems.map((p) => p.path)).toEqual(['database', 'cluster', 'options']);
  });
});

describe('describeEngine', () => {
  it('masks the password', () => {
    const url = `clickhouse://ana:${ENCODED}@127.0.0.1:35975/orderlens?cluster=orderlens`;
    expect(describeEngine(url)).toBe(
      'clickhouse://ana:***@127.0.0.1:35975/orderlens?cluster=orderlens',
    );
    expect(describeEngine(parseEngineUrl(url))).toBe(describeEngine(url));
  });

  it('shows no mask without a password, encodes the user, and names the embedded engine', () => {
    expect(describeEngine('clickhouse://a%40b@h/d?cluster=c')).toBe(
      'clickhouse://a%40b@h:8123/d?cluster=c',
    );
    expect(describeEngine(undefined)).toBe('duckdb (embedded database file)');
    expect(describeEngine({ kind: 'duckdb' })).toBe('duckdb (embedded database file)');
  });
});
