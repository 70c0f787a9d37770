/** `GET /health`: whether the worker can serve, and what index it serves. */
import { Hono } from 'hono'
import { version } from '../../package.json'
import type { HealthResponse } from '../api/schema'
import type { AppEnv } from '../app-env'

export const healthRoute = new Hono<AppEnv>().get('/health', (c) => {
  const { manifest, documents } = c.var.library
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
  } satisfies HealthResponse)
})
