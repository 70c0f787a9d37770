/**
 * Exact phrases, checked on positions: a match holds `"June 20"` when some
 * occurrence of `june` is followed by one of `20`, each the word as the
 * phrase writes it (a variant of its term), not only its stem. Positions are
 * read for the candidates alone, block by block.
 */
import { firstNotBelow } from '../bisect'
import type { Matches } from '../query-tree'
import type { TermInfo } from '../format/lexicon'
import type { Block, BlockPositions } from '../format/postings'
import { PostingsSession } from '../postings'
import { ROUND_PAGES, type PageReader } from '../store/reader'
import type { Plan, PhraseWord } from './plan'

/** Where a term stands in each candidate: its block's postings and positions, and the candidate's place in the block (-1: absent). */
interface TermAt {
  blocks: (readonly [Block, BlockPositions] | undefined)[]
  block: Int32Array
  posting: Int32Array
}

/** The positions of a batch of candidates, for the phrases asked about. */
export class Occurrences {
  /** `terms`: where each term stands among the candidates checked; `slot`: each candidate's place among them (-1: not checked, as it cannot hold a phrase). */
  constructor(
    readonly terms: ReadonlyMap<string, TermAt>,
    readonly slot: Int32Array,
  ) {}

  /** Whether candidate `c` holds the phrase's words together, in order. */
  holds(c: number, phrase: readonly PhraseWord[]): boolean {
    const first = phrase[0]
    const i = this.slot[c]!
    if (!first || i < 0) return false
    for (let a = 0; a < first.length; a++) {
      const t = this.terms.get(first[a]!.term)
      if (!t || t.block[i]! < 0) continue
      const positions = t.blocks[t.block[i]!]![1]
      const k = t.posting[i]!
      positions.decode(k)
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
    positions.decode(k)
    const end = positions.start[k + 1]!
    const lo = firstNotBelow(positions.at, p, positions.start[k]!, end)
    return lo < end && positions.at[lo] === p && positions.variants[lo] === variant
  }
}

export class PhraseChecker {
  /**
   * Positions read so far, a candidate's of one term each (`budget` counts them): a candidate of eight phrases over nine words
   * costs what four and a half of one two-word phrase do, as reading and matching them does.
   */
  #read = 0
  /** The phrases' words, as index terms: those whose positions are read. */
  readonly terms: ReadonlySet<string>

  /** The phrases checked: those the query asks for and those it excludes. */
  readonly phrases: readonly PhraseWord[][]

  constructor(
    readonly session: PostingsSession,
    readonly plan: Plan,
    /** Positions the query's phrases may read, in all. */
    readonly budget: number,
  ) {
    this.phrases = [...plan.groups.flat().flatMap((c) => (c.phrase ? [c.phrase] : [])), ...plan.excludedPhrases]
    this.terms = new Set(this.phrases.flat(2).map((w) => w.term))
  }

  /** Candidates whose positions what is left of the budget pays for. */
  room(): number {
    return Math.max(0, Math.floor((this.budget - this.#read) / Math.max(1, this.terms.size)))
  }

  /**
   * The candidates of a batch whose terms allow one of the phrases (a word
   * of the phrase not among them, it cannot stand there): only these are
   * checked on positions, and counted. A term the batch does not record
   * might be there.
   */
  candidates(m: Matches): number[] {
    const bits = this.phrases.map((p) => p.map((word) => word.map((w) => m.terms.indexOf(w.term))))
    const has = (i: number, bit: number) => bit < 0 || ((m.masks[i * m.words + (bit >>> 5)]! >>> (bit & 31)) & 1) === 1
    const out: number[] = []
    for (let i = 0; i < m.units.length; i++) if (bits.some((p) => p.every((word) => word.some((bit) => has(i, bit))))) out.push(i)
    return out
  }

  /**
   * Starts fetching the positions pages that checking the candidates of `m`
   * (as many as the budget has {@link room} for) will read from `lists` (the
   * terms being evaluated: the plan's, or their titles' lists),
   * when they fit in a round of reads: the batches of one round of the
   * evaluation then read their positions in one round, not one each. Only a
   * cold request reads ahead ({@link PageReader.cold}).
   */
  async fetchAhead(m: Matches, lists: ReadonlyMap<string, TermInfo>): Promise<void> {
    if (!this.session.reader.cold) return
    const units = Uint32Array.from(this.candidates(m).slice(0, this.room()), (c) => m.units[c]!)
    if (units.length === 0) return
    const terms = [...this.terms].flatMap((term) => lists.get(term) ?? [])
    const wanted = await Promise.all(terms.map(async (t) => {
      const skips = await this.session.skips(t)
      return { t, skips, blocks: PostingsSession.distinct(PostingsSession.blocksOf(skips, units)) }
    }))
    this.session.fetchAhead(wanted, ROUND_PAGES, 'positions')
  }

  /**
   * Reads the positions of the candidates of `m` that may hold one of the phrases (`checked`, when known), for the terms those
   * name, from `lists` (as {@link fetchAhead}).
   */
  async occurrences(m: Matches, lists: ReadonlyMap<string, TermInfo>, checked = this.candidates(m)): Promise<Occurrences> {
    const slot = new Int32Array(m.units.length).fill(-1)
    checked.forEach((c, i) => (slot[c] = i))
    const units = Uint32Array.from(checked, (c) => m.units[c]!)
    this.#read += units.length * this.terms.size
    const found = new Map<string, TermAt>()
    await Promise.all([...this.terms].map(async (term) => {
      const info = lists.get(term)
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
    return new Occurrences(found, slot)
  }
}

function indexOf(units: Uint32Array, unit: number, count: number): number {
  const lo = firstNotBelow(units, unit, 0, count)
  return lo < count && units[lo] === unit ? lo : -1
}
