/**
 * The pages of the index an isolate has read, kept in its memory up to a
 * byte budget, large pages not used lately out first (GreedyDual-Size). A page is fetched once
 * however many requests want it at the same time; a decoded form of it (a
 * lexicon page's keys, say) is cached with it and counted in its weight.
 */

import { LRUCache } from 'lru-cache'
import { FULL_BUDGETS } from './budgets'

/** Reads a file of the index by its path under the assets root. */
export type ReadAsset = (path: string) => Promise<Response>

/** The index files are missing, truncated or of another format: the deployment is broken. */
export class IndexUnavailableError extends Error {}

interface Entry {
  bytes: Uint8Array
  weight: number
  decoded?: unknown
  /** What a fetch of it saved is worth, against a page whose every read needs it (1). */
  worth: number
  /** What keeping it is worth: the cache's inflation when it was last used, plus the fetch it saves per byte. */
  credit: number
}

/** Bytes of a page whose fetch saved is worth a credit of 1 (a units page): the scale of credits. */
const FETCH_BYTES = 256 * 1024

export interface CacheOptions {
  /**
   * Bytes of pages (and their decoded forms) kept. Default, the full budget of src/store/budgets.ts (18 MB). Since typos find
   * their neighbours through the key filter, not by walking lexicon pages, 18 MB reads no more pages again than 22 MB did.
   */
  maxBytes?: number
}

const defaults: Required<CacheOptions> = { maxBytes: FULL_BUDGETS.pages }

export class PageCache {
  readonly #entries = new Map<string, Entry>()
  readonly #loading = new Map<string, Promise<Uint8Array>>()
  readonly #read: ReadAsset
  #maxBytes: number
  #bytes = 0
  /** The credit of the last page evicted: a page used later starts above every page not used since. */
  #inflation = 0
  /** Fetches made, for the benchmarks. */
  fetches = 0
  /** Files that could not be read, or did not decode, and why: until a read of them succeeds (/health reads them again). */
  readonly broken = new Map<string, { size?: number; message: string }>()
  /** Files whose bytes matched their name's hash: read again once evicted, their size is checked, not their hash (0.2 ms a page). */
  readonly #verified = new Set<string>()

  constructor(read: ReadAsset, options: CacheOptions = {}) {
    this.#read = read
    this.#maxBytes = { ...defaults, ...options }.maxBytes
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes
  }

  /** Keeps at most `maxBytes` from now on: pages go until the rest fit. */
  resize(maxBytes: number): void {
    this.#maxBytes = maxBytes
    this.#evict('')
  }

  /** Whether a page is in memory (reading it costs no I/O). */
  has(path: string): boolean {
    return this.#entries.has(path)
  }

  /** Whether a page is being fetched (reading it joins that fetch). */
  loading(path: string): boolean {
    return this.#loading.has(path)
  }

  /**
   * A page's bytes; `size` is its length as the index recorded it (a shorter file is truncated). `worth` (0 to 1) is what
   * keeping it saves against a page every read of which needs it: a postings page whose blocks are kept once read saves less.
   */
  async bytesOf(path: string, size: number, worth = 1): Promise<Uint8Array> {
    const entry = this.#touch(path)
    if (entry) return entry.bytes
    let loading = this.#loading.get(path)
    if (!loading) {
      loading = this.file(path, size)
      this.#loading.set(path, loading)
      loading.then((bytes) => this.#store(path, bytes, worth), () => {}).finally(() => this.#loading.delete(path))
    }
    return loading
  }

  /** A page decoded by `decode`, decoded once while the page stays cached; `weight` is the decoded form's size in bytes. */
  async decodedOf<T>(path: string, size: number, decode: (bytes: Uint8Array) => T, weight = (_: T) => 0): Promise<T> {
    const bytes = await this.bytesOf(path, size)
    const entry = this.#entries.get(path)
    if (!entry) return decodeOrRefuse(path, bytes, decode) // evicted meanwhile: decode for this caller alone
    if (entry.decoded === undefined) {
      try {
        entry.decoded = decodeOrRefuse(path, bytes, decode)
      } catch (e) {
        this.#drop(path)
        this.broken.set(path, { size, message: (e as Error).message })
        throw e
      }
      const extra = weight(entry.decoded as T)
      entry.weight += extra
      entry.credit = this.#credit(entry)
      this.#bytes += extra
      this.#evict(path)
    }
    return entry.decoded as T
  }

  /** Reads a file past the cache (the manifest, files read once per isolate). */
  async read(path: string): Promise<Response> {
    this.fetches++
    try {
      return await this.#read(path)
    } catch (e) {
      throw new IndexUnavailableError(`folio: index file ${path} could not be read: ${(e as Error).message}`)
    }
  }

  /**
   * A whole file, past the cache: there, of the size the index records (when
   * it is given) and of the content its name's hash says, or an
   * IndexUnavailableError naming it (and it is counted broken until it reads well).
   */
  async file(path: string, size?: number): Promise<Uint8Array> {
    try {
      const response = await this.read(path)
      if (!response.ok) throw new IndexUnavailableError(`folio: index file ${path} is missing (HTTP ${response.status}); rebuild the index`)
      const bytes = new Uint8Array(await response.arrayBuffer())
      if (size !== undefined && bytes.byteLength !== size) {
        throw new IndexUnavailableError(`folio: index file ${path} is ${bytes.byteLength} bytes, not the ${size} the index records; rebuild the index`)
      }
      if (!this.#verified.has(path)) {
        await verify(path, bytes)
        this.#verified.add(path)
      }
      this.broken.delete(path)
      return bytes
    } catch (e) {
      if (e instanceof IndexUnavailableError) this.broken.set(path, { ...(size !== undefined && { size }), message: e.message })
      throw e
    }
  }

  /** Reads the broken files again: those that read well now are no longer broken. What still is, and why. */
  async recheck(): Promise<string[]> {
    await Promise.allSettled([...this.broken].map(([path, { size }]) => this.file(path, size)))
    return [...this.broken.values()].map((b) => b.message)
  }

  #touch(path: string): Entry | undefined {
    const entry = this.#entries.get(path)
    if (entry) {
      // Last in order too: among pages of equal credit, the least recently used goes first.
      this.#entries.delete(path)
      this.#entries.set(path, entry)
      entry.credit = this.#credit(entry)
    }
    return entry
  }

  #credit({ weight, worth }: Pick<Entry, 'weight' | 'worth'>): number {
    return this.#inflation + (worth * FETCH_BYTES) / Math.max(1, weight)
  }

  #store(path: string, bytes: Uint8Array, worth: number): void {
    if (this.#entries.has(path)) return
    const entry = { bytes, weight: bytes.byteLength, worth, credit: 0 }
    entry.credit = this.#credit(entry)
    this.#entries.set(path, entry)
    this.#bytes += bytes.byteLength
    this.#evict(path)
  }

  /** Forgets a page: evicted, or one that would not decode (the next read fetches it again, so a mended file is served). */
  #drop(path: string): void {
    const entry = this.#entries.get(path)
    if (!entry) return
    this.#entries.delete(path)
    this.#bytes -= entry.weight
  }

  /**
   * Pages go, the least credit first, until the rest fit (never `keep`, the page just used). A page's worth is the fetch it
   * saves, whatever its size, so a small page earns more credit a byte than a large one: among pages not used lately, large ones
   * go first (GreedyDual-Size: Cao and Irani, 1997). Least recently used first, as this cache was, kept a query's lexicon pages
   * no longer than its 256 KB postings pages (512 KB since 2026-12-04): in a busy isolate at 1 GB (lexicon pages of 33 KB then) this reads a fifth fewer
   * lexicon pages again, and as many postings pages.
   */
  #evict(keep: string): void {
    while (this.#bytes > this.#maxBytes) {
      let victim: string | undefined
      let least = Infinity
      for (const [path, entry] of this.#entries) {
        if (entry.credit < least && path !== keep) {
          least = entry.credit
          victim = path
        }
      }
      if (victim === undefined) return
      this.#inflation = least
      this.#drop(victim)
    }
  }
}

const NAMED_BY_HASH = /\.([0-9a-f]{16})(?:\.\d+)?\.\w+$/

/**
 * Checks a file's bytes against the content hash in its name (the build
 * names every file by the SHA-256 of its bytes): a file damaged in storage
 * or in transit is a 503 naming it, never a wrong answer. Once per page and
 * isolate (the files are immutable): about 0.2 ms of CPU for a 256 KB page.
 */
async function verify(path: string, bytes: Uint8Array): Promise<void> {
  const named = NAMED_BY_HASH.exec(path)?.[1]
  if (named === undefined) return
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  const hash = Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')
  if (hash !== named) throw new IndexUnavailableError(`folio: index file ${path} is corrupt (its bytes do not match the hash in its name); rebuild the index`)
}

/** A file decoded, or a 503 naming it when its bytes are not what the index wrote. */
export function decodeOrRefuse<T>(path: string, bytes: Uint8Array, decode: (bytes: Uint8Array) => T): T {
  try {
    return decode(bytes)
  } catch (e) {
    throw new IndexUnavailableError(`folio: index file ${path} is corrupt (${(e as Error).message}); rebuild the index`)
  }
}

/**
 * What requests read of pages (a term's skip table, a postings block, its
 * positions, decoded or as stored; the hits shown), kept across requests up
 * to a byte budget, least recently used out first: a common word's blocks
 * are read and decoded once, not once per query. `lru-cache` keeps the order in
 * linked lists: an LRU over a `Map` (delete, then set again) leaves the deleted
 * slots at its front, and finding the eldest walked them on every eviction, a
 * fifth of a warm query's CPU at 1 GB.
 */
export class DecodedCache {
  readonly #entries: LRUCache<string, { value: unknown; evicted?: () => void }>

  constructor(readonly maxBytes: number) {
    this.#entries = new LRUCache({
      maxSize: Math.max(1, maxBytes),
      dispose: (entry, _key, reason) => {
        if (reason === 'evict') entry.evicted?.()
      },
    })
  }

  get bytes(): number {
    return this.#entries.calculatedSize
  }

  /** Whether `key` is kept (its recency unchanged). */
  has(key: string): boolean {
    return this.#entries.has(key)
  }

  get<T>(key: string): T | undefined {
    return this.#entries.get(key)?.value as T | undefined
  }

  /** What is kept under `key` (undefined too), or what `make` makes, kept weighing `weight(value)`. */
  async kept<T>(key: string, make: () => Promise<T>, weight: (value: T) => number): Promise<T> {
    const entry = this.#entries.get(key)
    if (entry) return entry.value as T
    const value = await make()
    this.set(key, value, weight(value))
    return value
  }

  /** What is kept under `key`, no longer kept (its `evicted` not called: the caller holds it now). */
  take<T>(key: string): T | undefined {
    const entry = this.#entries.peek(key)
    if (!entry) return undefined
    this.#entries.delete(key)
    return entry.value as T
  }

  /** Keeps `value` unless it weighs more than a quarter of the budget (false then); `evicted` is called when it goes out. */
  set(key: string, value: unknown, weight: number, evicted?: () => void): boolean {
    if (this.#entries.has(key)) return true
    if (weight > this.maxBytes / 4) return false
    this.#entries.set(key, { value, ...(evicted && { evicted }) }, { size: Math.max(1, Math.ceil(weight)) })
    return true
  }
}

/**
 * At most `limit` tasks at a time (Workers allow six open connections per
 * request), the rest waiting their turn in order.
 */
export class Limiter {
  #running = 0
  readonly #waiting: (() => void)[] = []

  constructor(readonly limit = 6) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    this.#running++
    try {
      return await task()
    } finally {
      this.#running--
      this.#waiting.shift()?.()
    }
  }
}
