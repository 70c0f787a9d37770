/**
 * HTTP caching for answers that depend only on the URL, the index and the
 * code: a weak ETag from the index hash and the deployed version of the worker
 * (a deploy that changes only the code changes it too), a Cache-Control that
 * lets browsers and the edge keep them, and 304 for a client that already has one.
 */
import type { MiddlewareHandler } from 'hono'
import { version } from '../../package.json'
import type { AppEnv } from '../app-env'

export interface CachingOptions {
  /** Cache-Control of a successful answer. Default: five minutes in browsers, a day at the edge. */
  cacheControl?: string
}

const defaults: Required<CachingOptions> = {
  cacheControl: 'public, max-age=300, s-maxage=86400, stale-while-revalidate=86400',
}

export function caching(options: CachingOptions = {}): MiddlewareHandler<AppEnv> {
  const { cacheControl } = { ...defaults, ...options }
  return async function caching(c, next) {
    await next()
    if (c.res.status !== 200 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return
    // Without the version binding (a bare Miniflare), the package version stands in.
    const etag = `W/"${c.var.library.manifest.hash}-${c.env.CF_VERSION_METADATA?.id ?? version}"`
    c.res.headers.set('ETag', etag)
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', cacheControl)
    if (matches(c.req.header('If-None-Match'), etag)) {
      c.res = new Response(null, { status: 304, headers: c.res.headers })
    }
  }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))
}
