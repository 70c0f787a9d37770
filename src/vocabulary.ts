/**
 * The corpus vocabulary: every word as folded, sorted, with its index term and
 * how many units contain it. Completions and prefix search read words, not
 * stems, so that `negotiat*` finds `negotiations` (stem `negoti`) and a
 * completion reads `Krasnoyarsk`, not `krasnoyarsk`'s stem.
 */
import SearchableMap from 'minisearch/SearchableMap'
import type { VocabularyEntry } from './artifacts'

export interface WordInfo {
  word: string
  term: string
  /** Units that contain the word. */
  units: number
  /** How the word is usually written. */
  display: string
}

export class Vocabulary {
  readonly #entries: readonly VocabularyEntry[]
  readonly #terms: Set<string>
  /** Words → entry positions, for fuzzy lookup; built on the first fuzzy query. */
  #tree: SearchableMap<number> | undefined

  constructor(entries: readonly VocabularyEntry[]) {
    this.#entries = entries
    this.#terms = new Set(entries.map((e) => e[1]))
  }

  get size(): number {
    return this.#entries.length
  }

  /** Whether any word of the corpus has this index term. */
  hasTerm(term: string): boolean {
    return this.#terms.has(term)
  }

  /** The words starting with `prefix` (folded), most widespread first, at most `max`. */
  startingWith(prefix: string, max: number): WordInfo[] {
    const found: VocabularyEntry[] = []
    for (let i = this.#lowerBound(prefix); i < this.#entries.length; i++) {
      const e = this.#entries[i]!
      if (!e[0].startsWith(prefix)) break
      found.push(e)
    }
    return found
      .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1))
      .slice(0, max)
      .map(info)
  }

  /** The words within `maxEdits` edits of `word` (folded), nearest and most widespread first, at most `max`. */
  near(word: string, maxEdits: number, max: number): (WordInfo & { edits: number })[] {
    this.#tree ??= SearchableMap.from(this.#entries.map((e, i) => [e[0], i] as [string, number]))
    return [...this.#tree.fuzzyGet(word, maxEdits)]
      .map(([, [i, edits]]) => ({ ...info(this.#entries[i]!), edits }))
      .sort((a, b) => a.edits - b.edits || b.units - a.units)
      .slice(0, max)
  }

  #lowerBound(key: string): number {
    let lo = 0
    let hi = this.#entries.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.#entries[mid]![0] < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

function info([word, term, units, display]: VocabularyEntry): WordInfo {
  return { word, term, units, display: display ?? word }
}
