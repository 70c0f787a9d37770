/**
 * Folio through HTTP: the worker under `wrangler dev` (workerd, the shipped
 * corpus) loaded by autocannon at a fixed concurrency for a fixed time, with
 * the volume's query set in rotation.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { startDevServer } from '../scripts/dev-server'
import type { QuerySet } from './queries'

export interface HttpResult {
  connections: number
  seconds: number
  requests: number
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

const PORT = 8799
const CONNECTIONS = 10
const SECONDS = 10

export async function httpLoad(log: (line: string) => void): Promise<HttpResult> {
  log('HTTP: starting wrangler dev')
  const dev = await startDevServer(PORT)
  try {
    const set: QuerySet = JSON.parse(readFileSync('bench/queries/volume.json', 'utf8'))
    const paths = [...set.single, ...set.two, ...set.three, ...set.phrase, ...set.prefix, ...set.typo]
      .map((q) => `/search?${new URLSearchParams({ q })}`)
    let next = 0
    log(`HTTP: ${CONNECTIONS} connections for ${SECONDS} s`)
    const r = await autocannon({
      url: dev.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
    })
    return {
      connections: CONNECTIONS,
      seconds: SECONDS,
      requests: r.requests.total,
      requestsPerSecond: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    }
  } finally {
    dev.stop()
  }
}
