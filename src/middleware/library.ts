/**
 * Loads the index once per isolate, on the first request that needs it, and
 * hands it to the routes as `c.var.library`. A failed load is not cached, so
 * the next request tries again.
 */
import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors'
import { IndexUnavailableError, loadLibrary, type Library } from '../library'
import type { AppEnv } from '../app-env'

let loading: Promise<Library> | undefined

export function library(): MiddlewareHandler<AppEnv> {
  return async function library(c, next) {
    const assets = c.env.ASSETS
    loading ??= loadLibrary((path) => assets.fetch(new Request(`https://assets.local/${path}`)))
    try {
      c.set('library', await loading)
    } catch (e) {
      loading = undefined
      if (e instanceof IndexUnavailableError) throw new ApiError('index_unavailable', e.message)
      throw e
    }
    await next()
  }
}
