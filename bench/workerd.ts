/**
 * Folio in workerd itself: the worker as `wrangler deploy` bundles it, run by
 * Miniflare, its index served through the ASSETS binding by a function that
 * models the edge: a file's first read waits {@link COLD_READ_MS} (the asset
 * store), later reads of it are answered at once (the edge's cache).
 *
 * - Cold start: a new instance, timed from its creation to the first answer.
 * - Cold queries: for each query a new instance and an empty edge cache; the
 *   instance first answers `/health` (so it has read its manifest and resident
 *   file, as any isolate does once), then the query is timed.
 * - Warm queries: one instance that has answered every query before.
 *
 * Pages read and fetched per query come from the worker's `Server-Timing`, and
 * so does the worker's own time (`total`): the round trip adds Miniflare's
 * dispatch from Node, about 4 ms at the median here and pauses of tens of ms.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { Miniflare } from 'miniflare'
import { quantile } from './stats'

/** What the asset store takes to answer a read the edge has not cached. */
export const COLD_READ_MS = 30

/** The worker bundled by wrangler, once per process. */
let bundle: string | undefined

export function bundledWorker(): string {
  if (bundle) return bundle
  const out = mkdtempSync(join(tmpdir(), 'folio-bundle-'))
  const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (r.status !== 0) throw new Error(`bench: wrangler could not bundle the worker: ${r.stderr}`)
  // The bundle lives as long as the process that made it (the benchmark, the fuzzer), or until a test disposes of it.
  process.once('exit', disposeBundle)
  return (bundle = join(out, 'worker.js'))
}

/** Removes the bundle, if one was made. */
export function disposeBundle(): void {
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = undefined
}

/** `compatibility_date` from wrangler.toml, so that Miniflare runs the worker as wrangler would. */
function compatibilityDate(): string {
  const m = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))
  if (!m) throw new Error('bench: wrangler.toml has no compatibility_date')
  return m[1]!
}

/** The index files, served as the edge would: a first read is slow (`coldReadMs`), the next ones are not. */
export class Edge {
  readonly #seen = new Set<string>()
  reads = 0

  constructor(
    readonly indexDir: string,
    readonly coldReadMs = COLD_READ_MS,
  ) {}

  forget(): void {
    this.#seen.clear()
  }

  /** An index file from the index folder; any other asset (the widget) from the folder above it, as `build/` holds them. */
  async serve(request: Request): Promise<Response> {
    const url = new URL(request.url).pathname
    const path = url.startsWith('/index/') ? join(this.indexDir, url.slice('/index/'.length)) : join(dirname(this.indexDir), url)
    this.reads++
    if (!this.#seen.has(path) && this.coldReadMs > 0) {
      this.#seen.add(path)
      await new Promise((r) => setTimeout(r, this.coldReadMs))
    }
    try {
      return new Response(readFileSync(path))
    } catch {
      return new Response('not found', { status: 404 })
    }
  }
}

/** The bundled worker in a new Miniflare instance, its assets served by `edge`. */
export function instance(edge: Edge): Miniflare {
  const script = bundledWorker()
  return new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: compatibilityDate(),
    serviceBindings: { ASSETS: (request) => edge.serve(request as unknown as Request) as never },
  })
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
  /** Per kind: cold (new isolate, empty edge) and warm latency, pages read and fetched per query. */
  kinds: Record<string, { cold: Percentiles; warm: Percentiles; pages: Percentiles; fetched: Percentiles }>
  /** Every warm sample of every kind. */
  warm: Percentiles
  cold: Percentiles
  /** The same samples' time in the worker (its `Server-Timing` total), without Miniflare's dispatch; absent from reports before it was measured. */
  inWorker?: { warm: Percentiles; cold: Percentiles }
  bundleBytes: number
  bundleGzipBytes: number
}

interface Timing {
  pages: number
  fetched: number
  /** The worker's time for the answer. */
  worker: number
}

async function timed(mf: Miniflare, q: string): Promise<{ ms: number } & Timing> {
  const url = `http://localhost/search?${new URLSearchParams({ q })}`
  const started = performance.now()
  const res = await mf.dispatchFetch(url)
  const body = await res.text()
  const ms = performance.now() - started
  if (res.status !== 200) throw new Error(`bench: workerd answered ${res.status} to ${q}: ${body}`)
  const timing = res.headers.get('Server-Timing') ?? ''
  const metric = (name: string) => Number(new RegExp(`${name};desc="(\\d+)"`).exec(timing)?.[1] ?? NaN)
  return { ms, pages: metric('pages'), fetched: metric('fetched'), worker: Number(/total;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN) }
}

/** Measures Folio in workerd over an index folder: cold start, then each kind's queries cold and warm. */
export async function workerdQueries(
  indexDir: string,
  queries: Record<string, string[]>,
  options: { coldStarts: number; coldPerKind: number; warmPasses: number },
  log: (line: string) => void,
): Promise<WorkerdResult> {
  const edge = new Edge(indexDir)
  const first = Object.values(queries).flat()[0]!
  bundledWorker() // once, before any instance is timed
  const starts: number[] = []
  for (let r = 0; r < options.coldStarts; r++) {
    edge.forget()
    const started = performance.now()
    const mf = instance(edge)
    await mf.ready
    await timed(mf, first)
    starts.push(performance.now() - started)
    await mf.dispose()
  }

  const kinds: WorkerdResult['kinds'] = {}
  const allCold: number[] = []
  const allWarm: number[] = []
  const inWorker = { cold: [] as number[], warm: [] as number[] }
  for (const [kind, list] of Object.entries(queries)) {
    log(`  workerd: ${kind} cold`)
    const cold: number[] = []
    const fetched: number[] = []
    for (const q of list.slice(0, options.coldPerKind)) {
      edge.forget()
      const mf = instance(edge)
      await (await mf.dispatchFetch('http://localhost/health')).arrayBuffer()
      const t = await timed(mf, q)
      cold.push(t.ms)
      inWorker.cold.push(t.worker)
      fetched.push(t.fetched)
      await mf.dispose()
    }
    kinds[kind] = { cold: percentiles(cold), warm: percentiles([]), pages: percentiles([]), fetched: percentiles(fetched) }
    allCold.push(...cold)
  }

  log('  workerd: warm')
  const mf = instance(edge)
  for (const list of Object.values(queries)) for (const q of list) await timed(mf, q)
  for (const [kind, list] of Object.entries(queries)) {
    const warm: number[] = []
    const pages: number[] = []
    for (let pass = 0; pass < options.warmPasses; pass++) {
      for (const q of list) {
        const t = await timed(mf, q)
        warm.push(t.ms)
        inWorker.warm.push(t.worker)
        pages.push(t.pages)
      }
    }
    kinds[kind]!.warm = percentiles(warm)
    kinds[kind]!.pages = percentiles(pages)
    allWarm.push(...warm)
  }
  await mf.dispose()
  const bytes = readFileSync(bundledWorker())
  return {
    coldStartMs: quantile(starts, 0.5),
    kinds,
    warm: percentiles(allWarm),
    cold: percentiles(allCold),
    inWorker: { warm: percentiles(inWorker.warm), cold: percentiles(inWorker.cold) },
    bundleBytes: bytes.byteLength,
    bundleGzipBytes: gzipSync(bytes).byteLength,
  }
}
