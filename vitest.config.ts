import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Tests mirror the modules they test. Those of the worker's routes and
// middleware run inside workerd, sending requests to the real worker; those of
// the pages and the widget drive Debian's Chromium against the worker under
// wrangler dev; the rest (build, shared modules) run in Node. All read the
// index that `npm test` builds first.
const inWorker = ['test/src/routes/**/*.test.ts', 'test/src/middleware/**/*.test.ts', 'test/src/app.test.ts', 'test/src/api/openapi.test.ts']
const inBrowser = ['test/src/pages/**/*.test.ts', 'test/widget/**/*.test.ts']

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: [...inWorker, ...inBrowser], environment: 'node' },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: inWorker },
      },
      {
        test: {
          name: 'browser',
          include: inBrowser,
          environment: 'node',
          globalSetup: ['test/support/servers.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
          // Answers come from the worker under wrangler dev, which on a busy machine takes more than expect.poll's default second.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
