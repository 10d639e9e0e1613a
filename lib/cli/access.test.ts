/**
 * The CLI asks lib/auth like the web does: no users, the local user may do anything; once users
 * exist, ORDERLENS_USER and ORDERLENS_PASSWORD say who runs a command, and each role runs exactly
 * the commands its permissions allow. Every command that touches the database is in the matrix.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '@/lib/auth/roles';
import { main } from './main';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);
const PASSWORD = 'a long enough passphrase';
let db: string;

async function run(args: string[], as?: string) {
  const out: string[] = [];
  const err: string[] = [];
  if (as) {
    process.env.ORDERLENS_USER = as;
    process.env.ORDERLENS_PASSWORD = PASSWORD;
  }
  try {
    const code = await main([...args, '--db', db], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    delete process.env.ORDERLENS_USER;
    delete process.env.ORDERLENS_PASSWORD;
  }
}

const COMMANDS: { args: string[]; permission: Permission }[] = [
  { args: ['loads'], permission: 'view' },
  { args: ['kpis', '--kpis', 'order_fill_rate'], permission: 'view' },
  { args: ['practices', 'order_fill_rate'], permission: 'view' },
  { args: ['returns', 'backlog', '--as-of', '2024-01-07'], permission: 'view' },
  {
    args: ['explain', 'order_fill_rate', '--by=site', '--from=2024-01-01', '--to=2024-01-31'],
    permission: 'view',
  },
  { args: ['inputs', 'list'], permission: 'view' },
  { args: ['teams', 'list'], permission: 'view' },
  { args: ['teams', 'report', '--from', '2024-01-01', '--to', '2024-01-31'], permission: 'view' },
  { args: ['teams', 'add', 'Web desk', '--function', 'order_entry'], permission: 'inputs' },
  {
    args: [
      ...['teams', 'role', 'nosuchteam', '--title', 'Clerk', '--fte', '1'],
      ...['--from', '2024-01-01', '--to', '2024-01-31'],
    ],
    permission: 'inputs',
  },
  { args: ['teams', 'rule', 'nosuchteam', '--by', 'site', '--value', 'DC1'], permission: 'inputs' },
  { args: ['teams', 'remove', 'nosuchteam'], permission: 'inputs' },
  { args: ['calendar'], permission: 'view' },
  { args: ['calendar', 'set', '--cutoff', '14:00', '--site', 'DC-North'], permission: 'inputs' },
  { args: ['organisation'], permission: 'view' },
  { args: ['organisation', 'set', '--industry', 'retail'], permission: 'settings' },
  {
    args: ['inputs', 'set', '--from', '2024-01-01', '--to', '2024-01-31', '--fte', '3'],
    permission: 'inputs',
  },
  {
    args: ['inputs', 'remove', '--from', '2024-01-01', '--to', '2024-01-31'],
    permission: 'inputs',
  },
  {
    args: [
      'ingest',
      fixture('flat-small.csv'),
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--dry-run',
    ],
    permission: 'upload',
  },
  { args: ['undo', '999'], permission: 'undo' },
  { args: ['demo', 'remove'], permission: 'undo' },
  {
    args: [
      'report',
      '--format',
      'csv',
      '--out',
      path.join(os.tmpdir(), 'orderlens-cli-report.csv'),
    ],
    permission: 'export',
  },
  {
    // One folder for every run: the first allowed run writes it, later ones are refused as not
    // empty (not as denied); a role without the permission is denied before DIR is looked at.
    args: ['export', '--parquet', path.join(os.tmpdir(), `orderlens-cli-export-${process.pid}`)],
    permission: 'export',
  },
  { args: ['inbox', 'list'], permission: 'upload' },
  {
    args: ['inbox', 'run', '--dir', path.join(os.tmpdir(), 'orderlens-no-such-inbox')],
    permission: 'upload',
  },
  { args: ['profiles', 'list'], permission: 'view' },
  { args: ['profiles', 'export', 'nosuchprofile'], permission: 'view' },
  {
    args: ['profiles', 'add', 'Shop', '--mapping', fixture('flat-small.mapping.json')],
    permission: 'mappings',
  },
  { args: ['profiles', 'remove', 'nosuchprofile'], permission: 'mappings' },
  { args: ['subscriptions', 'list'], permission: 'export' },
  { args: ['subscriptions', 'remove', 'nosuchsubscription'], permission: 'export' },
  { args: ['alerts', 'list'], permission: 'view' },
  { args: ['notes', 'list'], permission: 'view' },
  {
    args: ['notes', 'add', '--from', '2024-01-02', '--note', 'Carrier strike'],
    permission: 'annotate',
  },
  { args: ['notes', 'remove', 'nosuchnote'], permission: 'annotate' },
  { args: ['alerts', 'remove', 'nosuchrule'], permission: 'targets' },
  { args: ['alerts', 'check'], permission: 'targets' },
  { args: ['branding'], permission: 'view' },
  { args: ['branding', '--org', 'Acme'], permission: 'settings' },
  { args: ['users', 'list'], permission: 'users' },
  { args: ['audit', '--limit', '5'], permission: 'audit' },
];

afterEach(() => {
  delete process.env.ORDERLENS_NEW_PASSWORD;
});

describe('the CLI and roles', () => {
  beforeAll(async () => {
    db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-auth-')), 'auth.duckdb');
  });

  it('bootstraps the first admin as the local user, then requires a user', async () => {
    expect((await run(['users', 'list'])).out).toMatch(/No users/);
    process.env.ORDERLENS_NEW_PASSWORD = PASSWORD;
    // A first user who is no admin would leave nobody able to add users: refused, nothing added.
    const manager = await run(['users', 'add', 'max', '--role', 'manager']);
    expect(manager.code).toBe(1);
    expect(manager.err).toMatch(/^The first user must be an admin: /);
    expect((await run(['users', 'list'])).out).toMatch(/No users/);
    expect(await run(['users', 'add', 'Boss', '--role', 'admin'])).toMatchObject({
      code: 0,
      out: 'Added boss (admin).',
    });
    const anonymous = await run(['loads']);
    expect(anonymous.code).toBe(1);
    expect(anonymous.err).toMatch(/set ORDERLENS_USER and ORDERLENS_PASSWORD/);
    process.env.ORDERLENS_NEW_PASSWORD = PASSWORD;
    for (const [name, role] of [
      ['ana', 'analyst'],
      ['max', 'manager'],
      ['eva', 'executive'],
    ])
      expect((await run(['users', 'add', name!, '--role', role!], 'boss')).code).toBe(0);
    process.env.ORDERLENS_USER = 'boss';
    process.env.ORDERLENS_PASSWORD = 'wrong password here';
    const wrong = await main(['loads', '--db', db], { out: () => undefined, err: () => undefined });
    expect(wrong).toBe(1);
  });

  it('runs exactly the commands each role is allowed', async () => {
    const users: Record<Role, string> = {
      admin: 'boss',
      analyst: 'ana',
      manager: 'max',
      executive: 'eva',
    };
    const unexpected: string[] = [];
    let runs = 0;
    for (const [role, name] of Object.entries(users) as [Role, string][]) {
      for (const command of COMMANDS) {
        const result = await run(command.args, name);
        runs++;
        const denied = /does not allow this/.test(result.err);
        if (denied === can(role, command.permission))
          unexpected.push(
            `${role} ${command.args.slice(0, 2).join(' ')}: exit ${result.code} ${result.err}`,
          );
      }
    }
    console.log(
      `[reliability] CLI authorisation: 4 roles × ${COMMANDS.length} commands = ${runs} runs, ${unexpected.length} unexpected`,
    );
    expect(unexpected).toEqual([]);
  });

  it('records denials and CLI actions in the audit log', async () => {
    const result = await run(['audit', '--json', '--limit', '500'], 'boss');
    const { entries, chain } = JSON.parse(result.out) as {
      entries: { actor: string; via: string; action: string; outcome: string; detail?: string }[];
      chain: { brokenAt?: number; state: string };
    };
    expect(chain.brokenAt).toBeUndefined();
    expect(chain.state).toBe('intact');
    expect(entries.every((e) => e.via === 'cli')).toBe(true);
    expect(
      entries.some(
        (e) =>
          e.actor === 'eva' &&
          e.action === 'access' &&
          e.outcome === 'denied' &&
          e.detail === 'needs upload',
      ),
    ).toBe(true);
    expect(
      entries.some((e) => e.actor === 'boss' && e.action === 'sign_in' && e.outcome === 'failed'),
    ).toBe(true);
    expect(
      entries.some((e) => e.actor === 'local' && e.action === 'user.create' && e.outcome === 'ok'),
    ).toBe(true);
    expect(
      entries.some((e) => e.actor === 'eva' && e.action === 'export' && e.outcome === 'ok'),
    ).toBe(true);
  });
});
