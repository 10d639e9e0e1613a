/**
 * The composition root of the command line: the command run, with the engine created once it is
 * known to be a command (the help needs no engine).
 */
import { main as runCommand } from '@/lib/cli/main';

export const main = (argv: string[]) => runCommand(argv, undefined, () => import('./engine'));
