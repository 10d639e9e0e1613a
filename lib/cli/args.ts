/** Flag parsing and output for the CLI commands. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrderlensError } from '@/lib/errors';

/** The command was called wrongly: main prints the message with the usage and exits 2. */
export class UsageError extends OrderlensError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

/** Parse flags strictly: an unknown flag is a usage error, not silently ignored. */
export function parse(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

let engineFlag: string | undefined;

/**
 * Take the global `--engine URL` (or `--engine=URL`) out of a command's arguments: it overrides
 * ORDERLENS_ENGINE for this run (read by openCliDatabase through engineOfCli).
 */
export function takeEngineFlag(args: string[]): string[] {
  engineFlag = undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--engine') {
      if (i + 1 >= args.length)
        throw new UsageError('--engine needs a value: duckdb or clickhouse://…');
      engineFlag = args[++i];
    } else if (arg.startsWith('--engine=')) engineFlag = arg.slice('--engine='.length);
    else rest.push(arg);
  }
  return rest;
}

/** The --engine given on the command line, if any. */
export const engineOfCli = (): string | undefined => engineFlag;
