import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orderlens calendar', () => {
  it('shows the calendar, changes the parts its flags name, and refuses what is not a time', async () => {
    const db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-calendar-')), 'c.duckdb');
    expect(await run(['calendar', '--db', db])).toMatchObject({
      code: 0,
      out: 'Working calendar: Mon–Fri, no holidays, no cut-off\nHolidays: none\nCut-off: none',
    });
    const set = ['calendar', 'set', '--db', db, '--json'];
    expect(
      (await run([...set, '--weekdays', 'mon-fri', '--holidays', '2026-12-25,2026-12-26'])).code,
    ).toBe(0);
    const site = await run([...set, '--cutoff', '14:00', '--site', 'DC-North']);
    expect(JSON.parse(site.out)).toEqual({
      calendar: {
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        holidays: ['2026-12-25', '2026-12-26'],
        cutoff: null,
        sites: { 'DC-North': '14:00' },
      },
      text: 'Mon–Fri, 2 holidays, cut-off 14:00 at DC-North, none elsewhere',
    });
    const bad = await run([...set, '--cutoff', '14h']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('cutoff');
    expect((await run([...set, '--weekdays', 'fri-mon'])).code).toBe(2);
    expect((await run([...set, '--site', 'DC-North'])).code).toBe(2);
    const cleared = await run([
      ...set,
      '--holidays',
      'none',
      '--cutoff',
      'none',
      '--site',
      'DC-North',
    ]);
    expect(JSON.parse(cleared.out)).toMatchObject({ text: 'Mon–Fri, no holidays, no cut-off' });
  });
});
