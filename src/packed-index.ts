/**
 * MiniSearch over a pack: the same search, scoring and query combination as a
 * MiniSearch loaded from JSON, over postings that stay in typed arrays.
 *
 * Why: `MiniSearch.loadJSON` rebuilds a radix tree and a Map per term and per
 * posting list. On a 10 MB-text corpus that takes 0.4–0.6 s, most of the
 * Workers start-up budget. Folio's queries reach MiniSearch as exact terms
 * only (prefixes and typos are expanded through the vocabulary first), so
 * MiniSearch needs nothing but "the postings of this term": this class gives
 * it views on the pack's arrays in place of its Maps, and loading becomes
 * viewing. It fills in the internal fields MiniSearch's `search` reads, which
 * is why minisearch is pinned to an exact version; a test checks that results
 * and scores equal those of `MiniSearch.loadJSON` on the same index.
 */
import MiniSearch from 'minisearch'
import { indexOptions, type IndexedUnit } from './engine'

/** The arrays a packed index is made of. */
export interface Postings {
  /** Index terms, sorted by code unit (`<`). */
  terms: readonly string[]
  /** Postings of term `t` are `docs[start[t]]` to `docs[start[t + 1] - 1]`, ascending. */
  start: Uint32Array
  docs: Uint32Array
  /** Term frequency of each posting. */
  freqs: Uint16Array
  /** Terms in each unit. */
  lengths: Uint16Array
  averageLength: number
}

/** Position of `term` in sorted `terms`, or -1. */
export function findTerm(terms: readonly string[], term: string): number {
  let lo = 0
  let hi = terms.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const t = terms[mid]!
    if (t === term) return mid
    if (t < term) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function binarySearch(sorted: Uint32Array, value: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === value) return mid
    if (v < value) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** One term's postings, read as the `Map<unit, frequency>` MiniSearch iterates. */
class PostingList {
  #last = 0
  constructor(
    readonly docs: Uint32Array,
    readonly freqs: Uint16Array,
  ) {}

  get size(): number {
    return this.docs.length
  }

  keys(): Iterable<number> {
    return this.docs
  }

  /** MiniSearch asks for each key right after iterating to it: look there first. */
  get(doc: number): number | undefined {
    const { docs } = this
    let at = this.#last
    if (docs[at] !== doc) at = docs[at + 1] === doc ? at + 1 : binarySearch(docs, doc)
    if (at < 0) return undefined
    this.#last = at
    return this.freqs[at]
  }
}

const TEXT_FIELD = 0

export function packedMiniSearch(p: Postings): MiniSearch<IndexedUnit> {
  const search = new MiniSearch<IndexedUnit>(indexOptions)
  const count = p.lengths.length
  const length: [number] = [0]
  Object.assign(search as object, {
    _documentCount: count,
    _nextId: count,
    _avgFieldLength: [p.averageLength],
    // A unit's short id is its position: ids and lengths are computed, not stored.
    _documentIds: { has: (id: number) => id >= 0 && id < count, get: (id: number) => id },
    _fieldLength: {
      get: (id: number) => {
        length[0] = p.lengths[id]!
        return length
      },
    },
    _storedFields: { get: () => undefined },
    _index: {
      get(term: string) {
        const t = findTerm(p.terms, term)
        if (t < 0) return undefined
        const from = p.start[t]!
        const to = p.start[t + 1]!
        return new Map([[TEXT_FIELD, new PostingList(p.docs.subarray(from, to), p.freqs.subarray(from, to))]])
      },
    },
  })
  return search
}
