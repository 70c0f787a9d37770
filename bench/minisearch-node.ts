/**
 * Plain MiniSearch on a corpus folder, in a process of its own, for the
 * figures beside Folio's at scale:
 * `node --expose-gc --max-old-space-size=N --import tsx bench/minisearch-node.ts CORPUS QUERIES.json PASSES`.
 * It indexes every unit's text (as the peers of bench/engines.ts do),
 * searches with a search box's options (`prefix: true, fuzzy: 0.2`), and
 * prints, as JSON: build time, memory once built, latency per kind.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import MiniSearch from 'minisearch'
import { readCorpus } from '../index/corpus'
import type { NodeQueries } from './folio-node'
import { heapBytes, medianPerQuery, quantile, WARM_PASSES } from './stats'

export interface MiniSearchResult {
  buildMs: number
  memoryBytes: number
  kinds: Record<string, { p50: number; p95: number; p99: number }>
  overall: { p50: number; p95: number; p99: number }
}

const [dir, queriesPath, passesArg] = process.argv.slice(2) as [string, string, string]
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as NodeQueries
// Measured from before the corpus is read: once the units are let go, what is left is the index.
const before = await heapBytes()
let units: { id: string; text: string }[] = (await readCorpus(dir)).documents.flatMap((d) => d.units.map((u) => ({ id: u.id, text: u.text })))
const started = performance.now()
const index = new MiniSearch({ fields: ['text'], idField: 'id' })
index.addAll(units)
const buildMs = performance.now() - started
units = []
const result: MiniSearchResult = { buildMs, memoryBytes: (await heapBytes()) - before, kinds: {}, overall: { p50: 0, p95: 0, p99: 0 } }
const search = (q: string) => index.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, 10)
for (let pass = 0; pass < WARM_PASSES; pass++) for (const list of Object.values(queries.kinds)) for (const q of list) search(q)
const all: number[] = []
for (const [kind, list] of Object.entries(queries.kinds)) {
  const runs: number[][] = []
  for (let pass = 0; pass < Number(passesArg); pass++) {
    runs.push(list.map((q) => {
      const t = performance.now()
      search(q)
      return performance.now() - t
    }))
  }
  const times = medianPerQuery(runs)
  all.push(...times)
  result.kinds[kind] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99) }
}
result.overall = { p50: quantile(all, 0.5), p95: quantile(all, 0.95), p99: quantile(all, 0.99) }
process.stdout.write(JSON.stringify(result) + '\n')
