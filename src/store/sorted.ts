/**
 * Reads a sorted table (index/sorted-pages.ts): the resident sparse index
 * says which page may hold a key; one page read finds it.
 */
import { lastAtMost } from '../bisect'
import { ByteReader } from '../format/bytes'
import type { PageKind, SortedIndex } from '../format/layout'
import { SORTED_PAGE } from '../format/packs'
import { Pack } from '../pack'
import type { StringList } from '../string-list'
import type { PageReader } from './reader'

/** A sorted table's sparse index as an isolate holds it: its keys one string (tens of thousands of them at 1 GB). */
export type ResidentIndex = Omit<SortedIndex, 'keys'> & { keys: StringList }

/** A page of a sorted table, decoded: its keys, and each key's value bytes. */
export interface SortedPage {
  /** The page's number. */
  page: number
  /** The key number (in the whole table) of its first key. */
  first: number
  /** One string, not a string a key: a busy isolate holds hundreds of pages of a thousand keys. */
  keys: StringList
  valueStart: Uint32Array
  values: Uint8Array
}

/** A key's place: its page and its position there. */
export interface Place {
  page: SortedPage
  at: number
}

export class SortedTable {
  constructor(
    readonly kind: Extract<PageKind, 'lexicon' | 'completions'>,
    readonly index: ResidentIndex,
  ) {}

  get pages(): number {
    return this.index.pages.length
  }

  /** The page that holds `key` if any does (the page of the last resident key not above it). */
  pageFor(key: string): number {
    const s = this.index.keys.lowerBound(key)
    const block = this.index.keys.is(s, key) ? s : s - 1
    return block < 0 ? 0 : this.#pageOfKey(block * this.index.step)
  }

  /**
   * The pages the keys starting with `prefix` may be on, from the resident
   * index alone: from the page `prefix` would be on to that of the first
   * resident key past them (or the one before, when that key starts its page).
   * Only the first when they may span more than `most` pages.
   */
  pagesStartingWith(prefix: string, most: number): number[] {
    const first = this.pageFor(prefix)
    const s = this.index.keys.lowerBound(`${prefix}\uffff`)
    let last = this.pages - 1
    if (s < this.index.keys.length) {
      const past = s * this.index.step
      last = this.#pageOfKey(past)
      if (this.index.pages[last] === past && last > first) last--
    }
    return last - first < most ? Array.from({ length: last - first + 1 }, (_, k) => first + k) : [first]
  }

  /** The page holding the first key of each step of the sparse index: one pass over the steps and the pages, both in key order. */
  stepPages(): Int32Array {
    const { step, pages } = this.index
    const out = new Int32Array(this.index.keys.length)
    let page = 0
    for (let s = 0; s < out.length; s++) {
      while (page + 1 < pages.length && pages[page + 1]! <= s * step) page++
      out[s] = page
    }
    return out
  }

  /** The page holding key number `k`. */
  #pageOfKey(k: number): number {
    return Math.max(0, lastAtMost(this.index.pages, k))
  }

  read(reader: PageReader, page: number): Promise<SortedPage> {
    const first = this.index.pages[page]!
    return reader.decoded(this.kind, page, (bytes) => {
      const pack = new Pack(SORTED_PAGE, bytes)
      return { page, first, keys: pack.list('keys'), valueStart: pack.get('valueStart'), values: pack.get('values') }
    }, (p) => p.keys.bytes)
  }

  /** Where `key` is, or undefined. */
  async find(reader: PageReader, key: string): Promise<Place | undefined> {
    if (this.pages === 0) return undefined
    const page = await this.read(reader, this.pageFor(key))
    const at = page.keys.lowerBound(key)
    return page.keys.is(at, key) ? { page, at } : undefined
  }

  /**
   * The keys from the first not below `from`, in order, across pages, each
   * as its page and position there (no object per key: a prefix may visit
   * thousands); `visit` returns false to stop.
   */
  async scan(reader: PageReader, from: string, visit: (page: SortedPage, at: number) => boolean): Promise<void> {
    if (this.pages === 0) return
    let p = this.pageFor(from)
    let page = await this.read(reader, p)
    let at = page.keys.lowerBound(from)
    for (;;) {
      if (at === page.keys.length) {
        if (++p >= this.pages) return
        page = await this.read(reader, p)
        at = 0
        continue
      }
      if (!visit(page, at)) return
      at++
    }
  }
}

/** A reader of the value bytes at a place. */
export function valueAt({ page, at }: Place): ByteReader {
  return new ByteReader(page.values, page.valueStart[at]!)
}
