/// <reference path="./bloomfilter.d.ts" />
/**
 * The lexicon's keys as a Bloom filter, held resident: it proves a key
 * absent without reading its lexicon page. A query then knows a typo before
 * any read, and can test every string one edit from it in microseconds, so
 * that it reads only the pages its neighbours are on.
 */
import { BloomFilter } from 'bloomfilter'

/** The share of absent keys the filter lets through: each costs a lexicon page read for nothing (0.1%: 14.4 bits a key). */
export const KEY_FILTER_ERROR = 0.001

/** The filter as stored: its bits, its number of hashes, and every code unit the keys use. */
export interface KeyFilterData {
  buckets: Uint32Array
  hashes: number
  /** The keys' code units, each once, in order: what a letter added or changed can be. */
  alphabet: string
}

export function buildKeyFilter(keys: readonly string[]): KeyFilterData {
  const filter = BloomFilter.withTargetError(Math.max(1, keys.length), KEY_FILTER_ERROR)
  const units = new Set<number>()
  for (const key of keys) {
    filter.add(key)
    for (let i = 0; i < key.length; i++) units.add(key.charCodeAt(i))
  }
  return { buckets: filter.buckets, hashes: filter.k, alphabet: String.fromCharCode(...[...units].sort((a, b) => a - b)) }
}

export class KeyFilter {
  readonly #filter: BloomFilter

  constructor(data: KeyFilterData) {
    // Given its bits, the library copies them (1.9 MB an isolate at 1 GB, and milliseconds of a cold query): it is made empty at
    // their size (untouched pages of zeros cost no memory) and reads the stored bits themselves.
    this.#filter = new BloomFilter(data.buckets.length * 32, data.hashes)
    this.#filter.buckets = data.buckets
  }

  /** Whether the lexicon surely lacks `key`; false means it may hold it. */
  lacks(key: string): boolean {
    return !this.#filter.test(key)
  }
}
