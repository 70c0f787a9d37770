/**
 * Exact phrases, checked on positions: a match holds `"June 20"` when some
 * occurrence of `june` is followed by one of `20`, each the word as the
 * phrase writes it (a variant of its term), not only its stem. Positions are
 * read for the candidates alone, block by block.
 */
import { PostingsSession } from '../postings'
import type { Plan, PhraseWord } from './plan'

/** Where each word of the corpus stands in one unit, by word (`term` NUL `variant`). */
type Occurrences = Map<string, number[]>

export class PhraseChecker {
  /** Units checked so far (the query's budget counts them). */
  checked = 0

  constructor(
    readonly session: PostingsSession,
    readonly plan: Plan,
  ) {}

  /** The words of `units` (ascending) that `phrases` name, where they stand. */
  async occurrences(units: Uint32Array, phrases: readonly PhraseWord[][]): Promise<Occurrences[]> {
    this.checked += units.length
    const out = Array.from(units, () => new Map<string, number[]>())
    const terms = [...new Set(phrases.flat(2).map((w) => w.term))]
    await Promise.all(terms.map(async (term) => {
      const info = this.plan.terms.get(term)
      if (!info) return
      const skips = await this.session.skips(info)
      const blocks = PostingsSession.blocksOf(skips, units)
      const needed = [...new Set(blocks)].filter((b) => b >= 0)
      const loaded = new Map(await Promise.all(needed.map(async (b) =>
        [b, await Promise.all([this.session.block(info, skips, b), this.session.positions(info, skips, b)])] as const)))
      for (let i = 0; i < units.length; i++) {
        if (blocks[i]! < 0) continue
        const [block, positions] = loaded.get(blocks[i]!)!
        const k = indexOf(block.units, units[i]!, block.count)
        if (k < 0) continue
        for (let o = positions.start[k]!; o < positions.start[k + 1]!; o++) {
          const key = `${term}\u0000${positions.variants[o]}`
          const list = out[i]!.get(key)
          if (list) list.push(positions.at[o]!)
          else out[i]!.set(key, [positions.at[o]!])
        }
      }
    }))
    return out
  }
}

/** Whether the words stand together, in order. */
export function holds(occurrences: Occurrences, phrase: readonly PhraseWord[]): boolean {
  const at = phrase.map((word) => new Set(word.flatMap((w) => occurrences.get(`${w.term}\u0000${w.variant}`) ?? [])))
  for (const p of at[0] ?? []) if (at.every((set, j) => set.has(p + j))) return true
  return false
}

function indexOf(units: Uint32Array, unit: number, count: number): number {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (units[mid]! < unit) lo = mid + 1
    else hi = mid
  }
  return lo < count && units[lo] === unit ? lo : -1
}
