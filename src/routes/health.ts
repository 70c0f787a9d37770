/** `GET /health`: whether the worker can serve, and what index it serves. */
import { Hono } from 'hono'
import { version } from '../../package.json'
import type { HealthResponse } from '../api/schema'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import { INDEX_PATH, LAST_BUILD_FILE, type FailedBuild } from '../format/layout'

export const healthRoute = new Hono<AppEnv>().get('/health', async (c) => {
  const { manifest, documents, reader } = c.var.library
  // Index files a request found missing or damaged are read again: 503 while any still is, naming it; ok once they read well.
  const broken = await reader.cache.recheck()
  if (broken.length > 0) throw new ApiError('index_unavailable', broken.length === 1 ? broken[0]! : `${broken.length} index files are unreadable: ${broken.join('; ')}`)
  // Under wrangler dev, a build that failed leaves the last good index served, and says why beside it (index/last-build.ts).
  const failed = await c.env.ASSETS.fetch(new Request(`https://assets.local/${INDEX_PATH}/${LAST_BUILD_FILE}`))
  const last_build = failed.ok ? ((await failed.json().catch(() => undefined)) as FailedBuild | undefined) : undefined
  c.header('Cache-Control', 'no-store')
  return c.json({
    status: 'ok',
    version,
    index: {
      hash: manifest.hash,
      built_at: manifest.builtAt,
      documents: documents.count,
      units: manifest.counts.units,
      counts: manifest.counts,
      bytes: manifest.bytes,
    },
    ...(last_build && { last_build }),
  } satisfies HealthResponse)
})
