/**
 * Loads the index once per isolate, on the first request that needs it, and
 * hands each request its own view of it as `c.var.library`. A failed load is
 * not cached, so the next request tries again.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { loadIndex, type LoadedIndex } from '../library'

let loading: Promise<LoadedIndex> | undefined

export function library(): MiddlewareHandler<AppEnv> {
  return async function library(c, next) {
    const assets = c.env.ASSETS
    loading ??= loadIndex((path) => assets.fetch(new Request(`https://assets.local/${path}`)))
    try {
      c.set('library', (await loading).open())
    } catch (e) {
      loading = undefined
      throw e
    }
    await next()
    // A request's fetches must end before it does (see PageReader.settled); those it started ahead of need and left unread
    // need not delay its response.
    const settling = c.var.library.reader.settled()
    const ctx = executionContext(c)
    if (ctx) ctx.waitUntil(settling)
    else await settling
  }
}

/** The request's ExecutionContext, when it has one (a Worker's requests do; `app.request` in a test need not). */
function executionContext(c: Context): Context['executionCtx'] | undefined {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}

/** Drops the loaded index: the next request loads it again and reads every page anew (the benchmark's cold queries). */
export function forgetIndex(): void {
  loading = undefined
}
