import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': here('./'),
      // server-only throws outside React Server Components; tests run on the server side.
      'server-only': here('./test/server-only-stub.ts'),
    },
  },
  test: {
    // Route handlers are tested as a loopback server at http://127.0.0.1 (port 80): the Host and
    // Origin checks of lib/http/request-policy accept exactly that.
    env: { TZ: 'UTC', HOST: '127.0.0.1', PORT: '80' },
    setupFiles: ['test/engine-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: [
      'lib/**/*.test.ts',
      'metrics/**/*.test.ts',
      'app/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
  },
});
