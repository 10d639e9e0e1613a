import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OrderlensError } from '@/lib/errors';
import { ClickHouseError, errorOfConnection, errorOfResponse, serverCodeOf } from './errors';

/** An 18.16 answer, with SQL and a shard's address in it, as the server writes them. */
const BODY_60 =
  "Code: 60, e.displayText() = DB::Exception: Received from 127.0.0.1:45515. DB::Exception: Table orderlens.secret_table doesn't exist.., e.what() = DB::Exception\n";

describe('serverCodeOf', () => {
  it('reads the code of 18.16 and of newer releases', () => {
    expect(serverCodeOf(BODY_60)).toBe(60);
    expect(serverCodeOf('Code: 62. DB::Exception: Syntax error … (SYNTAX_ERROR)')).toBe(62);
    expect(serverCodeOf('whatever', '159')).toBe(159);
    expect(serverCodeOf('Bad Gateway')).toBeUndefined();
  });
});

describe('errorOfResponse', () => {
  it('keeps the SQL, host and port out of the message and the server text aside', () => {
    const error = errorOfResponse(404, BODY_60);
    expect(error).toBeInstanceOf(ClickHouseError);
    expect(error).toBeInstanceOf(OrderlensError);
    expect(error.message).toBe(
      'A table Orderlens needs is missing on ClickHouse (set up the schema on every shard) (error 60).',
    );
    expect(error).toMatchObject({ code: 'engine_failed', serverCode: 60, httpStatus: 404 });
    expect(error.serverText).toBe(BODY_60);
    expect(Object.keys(error)).not.toContain('serverText');
    expect(JSON.stringify(error)).not.toContain('secret_table');
    expect(inspect(error)).not.toContain('secret_table');
  });

  it('gives memory, authentication and shard failures their own advice', () => {
    expect(
      errorOfResponse(500, 'Code: 241, e.displayText() = DB::Exception: Memory limit'),
    ).toMatchObject({
      code: 'out_of_memory',
      message: 'The query ran out of memory on ClickHouse (error 241).',
    });
    expect(
      errorOfResponse(
        401,
        'Code: 193, e.displayText() = DB::Exception: Wrong password for user orderlens',
      ).message,
    ).toBe('ClickHouse refused the password of ORDERLENS_ENGINE (error 193).');
    expect(
      errorOfResponse(
        500,
        'Code: 279, e.displayText() = DB::NetException: All connection tries failed',
      ),
    ).toMatchObject({
      code: 'engine_unreachable',
    });
  });

  it('names only the code of other errors, and the status when there is no code', () => {
    expect(
      errorOfResponse(400, "Code: 62, e.displayText() = DB::Exception: Syntax error: SELECT 'x")
        .message,
    ).toBe('ClickHouse could not run the statement (error 62).');
    expect(errorOfResponse(502, '<html>proxy</html>').message).toBe(
      'ClickHouse answered HTTP 502 without an error code.',
    );
  });
});

describe('errorOfConnection', () => {
  const where = { host: '10.0.0.5', port: 8123 };

  it('says the server does not answer, and why', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8123'), {
        code: 'ECONNREFUSED',
      }),
    });
    const error = errorOfConnection(refused, where, 30_000);
    expect(error.message).toBe(
      'ClickHouse at 10.0.0.5:8123 does not answer (the connection was refused).',
    );
    expect(error.code).toBe('engine_unreachable');
    expect(error.serverText).toContain('ECONNREFUSED');

    const unknown = new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    expect(errorOfConnection(unknown, where, 1).message).toMatch(/the host name is unknown/);
  });

  it('says how long it waited when the request timed out', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(errorOfConnection(timeout, where, 30_000).message).toBe(
      'ClickHouse at 10.0.0.5:8123 did not answer within 30 s.',
    );
  });
});
