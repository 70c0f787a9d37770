/**
 * Folio in workerd itself: the worker as `wrangler deploy` bundles it, run by
 * Miniflare, its index served through the ASSETS binding by a worker in the
 * same workerd that models the edge: a file's first read waits
 * {@link COLD_READ_MS} (the asset store), later reads of it are served at once
 * from Miniflare's own assets (the edge's cache: about a millisecond a page
 * here, no trip out of workerd).
 *
 * - Cold start: a new instance, timed from its creation to the first answer.
 * - Cold queries, as the issue defines them (an empty isolate cache): one
 *   instance, its code warmed by other queries; before each query the worker
 *   drops its loaded index (pages, blocks kept, hits shown) and the edge
 *   forgets what it served; the worker answers `/health` (it reads its
 *   manifest and resident file, as any isolate does once), then the query is
 *   timed.
 * - Cold queries in a new isolate: the same, but each in a new instance, so
 *   its first query also pays for code not yet compiled.
 * - Warm queries: one instance that has answered every query before.
 *
 * Requests go as a client's do, over HTTP to workerd's socket. Pages read and
 * fetched per query come from the worker's `Server-Timing`, and so does the
 * worker's own time (`total`). The round trip adds the way in and out: Node's
 * fetch, workerd's entry, and this host's pauses. A request answered without
 * Folio, between the warm queries, measures it alone (`transport`).
 *
 * Until 2026-12-04 requests went through Miniflare's `dispatchFetch`, which
 * adds its own pauses: side by side at 1 GB, 720 warm searches interleaved,
 * p50 / p95 / p99 5.82 / 12.5 / 18.5 ms that way and 4.70 / 10.8 / 14.9 ms
 * over HTTP, the worker's own time alike (p99 9 and 8 ms); a request that
 * does nothing, 2.73 / 6.67 / 16.5 ms against 1.85 / 4.77 / 9.14 ms.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { Miniflare } from 'miniflare'
import { medianPerQuery, quantile } from './stats'
import { FORGET_PATH, PING_PATH } from './worker/routes'

/** What the asset store takes to answer a read the edge has not cached. */
export const COLD_READ_MS = 30

/** The deployed worker's entry, and the benchmark's: the same app with a route that drops its loaded index. */
const WORKER_ENTRY = 'src/worker.ts'
const BENCH_ENTRY = 'bench/worker/index.ts'

/** Bundles made by wrangler, by entry, once per process; their folders. */
const bundles = new Map<string, string>()

export function bundledWorker(entry = WORKER_ENTRY): string {
  const made = bundles.get(entry)
  if (made) return made
  const out = mkdtempSync(join(tmpdir(), 'folio-bundle-'))
  const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out, entry], {
    encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (r.status !== 0) throw new Error(`bench: wrangler could not bundle ${entry}: ${r.stderr}`)
  // The bundles live as long as the process that made them (the benchmark, the fuzzer), or until a test disposes of them.
  if (bundles.size === 0) process.once('exit', disposeBundle)
  const script = join(out, `${basename(entry, '.ts')}.js`)
  bundles.set(entry, script)
  return script
}

/** Removes the bundles, if any were made. */
export function disposeBundle(): void {
  for (const script of bundles.values()) rmSync(dirname(script), { recursive: true, force: true })
  bundles.clear()
}

/** `compatibility_date` from wrangler.toml, so that Miniflare runs the worker as wrangler would. */
function compatibilityDate(): string {
  const m = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))
  if (!m) throw new Error('bench: wrangler.toml has no compatibility_date')
  return m[1]!
}

/** The index files, served as the edge would: a first read is slow (`coldReadMs`), the next ones are not. */
export class Edge {
  #root: string | undefined

  constructor(
    readonly indexDir: string,
    readonly coldReadMs = COLD_READ_MS,
  ) {}

  /**
   * The folder Miniflare serves: the index folder as `index/`, and the widget
   * the reading pages load when it lies beside it (as `build/` holds them);
   * linked, not copied.
   */
  get root(): string {
    if (this.#root) return this.#root
    const root = mkdtempSync(join(tmpdir(), 'folio-edge-'))
    const indexDir = resolve(this.indexDir)
    symlinkSync(indexDir, join(root, 'index'))
    const widget = join(dirname(indexDir), 'widget.js')
    if (existsSync(widget)) symlinkSync(widget, join(root, 'widget.js'))
    process.once('exit', () => rmSync(root, { recursive: true, force: true }))
    return (this.#root = root)
  }

  /** The worker in front of the assets: it delays a first read, and forgets what it served when told to. */
  get script(): string {
    return `const COLD_READ_MS = ${this.coldReadMs}
let seen = new Set()
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname
    if (path === '${FORGET_PATH}') {
      seen = new Set()
      return new Response(null, { status: 204 })
    }
    if (COLD_READ_MS > 0 && !seen.has(path)) {
      seen.add(path)
      await scheduler.wait(COLD_READ_MS)
    }
    return env.STORE.fetch(request)
  },
}`
  }
}

/**
 * The bundled worker in a new Miniflare instance, its assets served by
 * `edge`; `forgettable`, the benchmark's bundle, which can be told to drop
 * its loaded index ({@link forget}).
 */
export function instance(edge: Edge, options: { forgettable?: boolean } = {}): Miniflare {
  const script = bundledWorker(options.forgettable ? BENCH_ENTRY : WORKER_ENTRY)
  const compatibility = compatibilityDate()
  return new Miniflare({
    workers: [
      { name: 'folio', modules: true, scriptPath: script, modulesRoot: dirname(script), compatibilityDate: compatibility, serviceBindings: { ASSETS: 'edge' } },
      {
        name: 'edge', modules: true, script: edge.script, compatibilityDate: compatibility,
        // The edge worker sees every read first, as wrangler's run_worker_first does for the Folio worker.
        assets: { directory: edge.root, binding: 'STORE', routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
      },
    ],
  })
}

/** Empties the caches of an instance made `forgettable`: the worker's loaded index, and the edge's. */
async function forget(mf: Miniflare): Promise<void> {
  const res = await request(mf, FORGET_PATH)
  await res.arrayBuffer()
  if (res.status !== 204) throw new Error(`bench: ${FORGET_PATH} answered ${res.status}`)
}

export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

const percentiles = (xs: number[]): Percentiles => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), p99: quantile(xs, 0.99) })

export interface WorkerdResult {
  /** Creation of an instance to the first answered search (median): workerd, the isolate, manifest and resident file, the query's pages. */
  coldStartMs: number
  /** Of it, from workerd ready (the worker compiled, Miniflare's asset listing made) to the first answer; absent from reports before it was measured. */
  firstAnswerMs?: number
  /** Per kind: cold (empty isolate and edge caches) and warm latency (each query's median over the passes), pages read (warm) and fetched (cold) per query. */
  kinds: Record<string, { cold: Percentiles; warm: Percentiles; pages: Percentiles; fetched: Percentiles }>
  /** Warm, each query's median over the passes (until 2026-12-04, and in `warmSamples`, every sample). */
  warm: Percentiles
  /** Every warm sample of every kind; absent from reports before 2026-12-04, whose `warm` was this. */
  warmSamples?: Percentiles
  /** Every cold sample of every kind (reports before commit 5dae9c6 measured them in new isolates, as `newIsolate` is). */
  cold: Percentiles
  /** The cold queries each in a new isolate: what an isolate's first query costs; absent from reports before it was measured apart. */
  newIsolate?: Percentiles
  /** The same queries' time in the worker (its `Server-Timing` total; warm, each query's median), without the way in and out; absent from reports before it was measured. */
  inWorker?: { warm: Percentiles; cold: Percentiles; newIsolate?: Percentiles }
  /** A request answered without Folio, one after each warm query: the round trip's way in and out alone; absent from reports before 2026-12-04. */
  transport?: Percentiles
  bundleBytes: number
  bundleGzipBytes: number
}

/** A search's time (the round trip), and what its `Server-Timing` says. */
interface Timed {
  ms: number
  pages: number
  fetched: number
  /** The worker's time for the answer. */
  worker: number
}

/** A request as a client sends it: over HTTP, to the socket workerd listens on. */
async function request(mf: Miniflare, path: string): Promise<Response> {
  return fetch(new URL(path, await mf.ready))
}

/** The round trip of a request answered without Folio. */
async function ping(mf: Miniflare): Promise<number> {
  const started = performance.now()
  const res = await request(mf, PING_PATH)
  await res.arrayBuffer()
  if (res.status !== 204) throw new Error(`bench: ${PING_PATH} answered ${res.status}`)
  return performance.now() - started
}

async function timed(mf: Miniflare, q: string): Promise<Timed> {
  const started = performance.now()
  const res = await request(mf, `/search?${new URLSearchParams({ q })}`)
  const body = await res.text()
  const ms = performance.now() - started
  if (res.status !== 200) throw new Error(`bench: workerd answered ${res.status} to ${q}: ${body}`)
  const timing = res.headers.get('Server-Timing') ?? ''
  const metric = (name: string) => Number(new RegExp(`${name};desc="(\\d+)"`).exec(timing)?.[1] ?? NaN)
  return { ms, pages: metric('pages'), fetched: metric('fetched'), worker: Number(/total;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN) }
}

/** A cold query: the worker reads its manifest and resident file first (`/health`), as any isolate does once, then the query is timed. */
async function coldQuery(mf: Miniflare, q: string): Promise<Timed> {
  await (await request(mf, '/health')).arrayBuffer()
  return timed(mf, q)
}

/** Measures Folio in workerd over an index folder: cold start, then each kind's queries cold and warm. */
export async function workerdQueries(
  indexDir: string,
  queries: Record<string, string[]>,
  options: { coldStarts: number; coldPerKind: number; warmPasses: number },
  log: (line: string) => void,
): Promise<WorkerdResult> {
  const edge = new Edge(indexDir)
  const all = Object.values(queries).flat()
  bundledWorker() // once, before any instance is timed
  bundledWorker(BENCH_ENTRY)
  const starts: number[] = []
  const fromReady: number[] = []
  for (let r = 0; r < options.coldStarts; r++) {
    const started = performance.now()
    const mf = instance(edge)
    await mf.ready
    const ready = performance.now()
    await timed(mf, all[0]!)
    starts.push(performance.now() - started)
    fromReady.push(performance.now() - ready)
    await mf.dispose()
  }

  const cold = (list: string[]) => list.slice(0, options.coldPerKind)
  log('  workerd: cold, each query in a new isolate')
  const newIsolate: Timed[] = []
  for (const q of Object.values(queries).flatMap(cold)) {
    const mf = instance(edge)
    newIsolate.push(await coldQuery(mf, q))
    await mf.dispose()
  }

  const mf = instance(edge, { forgettable: true })
  log('  workerd: warm')
  for (const q of all) await timed(mf, q)
  // Per kind, per pass, each query's sample.
  const warmRuns: Record<string, Timed[][]> = {}
  const transport: number[] = []
  for (const [kind, list] of Object.entries(queries)) {
    warmRuns[kind] = []
    for (let pass = 0; pass < options.warmPasses; pass++) {
      const run: Timed[] = []
      for (const q of list) {
        run.push(await timed(mf, q))
        transport.push(await ping(mf))
      }
      warmRuns[kind].push(run)
    }
  }
  log('  workerd: cold, each query after the caches are emptied')
  const coldOf: Record<string, Timed[]> = {}
  for (const [kind, list] of Object.entries(queries)) {
    coldOf[kind] = []
    for (const q of cold(list)) {
      await forget(mf)
      coldOf[kind].push(await coldQuery(mf, q))
    }
  }
  await mf.dispose()

  // A query's warm time is its median over the passes, as in Node (bench/stats.ts): a pause the host takes in one run is not the query's cost.
  const perQuery = (runs: Timed[][], of: (t: Timed) => number) => medianPerQuery(runs.map((run) => run.map(of)))
  const kinds: WorkerdResult['kinds'] = {}
  for (const kind of Object.keys(queries)) {
    const [w, c] = [warmRuns[kind]!, coldOf[kind]!]
    kinds[kind] = { cold: percentiles(c.map((t) => t.ms)), warm: percentiles(perQuery(w, (t) => t.ms)), pages: percentiles(w.flat().map((t) => t.pages)), fetched: percentiles(c.map((t) => t.fetched)) }
  }
  const warmRunsAll = Object.values(warmRuns)
  const [warmSamples, coldAll] = [warmRunsAll.flat(2), Object.values(coldOf).flat()]
  const warmOfEach = (of: (t: Timed) => number) => percentiles(warmRunsAll.flatMap((runs) => perQuery(runs, of)))
  const bytes = readFileSync(bundledWorker())
  return {
    coldStartMs: quantile(starts, 0.5),
    firstAnswerMs: quantile(fromReady, 0.5),
    kinds,
    warm: warmOfEach((t) => t.ms),
    warmSamples: percentiles(warmSamples.map((t) => t.ms)),
    cold: percentiles(coldAll.map((t) => t.ms)),
    newIsolate: percentiles(newIsolate.map((t) => t.ms)),
    inWorker: { warm: warmOfEach((t) => t.worker), cold: percentiles(coldAll.map((t) => t.worker)), newIsolate: percentiles(newIsolate.map((t) => t.worker)) },
    transport: percentiles(transport),
    bundleBytes: bytes.byteLength,
    bundleGzipBytes: gzipSync(bytes).byteLength,
  }
}
