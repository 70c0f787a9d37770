/**
 * The worker as deployed, with one route more for the benchmark
 * (bench/workerd.ts): {@link FORGET_PATH} drops the isolate's loaded index
 * and empties the edge's cache (the benchmark's edge answers the same path),
 * so that the next query reads every page again, on code already compiled.
 * Never deployed.
 */
import { app } from '../../src/app'
import { forgetIndex } from '../../src/middleware/library'
import { FORGET_PATH } from './forget'

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname !== FORGET_PATH) return app.fetch(request, env, ctx)
    forgetIndex()
    return env.ASSETS.fetch(new Request(`https://assets.local${FORGET_PATH}`))
  },
} satisfies ExportedHandler<Env>
