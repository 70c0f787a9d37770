/**
 * An HTTP fuzzer for the worker: `npm run fuzz -- --requests N [--seed S]`.
 *
 * Drives the worker as `wrangler deploy` bundles it, in workerd through
 * Miniflare (not `wrangler dev`, whose proxy adds its own answers), over the
 * built index (`npm run build` first). Requests are drawn, seeded, from real
 * and hostile shapes: every route, random paths, methods, parameters given
 * twice, invalid percent-encoding, long and odd Unicode, huge headers,
 * conditional requests. It reports answers of 500 or more, requests that got
 * no answer, answers that are not JSON where the API promises JSON, and the
 * slowest requests; it exits 1 when any of the first three happened.
 */
import { parseArgs } from 'node:util'
import type { Miniflare } from 'miniflare'
import { random } from './random'
import { Edge, instance } from './workerd'

export interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
}

export interface FuzzReport {
  requests: number
  seed: number
  /** By status. */
  statuses: Record<string, number>
  serverErrors: { request: FuzzRequest; status: number; body: string }[]
  /** Requests that got no answer (the worker threw past Hono, or the connection failed). */
  dropped: { request: FuzzRequest; error: string }[]
  /** Answers that are not JSON where the API promises JSON (every route but the pages and the widget). */
  notJson: { request: FuzzRequest; status: number; type: string }[]
  slowest: { request: FuzzRequest; ms: number; status: number }[]
}

const ROUTES = ['/search', '/suggest', '/documents', '/documents/frus1989-92v31-d49', '/documents/frus1964-68v29p2-d12', '/people', '/people/frus1964-68v29p2-p_RD3',
  '/health', '/openapi.json', '/', '/read/frus1989-92v31-d49', '/read/..', '/widget.js', '/nowhere', '/search/', '//search', '/documents/', '/read/']
const PARAMS = ['q', 'limit', 'offset', 'kind', 'sort', 'year', 'volume', 'chapter', 'person', 'doc', 'type', 'unknown', '', 'q[]', 'Q']
const WORDS = ['radar', 'Krasnoyarsk', 'Okinawa', 'the', 'treaty', '"June 20"', 'negot*', '-ABM', 'Rusk OR Sato', 'reversoin', 'a*', '*', '"', '-', 'OR', 'zzzz']
const HOSTILE = [
  'a '.repeat(250), 'rusk '.repeat(99), 'x '.repeat(249) + 'th', '%E0%A4%A', '%', '%zz', '%00', '%C0%AF', '%ED%A0%80', '\u0000', '\uD800', '\uFFFF', '🙂'.repeat(200), 'x'.repeat(600), 'ab* '.repeat(40), '"of the" '.repeat(10),
  '<script>alert(1)</script>', '../../etc/passwd', '1e9', '-1', '99999999999999999999', '0x10', '1965..1966', '1967..1965', '..', 'paragraph,footnote,memo', 'date', 'relevance',
  'frus1964-68v29p2', 'frus1964-68v29p2-p_RD3', '\u202Eevil', 'ǅ', 'İ', 'ß', '\u0301\u0301\u0301',
]
/** (TRACE and CONNECT cannot be sent by fetch, Miniflare's client.) */
const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'get']
/** Routes whose answers are HTML or JavaScript; every other answer is JSON (errors included). */
const NOT_JSON = /^\/(read\/[^/]+|widget\.js)?$/

/** The request number `n` of a seeded run. */
export function drawRequest(rand: () => number): FuzzRequest {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  // Encoded (a lone surrogate as U+FFFD, as a browser would), or sent as written, percent signs and all.
  const encoded = (x: string) => encodeURIComponent(x.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'))
  const value = () => (rand() < 0.5 ? encoded(pick(WORDS)) : rand() < 0.5 ? pick(HOSTILE) : encoded(pick(HOSTILE)))
  const pairs: string[] = []
  const n = Math.floor(rand() * 5)
  for (let i = 0; i < n; i++) {
    const name = pick(PARAMS)
    pairs.push(`${name}=${value()}`)
    if (rand() < 0.15) pairs.push(`${name}=${value()}`) // given twice
  }
  if (rand() < 0.6) pairs.unshift(`q=${value()}`)
  let path = pick(ROUTES)
  if (rand() < 0.1) path += encoded(pick(HOSTILE))
  if (rand() < 0.05) path = `/${pick(HOSTILE)}`
  const headers: Record<string, string> = {}
  if (rand() < 0.2) headers['If-None-Match'] = pick(['*', 'W/"x"', '"', 'W/"' + 'a'.repeat(2000) + '"'])
  if (rand() < 0.1) headers['X-Huge'] = 'h'.repeat(Math.floor(rand() * 60_000))
  if (rand() < 0.1) headers.Origin = pick(['https://blog.example', 'null', 'http://' + 'o'.repeat(300)])
  if (rand() < 0.05) headers.Range = 'bytes=0-10'
  if (rand() < 0.05) headers['Accept-Encoding'] = 'gzip, br'
  return { method: pick(METHODS), path: `${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`, headers }
}

async function send(mf: Miniflare, request: FuzzRequest) {
  const started = performance.now()
  const res = await mf.dispatchFetch(`http://folio.test${request.path}`, { method: request.method, headers: request.headers })
  const body = await res.text()
  return { ms: performance.now() - started, status: res.status, type: res.headers.get('Content-Type') ?? '', body }
}

/** Sends `requests` drawn with `seed` to a worker over `indexDir`. */
export async function fuzz(options: { requests: number; seed: number; indexDir: string; log?: (line: string) => void }): Promise<FuzzReport> {
  const mf = instance(new Edge(options.indexDir, 0))
  const rand = random(options.seed)
  const report: FuzzReport = { requests: options.requests, seed: options.seed, statuses: {}, serverErrors: [], dropped: [], notJson: [], slowest: [] }
  try {
    // The isolate loads its index once, first: the requests are timed after.
    await send(mf, { method: 'GET', path: '/health', headers: {} })
    for (let i = 0; i < options.requests; i++) {
      const request = drawRequest(rand)
      let answer
      try {
        answer = await send(mf, request)
      } catch (e) {
        report.dropped.push({ request, error: String(e) })
        continue
      }
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1
      if (answer.status >= 500) report.serverErrors.push({ request, status: answer.status, body: answer.body.slice(0, 300) })
      const route = new URL(`http://folio.test${request.path}`).pathname // as the worker sees it: /search/.. is /
      const promisesJson = !NOT_JSON.test(route) && request.method.toUpperCase() !== 'HEAD' && answer.status !== 204 && answer.status !== 304
      if (promisesJson && !answer.type.startsWith('application/json')) report.notJson.push({ request, status: answer.status, type: answer.type })
      report.slowest.push({ request, ms: answer.ms, status: answer.status })
      report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5)
      if (options.log && (i + 1) % 1000 === 0) options.log(`  ${i + 1} requests`)
    }
  } finally {
    await mf.dispose()
  }
  return report
}

const shorten = (r: FuzzRequest) => `${r.method} ${r.path.length > 120 ? `${r.path.slice(0, 120)}…` : r.path}${Object.keys(r.headers).length ? ` [${Object.keys(r.headers).join(', ')}]` : ''}`

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261201' }, index: { type: 'string', default: 'build/index' } } })
  const requests = Number(values.requests)
  const seed = Number(values.seed)
  if (!Number.isInteger(requests) || requests < 1) throw new Error(`fuzz: --requests must be a positive integer; got ${values.requests}`)
  console.log(`fuzz: ${requests} requests, seed ${seed}, index ${values.index}`)
  const started = performance.now()
  const report = await fuzz({ requests, seed, indexDir: values.index!, log: console.log })
  console.log(`fuzz: ${report.requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  console.log(`  statuses      ${Object.entries(report.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}`)
  console.log(`  5xx           ${report.serverErrors.length}`)
  console.log(`  no answer     ${report.dropped.length}`)
  console.log(`  not JSON      ${report.notJson.length}`)
  console.log('  slowest       ' + report.slowest.map((s) => `${s.ms.toFixed(1)} ms ${s.status} ${shorten(s.request)}`).join('\n                '))
  for (const e of report.serverErrors.slice(0, 10)) console.log(`  5xx: ${e.status} ${shorten(e.request)}: ${e.body}`)
  for (const e of report.dropped.slice(0, 10)) console.log(`  no answer: ${shorten(e.request)}: ${e.error}`)
  for (const e of report.notJson.slice(0, 10)) console.log(`  not JSON: ${e.status} ${e.type} ${shorten(e.request)}`)
  process.exitCode = report.serverErrors.length + report.dropped.length + report.notJson.length > 0 ? 1 : 0
}
