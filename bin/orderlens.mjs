#!/usr/bin/env node
// The orderlens command: runs runtime/cli.ts (the engine, then lib/cli/main.ts) through tsx, with 'server-only' resolved to nothing
// (it guards React Server Components; the CLI is server-side by nature).
// The project's tsconfig is named, not looked up from the working folder, so the command runs from
// any folder (npx --prefix, npm link, cron).
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

register('./server-only-hook.mjs', import.meta.url);
const { main } = await tsImport('../runtime/cli.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});
process.exitCode = await main(process.argv.slice(2));
