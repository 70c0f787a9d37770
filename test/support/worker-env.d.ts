/**
 * The worker's bindings as tests in Node give them (test/src/broken-index.test.ts
 * runs the app over a damaged copy of the index). The worker itself is
 * compiled against the real ones, in worker-configuration.d.ts.
 */
interface Env {
  ASSETS: { fetch(request: Request): Promise<Response> }
  CF_VERSION_METADATA?: { id: string }
}
