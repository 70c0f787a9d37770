/**
 * The corpus vocabulary: every word as folded, sorted, with its index term and
 * how many units contain it. Completions and prefix search read words, not
 * stems, so that `negotiat*` finds `negotiations` (stem `negoti`) and a
 * completion reads `Krasnoyarsk`, not `krasnoyarsk`'s stem.
 */
import SearchableMap from 'minisearch/SearchableMap'
import { findTerm } from './packed-index'

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
  /** Words → positions, for fuzzy lookup; built on the first fuzzy query. */
  #tree: SearchableMap<number> | undefined

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

  /** The words within `maxEdits` edits of `word` (folded), nearest and most widespread first, at most `max`. */
  near(word: string, maxEdits: number, max: number): (WordInfo & { edits: number })[] {
    this.#tree ??= SearchableMap.from(this.#lists.words.map((w, i) => [w, i] as [string, number]))
    return [...this.#tree.fuzzyGet(word, maxEdits)]
      .map(([, [i, edits]]) => ({ ...this.#info(i), edits }))
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
