/**
 * Folio's queries in a process of their own, holding the index as a worker
 * does (nothing else in memory to disturb the figures):
 * `node --expose-gc --import tsx bench/folio-node.ts INDEX QUERIES.json PASSES`.
 *
 * Every query runs once to warm the caches, then PASSES times; a query's time
 * is the time it takes in a process that does nothing else, every page in
 * memory after the first pass (so, its CPU time). Prints, as JSON: per kind the latency
 * percentiles and the pages and postings read, each hostile query's worst
 * time and what it cut, and the memory the index holds after all of it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadIndex } from '../src/library'
import { search } from '../src/query/search'
import { quantile } from './stats'

export interface NodeQueries {
  kinds: Record<string, string[]>
  hostile: Record<string, string>
}

export interface NodeResult {
  kinds: Record<string, { p50: number; p95: number; p99: number; pages: number; postings: number }>
  overall: { p50: number; p95: number; p99: number }
  hostile: { name: string; q: string; ms: number; postings: number; pages: number; cut: string[]; total: number; relation: string }[]
  /** Heap and array buffers in use once every query has run: resident tables, cached pages, decoded blocks. */
  memoryBytes: number
  cacheBytes: number
  decodedBytes: number
  loadMs: number
}

const [dir, queriesPath, passesArg] = process.argv.slice(2) as [string, string, string]
const passes = Number(passesArg)
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as NodeQueries
const memory = () => {
  globalThis.gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}
const before = memory()
const started = performance.now()
const index = await loadIndex(async (path) => {
  try {
    return new Response(readFileSync(join(dir, path.replace(/^index\//, ''))))
  } catch {
    return new Response('not found', { status: 404 })
  }
})
const loadMs = performance.now() - started
const run = async (q: string) => {
  const library = index.open()
  const t = performance.now()
  const body = await search(library, { q, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'http://bench' })
  return { ms: performance.now() - t, body, pages: library.reader.touched.size, postings: library.postings.decoded }
}

for (const list of Object.values(queries.kinds)) for (const q of list) await run(q)
const result: NodeResult = { kinds: {}, overall: { p50: 0, p95: 0, p99: 0 }, hostile: [], memoryBytes: 0, cacheBytes: 0, decodedBytes: 0, loadMs }
const all: number[] = []
for (const [kind, list] of Object.entries(queries.kinds)) {
  const times: number[] = []
  let pages = 0
  let postings = 0
  for (let pass = 0; pass < passes; pass++) {
    for (const q of list) {
      const r = await run(q)
      times.push(r.ms)
      pages += r.pages
      postings += r.postings
    }
  }
  all.push(...times)
  result.kinds[kind] = {
    p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99),
    pages: pages / times.length, postings: postings / times.length,
  }
}
result.overall = { p50: quantile(all, 0.5), p95: quantile(all, 0.95), p99: quantile(all, 0.99) }
for (const [name, q] of Object.entries(queries.hostile)) {
  await run(q)
  let worst = { ms: 0, pages: 0, postings: 0, cut: [] as string[], total: 0, relation: '' }
  for (let pass = 0; pass < Math.max(3, passes); pass++) {
    const r = await run(q)
    if (r.ms > worst.ms) worst = { ms: r.ms, pages: r.pages, postings: r.postings, cut: r.body.cut, total: r.body.total, relation: r.body.total_relation }
  }
  result.hostile.push({ name, q, ...worst })
}
result.memoryBytes = memory() - before
result.cacheBytes = index.cache.bytes
result.decodedBytes = index.decoded.bytes
process.stdout.write(JSON.stringify(result) + '\n')
