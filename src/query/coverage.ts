/**
 * How much of a query a unit's document holds: a partial match in a document
 * that has the query's other words elsewhere (a memorandum whose title names
 * the meeting, whose next paragraph names the island) is more likely about
 * the topic than one in a document that lacks them. Passage retrieval has
 * long used the document as evidence for its passages (Callan 1994).
 *
 * Read from the postings: for each term, whether a posting falls in the
 * document's range of units. A block whose first unit is in the range
 * answers without being decoded.
 */
import { firstNotBelow } from '../bisect'
import type { Library } from '../library'
import type { Plan } from './plan'

/**
 * For each document asked about, how many of the plan's groups it holds in
 * some unit (a group counts when one of its terms is there); stops, leaving
 * the rest out, before `postings` would be passed.
 */
export async function documentCoverage(library: Library, plan: Plan, documents: Iterable<number>, postings: number): Promise<Map<number, number>> {
  const session = library.postings
  const docs = library.documents
  const wanted = [...new Set(documents)].sort((a, b) => a - b)
  const groups = plan.groups.map((g) => [...new Set(g.flatMap((c) => [...c.terms]))].flatMap((term) => plan.terms.get(term) ?? []))
  const terms = [...new Set(groups.flat())]
  const skips = new Map(await Promise.all(terms.map(async (t) => [t, await session.skips(t)] as const)))
  const coverage = new Map<number, number>()
  for (const d of wanted) {
    const from = docs.first[d]!
    const to = docs.first[d + 1]! - 1
    let held = 0
    for (const group of groups) {
      for (const t of group) {
        const s = skips.get(t)!
        const b = firstNotBelow(s.last, from, 0, s.blocks)
        if (b >= s.blocks || s.first[b]! > to) continue
        if (s.first[b]! < from) {
          if (session.decoded + s.count[b]! > postings) return coverage
          const block = await session.block(t, s, b)
          const i = firstNotBelow(block.units, from, 0, block.count)
          if (i >= block.count || block.units[i]! > to) continue
        }
        held++
        break
      }
    }
    coverage.set(d, held)
  }
  return coverage
}
