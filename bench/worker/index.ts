/**
 * The worker as deployed, with two routes more for the benchmark
 * (bench/workerd.ts): {@link FORGET_PATH} drops the isolate's loaded index
 * and empties the edge's cache (the benchmark's edge answers the same path),
 * so that the next query reads every page again, on code already compiled;
 * {@link PING_PATH} answers without Folio. Never deployed.
 */
import { app } from '../../src/app'
import { forgetIndex } from '../../src/middleware/library'
import { FORGET_PATH, PING_PATH } from './routes'

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url)
    if (pathname === PING_PATH) return new Response(null, { status: 204 })
    if (pathname !== FORGET_PATH) return app.fetch(request, env, ctx)
    forgetIndex()
    return env.ASSETS.fetch(new Request(`https://assets.local${FORGET_PATH}`))
  },
} satisfies ExportedHandler<Env>
