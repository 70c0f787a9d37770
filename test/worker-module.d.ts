// Types `exports.default` from `cloudflare:workers` in tests as the worker's main module.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/worker')
  }
}
