#!/usr/bin/env node
// The orderlens command: runs lib/cli/main.ts through tsx, with 'server-only' resolved to nothing
// (it guards React Server Components; the CLI is server-side by nature).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./server-only-hook.mjs', import.meta.url);
registerTsx();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
