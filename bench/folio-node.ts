/**
 * Folio's queries in a process of their own, holding the index as a worker
 * does (nothing else in memory to disturb the figures):
 * `node --expose-gc --import tsx bench/folio-node.ts INDEX QUERIES.json PASSES`.
 *
 * Every query runs WARM_PASSES times to warm the caches and the JIT, then PASSES times; a query's time
 * is its median over the passes in a process that does nothing else, every page in
 * memory after the first pass (so, its CPU time; see `medianPerQuery`). Prints, as JSON: per kind the latency
 * percentiles and the postings pages and postings a query used (cached or
 * not, as its budget counts them: a warm query reads none), each hostile query's median
 * and worst time and what it cut, and the memory the index holds after all of it; then, per kind, how much of
 * each query's top ten is the top ten a budget a hundred times larger finds (its {@link Fidelity}).
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { loadIndex } from '../src/library'
import { search, searchLimits, type SearchLimits } from '../src/query/search'
import type { CacheBudgets } from '../src/store/budgets'
import { indexFolder } from './index-folder'
import { heapBytes, hostileWarmRuns, medianPerQuery, quantile, WARM_PASSES } from './stats'

export interface NodeQueries {
  kinds: Record<string, string[]>
  hostile: Record<string, string>
  /** More queries of the kinds, asked for a hundred hits each once the rest is measured, so that every cache an isolate keeps fills. */
  busy?: string[]
}

/** What an isolate holds: heap and array buffers, and the bytes each cache counts. */
export interface HeldMemory extends CacheBudgets {
  memoryBytes: number
}

/**
 * What a query's budget costs its answer, per kind: the share of the hits a budget a hundred times larger
 * puts in the top ten that the worker's budget puts there too, and the queries showing fewer units holding
 * every word than that budget finds (partial hits shown where full ones were left unread).
 */
export interface Fidelity {
  share: number
  fullMissed: number
  queries: number
}

export interface NodeResult {
  kinds: Record<string, { p50: number; p95: number; p99: number; pages: number; postings: number }>
  overall: { p50: number; p95: number; p99: number }
  /** Every timed run of every query, pauses of the host included (absent from reports before 2026-12-05). */
  samples?: { p50: number; p95: number; p99: number }
  /**
   * Each hostile query's median time over its runs once warmed as the kinds are (its CPU: a GC pause or a JIT recompile in one
   * run is work of other queries), its worst, and its first run, before the JIT compiled its shape (absent from reports made
   * before it was measured, which warmed a hostile query two runs, not `hostileWarmRuns`).
   */
  hostile: { name: string; q: string; ms: number; worstMs: number; firstMs?: number; postings: number; pages: number; cut: string[]; total: number; relation: string }[]
  /** Heap and array buffers in use once every query has run: resident tables, cached pages, what postings are kept decoded and as stored. */
  memoryBytes: number
  cacheBytes: number
  /** Skip tables kept decoded (until 2026-12-04, blocks and positions too). */
  decodedBytes: number
  /** Absent from reports before blocks were kept as stored. */
  storedBytes?: number
  loadMs: number
  /** Absent from reports before 2026-12-04. */
  fidelity?: Record<string, Fidelity>
  /** Once the busy queries ran too, every cache full: the most an isolate holds (absent from reports before 2026-12-05). */
  busy?: HeldMemory
}

/** The worker's budget a hundred times over: near enough to none for the benchmark's corpora. */
const GENEROUS: SearchLimits = { ...searchLimits }
for (const k of Object.keys(GENEROUS) as (keyof SearchLimits)[]) GENEROUS[k] *= 100

const [dir, queriesPath, passesArg] = process.argv.slice(2) as [string, string, string]
const passes = Number(passesArg)
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as NodeQueries
const before = await heapBytes()
const started = performance.now()
const index = await loadIndex(indexFolder(dir))
const loadMs = performance.now() - started
const run = async (q: string, limits = searchLimits, limit = 10) => {
  const library = index.open()
  const t = performance.now()
  const body = await search(library, { q, limit, offset: 0, filters: {}, sort: 'relevance', origin: 'http://bench' }, limits)
  return { ms: performance.now() - t, body, pages: library.postings.pages.size, postings: library.postings.decoded }
}

for (let pass = 0; pass < WARM_PASSES; pass++) for (const list of Object.values(queries.kinds)) for (const q of list) await run(q)
const result: NodeResult = { kinds: {}, overall: { p50: 0, p95: 0, p99: 0 }, hostile: [], memoryBytes: 0, cacheBytes: 0, decodedBytes: 0, loadMs }
const all: number[] = []
const samples: number[] = []
/** Each query's answer under the worker's budget, from its timed runs (the budget counts pages cached or not: every run answers alike). */
const answers = new Map<string, Awaited<ReturnType<typeof search>>>()
for (const [kind, list] of Object.entries(queries.kinds)) {
  const runs: number[][] = []
  let pages = 0
  let postings = 0
  for (let pass = 0; pass < passes; pass++) {
    const times: number[] = []
    for (const q of list) {
      const r = await run(q)
      answers.set(q, r.body)
      times.push(r.ms)
      pages += r.pages
      postings += r.postings
    }
    runs.push(times)
    samples.push(...times)
  }
  const times = medianPerQuery(runs)
  all.push(...times)
  result.kinds[kind] = {
    p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99),
    pages: pages / (passes * list.length), postings: postings / (passes * list.length),
  }
}
result.overall = { p50: quantile(all, 0.5), p95: quantile(all, 0.95), p99: quantile(all, 0.99) }
result.samples = { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99) }
for (const [name, q] of Object.entries(queries.hostile)) {
  const first = await run(q)
  for (let k = 1; k < hostileWarmRuns(queries.kinds); k++) await run(q)
  const runs = []
  for (let pass = 0; pass < Math.max(15, passes); pass++) runs.push(await run(q))
  const last = runs.at(-1)!
  result.hostile.push({
    name, q, ms: quantile(runs.map((r) => r.ms), 0.5), worstMs: Math.max(...runs.map((r) => r.ms)), firstMs: first.ms,
    pages: last.pages, postings: last.postings, cut: last.body.cut, total: last.body.total, relation: last.body.total_relation,
  })
}
result.memoryBytes = (await heapBytes()) - before
result.cacheBytes = index.cache.bytes
result.decodedBytes = index.skipTables.bytes
result.storedBytes = index.stored.bytes
result.fidelity = {}
for (const [kind, list] of Object.entries(queries.kinds)) {
  let kept = 0
  let shown = 0
  let fullMissed = 0
  for (const q of list) {
    const budgeted = answers.get(q)!
    const generous = (await run(q, GENEROUS)).body
    const ids = new Set(generous.hits.map((h) => h.id))
    kept += budgeted.hits.filter((h) => ids.has(h.id)).length
    shown += generous.hits.length
    if (budgeted.full < Math.min(10, generous.full)) fullMissed++
  }
  result.fidelity[kind] = { share: shown === 0 ? 1 : kept / shown, fullMissed, queries: list.length }
}
if (queries.busy) {
  for (const q of queries.busy) await run(q, searchLimits, 100)
  result.busy = {
    memoryBytes: (await heapBytes()) - before,
    pages: index.cache.bytes, skipTables: index.skipTables.bytes, stored: index.stored.bytes, shown: index.shown.bytes,
  }
}
process.stdout.write(JSON.stringify(result) + '\n')
