import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Tests mirror the modules they test. Those of the worker's routes and
// middleware run inside workerd, sending requests to the real worker; the
// rest (build, shared modules) run in Node. Both read the index that
// `npm test` builds first.
const inWorker = ['test/src/routes/**/*.test.ts', 'test/src/middleware/**/*.test.ts', 'test/src/app.test.ts']

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: inWorker, environment: 'node' },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: inWorker },
      },
    ],
  },
})
