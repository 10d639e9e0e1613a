/** A command as the tests run it: its exit code and what it printed, with --db appended. */
import { main } from './main';

export async function runCli(db: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', db], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
