/**
 * The rounds of reads a cold query waits on, in a Node model of the edge:
 * `npx tsx bench/rounds.ts INDEX QUERIES.json [PER_KIND] [--verbose]`.
 * Each query runs on an index loaded afresh; every page it reads is answered
 * 30 ms later (`READ_MS`), six at a time by the worker's own limiter. A read
 * asked for within 24 ms of the round's first opens no new round. Prints, per
 * kind, the time's p50 / p95; in all, the rounds' p50 / p95 and sum, and the
 * pages fetched; `--verbose`, each query's rounds, their reads by file kind.
 *
 * The rounds, not the milliseconds, are the figure to compare: the time adds
 * this machine's CPU, which workerd (bench/workerd.ts) measures better.
 */
import { readFileSync } from 'node:fs'
import { loadIndex } from '../src/library'
import { search } from '../src/query/search'
import type { NodeQueries } from './folio-node'
import { indexFolder } from './index-folder'
import { quantile } from './stats'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const [dir, file, perKind = '40'] = args.filter((a) => a !== '--verbose')
if (!dir || !file) throw new Error('usage: npx tsx bench/rounds.ts INDEX QUERIES.json [PER_KIND] [--verbose]')
const READ_MS = Number(process.env.READ_MS ?? 30)

const { kinds } = JSON.parse(readFileSync(file, 'utf8')) as NodeQueries
const disk = indexFolder(dir)
/** The reads of the query under way (none while an index loads), each with when it was asked for and its file's kind. */
let reads: { at: number; kind: string }[] | undefined
let start = 0
const delayed = async (path: string) => {
  if (reads) {
    reads.push({ at: performance.now() - start, kind: path.replace(/^index\//, '').replace(/\..*/, '') })
    await new Promise((resolve) => setTimeout(resolve, READ_MS))
  }
  return disk(path)
}

const rounds: number[] = []
let fetched = 0
for (const [kind, queries] of Object.entries(kinds)) {
  const times: number[] = []
  for (const q of queries.slice(0, Number(perKind))) {
    reads = undefined
    const library = (await loadIndex(delayed)).open()
    reads = []
    start = performance.now()
    await search(library, { q, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'http://bench' })
    times.push(performance.now() - start)
    const byRound: { at: number; kinds: Map<string, number> }[] = []
    for (const r of reads) {
      if (!byRound.length || r.at >= byRound.at(-1)!.at + READ_MS * 0.8) byRound.push({ at: r.at, kinds: new Map() })
      const counts = byRound.at(-1)!.kinds
      counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1)
    }
    rounds.push(byRound.length)
    fetched += reads.length
    if (verbose) {
      const shown = byRound.map((r) => `${r.at.toFixed(0)}: ${[...r.kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`)
      console.log(`${kind} ${times.at(-1)!.toFixed(0)} ms, ${byRound.length} rounds | ${shown.join(' | ')} | ${q}`)
    }
  }
  console.log(`${kind.padEnd(10)} p50 ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms`)
}
const sum = rounds.reduce((a, b) => a + b, 0)
console.log(`rounds p50 ${quantile(rounds, 0.5)}, p95 ${quantile(rounds, 0.95)}, sum ${sum} over ${rounds.length} queries; pages fetched ${fetched}`)
