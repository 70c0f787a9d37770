/**
 * The corpus vocabulary: every word as folded, sorted, with its index term and
 * how many units contain it. Completions and prefix search read words, not
 * stems, so that `negotiat*` finds `negotiations` (stem `negoti`) and a
 * completion reads `Krasnoyarsk`, not `krasnoyarsk`'s stem.
 */
import { findTerm } from './evaluate'

export interface WordInfo {
  word: string
  term: string
  /** Units that contain the word. */
  units: number
  /** How the word is usually written. */
  display: string
}

/** The vocabulary as parallel lists, words sorted by code unit. */
export interface VocabularyLists {
  words: readonly string[]
  /** The index terms, sorted; `termOf[w]` is the position of word `w`'s term. */
  terms: readonly string[]
  termOf: ArrayLike<number>
  units: ArrayLike<number>
  /** How each word is usually written; empty when it is written as folded. */
  display: readonly string[]
}

export class Vocabulary {
  readonly #lists: VocabularyLists

  constructor(lists: VocabularyLists) {
    this.#lists = lists
  }

  get size(): number {
    return this.#lists.words.length
  }

  /** Whether any word of the corpus has this index term. */
  hasTerm(term: string): boolean {
    return findTerm(this.#lists.terms, term) >= 0
  }

  /** The words starting with `prefix` (folded), most widespread first, at most `max`. */
  startingWith(prefix: string, max: number): WordInfo[] {
    const { words, units } = this.#lists
    const found: number[] = []
    for (let i = this.#lowerBound(prefix); i < words.length && words[i]!.startsWith(prefix); i++) found.push(i)
    return found
      .sort((a, b) => units[b]! - units[a]! || a - b)
      .slice(0, max)
      .map((i) => this.#info(i))
  }

  /**
   * The vocabulary positions of a folded word: just its own, or for a prefix
   * every word it begins, as a range `[from, to)` (empty when none).
   */
  positions(word: string, prefix: boolean): [from: number, to: number] {
    const { words } = this.#lists
    const from = this.#lowerBound(word)
    if (!prefix) return words[from] === word ? [from, from + 1] : [from, from]
    let to = from
    while (to < words.length && words[to]!.startsWith(word)) to++
    return [from, to]
  }

  /**
   * The words within `maxEdits` edits (Levenshtein) of `word` (folded),
   * nearest and most widespread first, at most `max`.
   *
   * The sorted word list is walked as the trie it implies: the edit-distance
   * row of a prefix is computed once for every word sharing it, and a prefix
   * already too far from `word` skips all its words at once. This needs no
   * tree built at start-up (building MiniSearch's SearchableMap of the words
   * took longer than the rest of the first query).
   */
  near(word: string, maxEdits: number, max: number): (WordInfo & { edits: number })[] {
    const { words } = this.#lists
    const m = word.length
    const width = m + 1
    let rows = new Int32Array(width * 64)
    for (let j = 0; j <= m; j++) rows[j] = j
    const found: { i: number; edits: number }[] = []
    let previous = ''
    let depth = 0 // rows are valid for prefixes of `previous` up to this length
    let i = 0
    walk: while (i < words.length) {
      const w = words[i]!
      let d = 0
      const shared = Math.min(depth, w.length)
      while (d < shared && w.charCodeAt(d) === previous.charCodeAt(d)) d++
      if ((w.length + 1) * width > rows.length) {
        const grown = new Int32Array((w.length + 1) * width * 2)
        grown.set(rows)
        rows = grown
      }
      for (; d < w.length; d++) {
        const above = d * width
        const here = above + width
        const c = w.charCodeAt(d)
        rows[here] = d + 1
        let least = d + 1
        for (let j = 1; j <= m; j++) {
          const v = Math.min(rows[above + j]! + 1, rows[here + j - 1]! + 1, rows[above + j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1))
          rows[here + j] = v
          if (v < least) least = v
        }
        if (least > maxEdits) {
          // No word beginning so can come within reach: skip them all.
          previous = w
          depth = d
          i = this.#lowerBound(w.slice(0, d) + String.fromCharCode(c + 1))
          if (c === 0xffff) i = words.length
          continue walk
        }
      }
      const edits = rows[w.length * width + m]!
      if (edits <= maxEdits) found.push({ i, edits })
      previous = w
      depth = w.length
      i++
    }
    return found
      .map(({ i, edits }) => ({ ...this.#info(i), edits }))
      .sort((a, b) => a.edits - b.edits || b.units - a.units)
      .slice(0, max)
  }

  #info(i: number): WordInfo {
    const { words, terms, termOf, units, display } = this.#lists
    const word = words[i]!
    return { word, term: terms[termOf[i]!]!, units: units[i]!, display: display[i] || word }
  }

  #lowerBound(key: string): number {
    const { words } = this.#lists
    let lo = 0
    let hi = words.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (words[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
