/**
 * The rounds of reads a cold query waits on, in a Node model of the edge:
 * `npx tsx bench/rounds.ts INDEX QUERIES.json [PER_KIND] [--verbose]`.
 * Each query runs on an index loaded afresh, its reads answered in rounds of
 * 30 ms (`READ_MS`; bench/read-rounds.ts), six at a time by the worker's own
 * limiter. Prints, per kind, the time's p50 / p95; in all, the rounds' p50 /
 * p95 and sum, and the pages fetched; `--verbose`, each query's rounds, their
 * reads by file kind.
 *
 * The rounds, not the milliseconds, are the figure to compare: the time adds
 * this machine's CPU, which workerd (bench/workerd.ts) measures better.
 */
import { readFileSync } from 'node:fs'
import { loadIndex } from '../src/library'
import { search } from '../src/query/search'
import type { NodeQueries } from './folio-node'
import { indexFolder } from './index-folder'
import { inRounds } from './read-rounds'
import { quantile } from './stats'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const [dir, file, perKind = '40'] = args.filter((a) => a !== '--verbose')
if (!dir || !file) throw new Error('usage: npx tsx bench/rounds.ts INDEX QUERIES.json [PER_KIND] [--verbose]')
const READ_MS = Number(process.env.READ_MS ?? 30)

const { kinds } = JSON.parse(readFileSync(file, 'utf8')) as NodeQueries
const disk = indexFolder(dir)
const kindOf = (path: string) => path.replace(/^index\//, '').replace(/\..*/, '')

const rounds: number[] = []
let fetched = 0
for (const [kind, queries] of Object.entries(kinds)) {
  const times: number[] = []
  for (const q of queries.slice(0, Number(perKind))) {
    const edge = inRounds(disk, READ_MS)
    const library = (await loadIndex(edge.read)).open()
    edge.logging = true
    const start = performance.now()
    await search(library, { q, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'http://bench' })
    times.push(performance.now() - start)
    rounds.push(edge.log.length)
    fetched += edge.log.flat().length
    if (verbose) {
      const shown = edge.log.map((paths) => {
        const counts = new Map<string, number>()
        for (const p of paths) counts.set(kindOf(p), (counts.get(kindOf(p)) ?? 0) + 1)
        return [...counts].map(([k, n]) => `${k} ${n}`).join(', ')
      })
      console.log(`${kind} ${times.at(-1)!.toFixed(0)} ms, ${edge.log.length} rounds | ${shown.join(' | ')} | ${q}`)
    }
  }
  console.log(`${kind.padEnd(10)} p50 ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms`)
}
const sum = rounds.reduce((a, b) => a + b, 0)
console.log(`rounds p50 ${quantile(rounds, 0.5)}, p95 ${quantile(rounds, 0.95)}, sum ${sum} over ${rounds.length} queries; pages fetched ${fetched}`)
