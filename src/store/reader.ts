/**
 * A request's view of the index files: which page of which kind holds what,
 * read through the isolate's cache, six fetches at a time, with a count of
 * the pages the request has touched so that a query can keep to its budget.
 */
import { INDEX_PATH, PAGE_KINDS, type PageKind } from '../format/layout'
import type { RESIDENT } from '../format/packs'
import type { Pack } from '../pack'
import { Limiter, type PageCache } from './cache'

/** Pages fetched in one round of reads: Workers allow six open connections per request. */
export const ROUND_PAGES = 6

/**
 * What keeping a postings or positions page is worth to the cache, against a page whose every read needs it: a query keeps the
 * bytes it reads of one (src/postings.ts), so keeping the page saves only the fetches of blocks no query has read yet. Such pages
 * then go before lexicon and units pages not used since. In a busy isolate at 1 GB, at a tenth, 2,608 pages were fetched again
 * (3,801 before bytes were kept), at 1, 2,874; with other cache sizes a hundredth fetched more than a tenth (a query's own pages
 * went before it had read them).
 */
const STREAM_PAGE_WORTH = 0.1

/** The page files of every kind, from the resident file. */
export class PageTable {
  readonly #names: Record<PageKind, string[]>
  readonly #sizes: Record<PageKind, Uint32Array>

  constructor(resident: Pack<typeof RESIDENT>) {
    this.#names = Object.fromEntries(PAGE_KINDS.map((k) => [k, resident.get(`files.${k}`)])) as Record<PageKind, string[]>
    this.#sizes = Object.fromEntries(PAGE_KINDS.map((k) => [k, resident.get(`sizes.${k}`)])) as Record<PageKind, Uint32Array>
  }

  count(kind: PageKind): number {
    return this.#names[kind].length
  }

  page(kind: PageKind, i: number): { path: string; size: number } {
    const name = this.#names[kind][i]
    if (name === undefined) throw new RangeError(`folio: no ${kind} page ${i}`)
    return { path: `${INDEX_PATH}/${name}`, size: this.#sizes[kind][i]! }
  }
}

export class PageReader {
  /** Pages this request has read, from the cache or fetched. */
  readonly touched = new Set<string>()
  /** Pages this request fetched from the assets (not in the cache). */
  fetched = 0
  /**
   * Whether this request has fetched anything: one that has not found every page in memory. Reading ahead only pays then: a
   * request whose pages were all in memory would spend CPU working out what to fetch, to find it cached.
   */
  get cold(): boolean {
    return this.fetched > 0
  }

  /** Fetches that would go out with the last round of six this request started, not in a round of their own. */
  get roomInRound(): number {
    return (ROUND_PAGES - (this.fetched % ROUND_PAGES)) % ROUND_PAGES
  }
  readonly #limiter = new Limiter(ROUND_PAGES)
  /**
   * This request's fetches not yet ended, by page, from the moment they are asked for: one still waiting for a connection is not yet
   * `loading` in the cache, and a second read of it would otherwise queue a second task that, once it had a connection,
   * held it while waiting on the first (ten hits' pages asked for twice took three rounds of six, not two).
   */
  readonly #fetching = new Map<string, Promise<Uint8Array>>()

  constructor(
    readonly table: PageTable,
    readonly cache: PageCache,
    /** Size of every postings and positions page but the last. */
    readonly streamPageBytes: number,
  ) {}

  /** Whether reading this page would be I/O rather than memory (or a fetch already on its way). */
  isCached(kind: PageKind, i: number): boolean {
    const { path } = this.table.page(kind, i)
    return this.cache.has(path) || this.cache.loading(path) || this.#fetching.has(path)
  }

  bytes(kind: PageKind, i: number): Promise<Uint8Array> {
    const { path, size } = this.table.page(kind, i)
    const worth = kind === 'postings' || kind === 'positions' ? STREAM_PAGE_WORTH : 1
    this.touched.add(path)
    if (this.cache.has(path) || this.cache.loading(path)) return this.cache.bytesOf(path, size, worth)
    return this.#fetch(path, size, worth)
  }

  #fetch(path: string, size: number, worth = 1): Promise<Uint8Array> {
    const joined = this.#fetching.get(path)
    if (joined) return joined
    this.fetched++
    const fetching = this.#limiter.run(() => this.cache.bytesOf(path, size, worth))
    this.#fetching.set(path, fetching)
    const done = () => this.#fetching.get(path) === fetching && this.#fetching.delete(path)
    fetching.then(done, done)
    return fetching
  }

  /**
   * Resolves when every fetch this request started has ended. A request must
   * not end before then: the Workers runtime cancels a finished request's
   * I/O, and a later request waiting on the same page (the cache shares a
   * fetch) would wait for ever. Fetches started ahead of need may be unread.
   */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#fetching.values()])
  }

  /** A page decoded once per stay in the cache. */
  async decoded<T>(kind: PageKind, i: number, decode: (bytes: Uint8Array) => T, weight?: (t: T) => number): Promise<T> {
    const { path, size } = this.table.page(kind, i)
    this.touched.add(path)
    if (!this.cache.has(path) && !this.cache.loading(path)) await this.#fetch(path, size)
    return this.cache.decodedOf(path, size, decode, weight)
  }

  /** The first and last pages of a stream that `length` bytes from `offset` span. */
  streamSpan(offset: number, length: number): [first: number, last: number] {
    return [Math.floor(offset / this.streamPageBytes), Math.floor((offset + Math.max(length, 1) - 1) / this.streamPageBytes)]
  }

  /** `length` bytes of a stream from `offset`, joined across its pages. */
  async range(kind: 'postings' | 'positions', offset: number, length: number): Promise<Uint8Array> {
    const [first, last] = this.streamSpan(offset, length)
    const parts = await Promise.all(Array.from({ length: last - first + 1 }, (_, k) => this.bytes(kind, first + k)))
    const start = offset - first * this.streamPageBytes
    if (parts.length === 1) return parts[0]!.subarray(start, start + length)
    const out = new Uint8Array(length)
    let at = 0
    parts.forEach((part, k) => {
      const from = k === 0 ? start : 0
      const n = Math.min(part.length - from, length - at)
      out.set(part.subarray(from, from + n), at)
      at += n
    })
    return out
  }
}
