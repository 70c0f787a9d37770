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

  /** A folded word of the corpus, or undefined. */
  lookup(word: string): WordInfo | undefined {
    const [from, to] = this.positions(word, false)
    return from < to ? this.#info(from) : undefined
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
   * The words within `maxEdits` edits of `word` (folded), nearest and most
   * widespread first, at most `max`. An edit is a letter left out, added or
   * changed, or two neighbours swapped (`goverment`, `goverenment`,
   * `govermnent` are one edit from `government`).
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
    let least = new Int32Array(64)
    for (let j = 0; j <= m; j++) rows[j] = j
    least[0] = 0
    const found: { i: number; edits: number }[] = []
    let previous = ''
    let depth = 0 // rows are valid for prefixes of `previous` up to this length
    let i = 0
    walk: while (i < words.length) {
      const w = words[i]!
      let d = 0
      const shared = Math.min(depth, w.length)
      while (d < shared && w.charCodeAt(d) === previous.charCodeAt(d)) d++
      if (w.length + 1 > least.length) {
        const size = (w.length + 1) * 2
        const grown = new Int32Array(size * width)
        grown.set(rows)
        rows = grown
        const grownLeast = new Int32Array(size)
        grownLeast.set(least)
        least = grownLeast
      }
      for (; d < w.length; d++) {
        const above = d * width
        const here = above + width
        const c = w.charCodeAt(d)
        rows[here] = d + 1
        let low = d + 1
        for (let j = 1; j <= m; j++) {
          let v = Math.min(rows[above + j]! + 1, rows[here + j - 1]! + 1, rows[above + j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1))
          if (d > 0 && j > 1 && c === word.charCodeAt(j - 2) && w.charCodeAt(d - 1) === word.charCodeAt(j - 1)) {
            v = Math.min(v, rows[above - width + j - 2]! + 1)
          }
          rows[here + j] = v
          if (v < low) low = v
        }
        least[d + 1] = low
        // A row and the one before it both out of reach: no word beginning so can come back within it.
        if (low > maxEdits && least[d]! >= maxEdits) {
          previous = w
          depth = d
          i = c === 0xffff ? words.length : this.#lowerBound(w.slice(0, d) + String.fromCharCode(c + 1), i)
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

  /** The first position whose word is not below `key`, searching from `from` (galloping: skips are mostly short). */
  #lowerBound(key: string, from = 0): number {
    const { words } = this.#lists
    let lo = from
    let step = 1
    while (lo + step < words.length && words[lo + step]! < key) {
      lo += step
      step *= 2
    }
    let hi = Math.min(words.length, lo + step)
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (words[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
