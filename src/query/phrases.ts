/**
 * Exact phrases, checked on positions: a match holds `"June 20"` when some
 * occurrence of `june` is followed by one of `20`, each the word as the
 * phrase writes it (a variant of its term), not only its stem. Positions are
 * read for the candidates alone, block by block.
 */
import { firstNotBelow } from '../bisect'
import type { Block, BlockPositions } from '../format/postings'
import { PostingsSession } from '../postings'
import type { Plan, PhraseWord } from './plan'

/** Where a term stands in each candidate: its block's postings and positions, and the candidate's place in the block (-1: absent). */
interface TermAt {
  blocks: (readonly [Block, BlockPositions] | undefined)[]
  block: Int32Array
  posting: Int32Array
}

/** The positions of a batch of candidates, for the phrases asked about. */
export class Occurrences {
  constructor(readonly terms: ReadonlyMap<string, TermAt>) {}

  /** Whether candidate `i` holds the phrase's words together, in order. */
  holds(i: number, phrase: readonly PhraseWord[]): boolean {
    const first = phrase[0]
    if (!first) return false
    for (let a = 0; a < first.length; a++) {
      const t = this.terms.get(first[a]!.term)
      if (!t || t.block[i]! < 0) continue
      const positions = t.blocks[t.block[i]!]![1]
      const k = t.posting[i]!
      for (let o = positions.start[k]!; o < positions.start[k + 1]!; o++) {
        if (positions.variants[o] !== first[a]!.variant) continue
        const p = positions.at[o]!
        let j = 1
        for (; j < phrase.length; j++) {
          const word = phrase[j]!
          let found = false
          for (let b = 0; b < word.length && !found; b++) found = this.#standsAt(word[b]!.term, word[b]!.variant, i, p + j)
          if (!found) break
        }
        if (j === phrase.length) return true
      }
    }
    return false
  }

  /** Whether the term's variant stands at position `p` of candidate `i`. */
  #standsAt(term: string, variant: number, i: number, p: number): boolean {
    const t = this.terms.get(term)
    if (!t || t.block[i]! < 0) return false
    const positions = t.blocks[t.block[i]!]![1]
    const k = t.posting[i]!
    const end = positions.start[k + 1]!
    const lo = firstNotBelow(positions.at, p, positions.start[k]!, end)
    return lo < end && positions.at[lo] === p && positions.variants[lo] === variant
  }
}

export class PhraseChecker {
  /** Candidates checked so far (the query's budget counts them). */
  checked = 0

  constructor(
    readonly session: PostingsSession,
    readonly plan: Plan,
  ) {}

  /** Reads the positions of `units` (ascending) for the terms `phrases` name. */
  async occurrences(units: Uint32Array, phrases: readonly PhraseWord[][]): Promise<Occurrences> {
    this.checked += units.length
    const terms = [...new Set(phrases.flat(2).map((w) => w.term))]
    const found = new Map<string, TermAt>()
    await Promise.all(terms.map(async (term) => {
      const info = this.plan.terms.get(term)
      if (!info) return
      const skips = await this.session.skips(info)
      const blockOf = PostingsSession.blocksOf(skips, units)
      const needed = PostingsSession.distinct(blockOf)
      const loaded = await Promise.all(needed.map((b) => Promise.all([this.session.block(info, skips, b), this.session.positions(info, skips, b)] as const)))
      const at: TermAt = { blocks: loaded, block: new Int32Array(units.length).fill(-1), posting: new Int32Array(units.length) }
      // Blocks ascend with the units: the slot of each unit's block moves forward only.
      let k = 0
      for (let i = 0; i < units.length; i++) {
        const b = blockOf[i]!
        if (b < 0) continue
        while (needed[k] !== b) k++
        const block = loaded[k]![0]
        const p = indexOf(block.units, units[i]!, block.count)
        if (p < 0) continue
        at.block[i] = k
        at.posting[i] = p
      }
      found.set(term, at)
    }))
    return new Occurrences(found)
  }
}

function indexOf(units: Uint32Array, unit: number, count: number): number {
  const lo = firstNotBelow(units, unit, 0, count)
  return lo < count && units[lo] === unit ? lo : -1
}
