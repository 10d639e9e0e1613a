#!/usr/bin/env node
// The orderlens command: runs runtime/cli.ts (the engine, then lib/cli/main.ts) through tsx, with 'server-only' resolved to nothing
// (it guards React Server Components; the CLI is server-side by nature).
import { register } from 'node:module';
import { tsImport } from 'tsx/esm/api';

register('./server-only-hook.mjs', import.meta.url);
const { main } = await tsImport('../runtime/cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
