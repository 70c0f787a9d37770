/**
 * Two versions of Folio side by side in one process, each with its own copy
 * of one index, their queries alternated:
 * `npx tsx bench/side-by-side.ts OTHER_TREE INDEX QUERIES.json [RUNS]`.
 * OTHER_TREE is a checkout of the other version that reads the same index
 * format (`git worktree add /tmp/before REV`, its `node_modules` linked to
 * this one's); QUERIES is a query set as `bench/folio-node.ts` takes it.
 *
 * This machine's speed drifts by half from one process or hour to the next.
 * Two versions in one process share the drift, so the ratio of their times
 * holds where figures from separate runs do not. Prints, for each query kind
 * and hostile query, each version's median over RUNS runs (default 20) of
 * its mean time a query, and whether their answers (hit ids, total, cut)
 * are the same.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { NodeQueries } from './folio-node'
import { indexFolder } from './index-folder'
import { hostileWarmRuns, median, WARM_PASSES } from './stats'

type Ask = (q: string) => Promise<{ hits: { id: string }[]; total: number; cut: string[] }>

/** A version of Folio from its source tree, with the index loaded afresh: a function that searches it. */
async function version(tree: string, index: string): Promise<Ask> {
  const { loadIndex } = await import(join(tree, 'src/library.ts'))
  const { search } = await import(join(tree, 'src/query/search.ts'))
  const loaded = await loadIndex(indexFolder(index))
  return (q) => search(loaded.open(), { q, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'http://bench' })
}

const [other, index, queriesPath, runsArg] = process.argv.slice(2) as [string, string, string, string | undefined]
if (!other || !index || !queriesPath) {
  console.error('usage: npx tsx bench/side-by-side.ts OTHER_TREE INDEX QUERIES.json [RUNS]')
  process.exit(2)
}
const runs = Number(runsArg ?? 20)
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as NodeQueries
const versions = { other: await version(resolve(other), index), this: await version(resolve('.'), index) }
// Hostile queries take paths the kinds do not: each is warmed as the kinds are before it is timed.
const sets = [
  ...Object.entries(queries.kinds).map(([name, list]) => ({ name, list, warmed: true })),
  ...Object.entries(queries.hostile).map(([name, q]) => ({ name: `hostile: ${name}`, list: [q], warmed: false })),
]

const warm = async (lists: string[][], passes: number) => {
  for (let pass = 0; pass < passes; pass++) for (const list of lists) for (const q of list) for (const ask of Object.values(versions)) await ask(q)
}
await warm(Object.values(queries.kinds), WARM_PASSES)
console.log(`${'queries'.padEnd(24)} ${'other'.padStart(8)} ${'this'.padStart(8)}  (ms a query: median of ${runs} runs)`)
for (const { name, list, warmed } of sets) {
  const times = { other: [] as number[], this: [] as number[] }
  const answers = { other: '', this: '' }
  if (!warmed) await warm([list], hostileWarmRuns(queries.kinds))
  for (let run = 0; run < runs; run++) {
    // Each version goes first in every other run.
    for (const which of run % 2 === 0 ? (['other', 'this'] as const) : (['this', 'other'] as const)) {
      let spent = 0
      for (const q of list) {
        const started = performance.now()
        const answer = await versions[which](q)
        spent += performance.now() - started
        if (run === 0) answers[which] += `${answer.hits.map((h) => h.id).join(',')} ${answer.total} ${answer.cut.join(',')};`
      }
      times[which].push(spent / list.length)
    }
  }
  const same = answers.other === answers.this ? 'same answers' : 'answers differ'
  console.log(`${name.padEnd(24)} ${median(times.other).toFixed(2).padStart(8)} ${median(times.this).toFixed(2).padStart(8)}  ${same}`)
}
