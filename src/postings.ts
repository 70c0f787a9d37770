/**
 * A query's access to postings: a term's skip table, its blocks and their
 * positions, each read and decoded at most once per query. Blocks are read
 * only when a query asks for them, so a common word costs what the query uses
 * of it, not its whole list.
 *
 * What a query read is kept across queries as the bytes it was stored as,
 * after its page goes: a query uses a few KB of each postings page it
 * reads, and those bytes are four to six times smaller than their decoded
 * form, so a busy isolate keeps far more of what its queries read again this
 * way than as pages or decoded blocks. Skip tables are kept decoded too (a
 * common word's has tens of thousands of entries, read by every query of
 * it); blocks and positions are decoded again by each query that reads them,
 * into the query's own {@link Arena}. Until 2026-12-04 they were kept decoded
 * in a least-recently-used cache of 22 MB beside 16 MB of bytes: where a
 * corpus's queries read more than that (70 MB decoded for the benchmark's 240
 * queries at 1 GB), moving blocks between the two caches, decoding them again
 * anyway and collecting them once old cost more than decoding every block
 * every time. Measured warm in Node, two alternating runs of five passes:
 * process CPU 6.75–6.78 s against 4.59–4.68 s at 1 GB (per-query p99 12–13
 * ms against 8–9), 4.8–5.4 s against 3.5–4.3 s at 100 MB; at 10 MB, where
 * every block stayed decoded, about the same (2.09–2.14 s against 2.14–2.16
 * s, per-query medians 5–9% slower).
 */
import { Arena } from './arena'
import type { TermInfo } from './format/lexicon'
import { BlockPositions, decodeBlock, decodeSkips, skipsWeight, type Block, type Skips } from './format/postings'
import type { DecodedCache } from './store/cache'
import type { PageReader } from './store/reader'
import type { StringList } from './string-list'
import { firstNotBelow } from './bisect'

/** A term whose whole postings are this small is read at once with its skip table (one round of I/O, not two). */
const SMALL_POSTINGS = 16 * 1024

/** The bytes from a term's postings offset read for its skip table: all its postings when they are small. */
const skipRead = (t: TermInfo) => (t.postingsBytes <= SMALL_POSTINGS ? t.postingsBytes : t.skipBytes)

/** Blocks of a term a query may read. */
export interface WantedBlocks {
  t: TermInfo
  skips: Skips
  blocks: number[]
}

/** A stream's page as one number, for {@link PostingsSession.pages}. */
const pageKey = (kind: 'postings' | 'positions', page: number) => page * 2 + (kind === 'positions' ? 1 : 0)
/** The stream and page a {@link pageKey} stands for. */
const keyedPage = (key: number) => [key % 2 === 1 ? 'positions' : 'postings', key >> 1] as const

/**
 * The postings pages the skip tables of a request's terms span, counted
 * against a most: a term whose skip table would take the count past it is not
 * admitted (a query's expansions, a search box's completions).
 */
export class SkipPageCount {
  readonly #pages = new Set<number>()

  constructor(
    readonly session: PostingsSession,
    readonly most: number,
  ) {}

  /** Counts a term's skip table whatever its pages (a query word's own term). */
  reserve(term: TermInfo): void {
    for (const p of this.session.skipPages(term)) this.#pages.add(p)
  }

  /** Counts a term's skip table if its pages not yet counted fit; whether they did. */
  admits(term: TermInfo): boolean {
    const more = this.session.skipPages(term).filter((p) => !this.#pages.has(p))
    if (this.#pages.size + more.length > this.most) return false
    for (const p of more) this.#pages.add(p)
    return true
  }
}

export class PostingsSession {
  /** Postings this query has read (decoded now, or earlier and kept). */
  decoded = 0
  /**
   * The postings and positions pages this query's reads span, whether they
   * were in memory or not: the budget counts them, so that an answer does not
   * depend on what an isolate happens to hold.
   */
  readonly pages = new Set<number>()
  readonly #skips = new Map<string, Promise<Skips>>()
  readonly #blocks = new Map<string, Promise<Block>>()
  readonly #positions = new Map<string, Promise<BlockPositions>>()
  /** Where this query's blocks and positions are decoded: they are its own, never kept past it. */
  readonly #arena = new Arena()

  constructor(
    readonly reader: PageReader,
    /** Skip tables kept decoded across requests. */
    readonly skipTables: DecodedCache,
    /** Bytes of skip tables, blocks and positions as stored, kept across requests by their stream and offset. */
    readonly stored: DecodedCache,
    /** Per postings and positions page, the last term starting on it or before (the resident `postingsTerms`, `positionsTerms`). */
    readonly pageTerms: Record<'postings' | 'positions', StringList>,
  ) {}

  /** Whether a term's skip table is in memory, decoded or as bytes. */
  #holdsSkips(t: TermInfo): boolean {
    return this.skipTables.has(skipsKey(t)) || this.stored.has(storedKey('postings', t.postings, skipRead(t)))
  }

  /** Whether a block (or its positions) is in memory as stored: reading it needs no page. */
  #holds(t: TermInfo, skips: Skips, b: number, kind: 'postings' | 'positions'): boolean {
    return this.stored.has(storedKey(kind, ...blockRange(t, skips, b, kind)))
  }

  /** The bytes of `kind` at `range` read from their pages: a copy, so that keeping them does not keep the page. */
  async #read(kind: 'postings' | 'positions', offset: number, length: number): Promise<Uint8Array> {
    return (await this.reader.range(kind, offset, length)).slice()
  }

  /** The bytes of `kind` at `range`, kept, or read and kept from now. */
  async #bytes(kind: 'postings' | 'positions', [offset, length]: [number, number]): Promise<Uint8Array> {
    const key = storedKey(kind, offset, length)
    const kept = this.stored.get<Uint8Array>(key)
    if (kept) return kept
    const bytes = await this.#read(kind, offset, length)
    this.stored.set(key, bytes, STORED_OVERHEAD + bytes.byteLength)
    return bytes
  }

  /**
   * A term's skip table as the isolate kept it decoded, or decoded now from its bytes. It is kept in one form at a time: decoded
   * with its bytes, which go back to the stored bytes when it is evicted, so that the two caches together hold as much as they can.
   */
  async #skipTable(t: TermInfo, [offset, length]: [number, number]): Promise<Skips> {
    const key = skipsKey(t)
    const found = this.skipTables.get<Skips>(key)
    if (found !== undefined) return found
    const bytesKey = storedKey('postings', offset, length)
    const bytes = this.stored.take<Uint8Array>(bytesKey) ?? (await this.#read('postings', offset, length))
    const skips = decodeSkips(bytes, t.blocks)
    const store = storing(this.stored, bytesKey, bytes)
    if (!this.skipTables.set(key, skips, skipsWeight(skips) + STORED_OVERHEAD + bytes.byteLength, store)) store()
    return skips
  }

  #span(kind: 'postings' | 'positions', offset: number, length: number): void {
    const [first, last] = this.reader.streamSpan(offset, length)
    for (let p = first; p <= last; p++) this.pages.add(pageKey(kind, p))
  }

  /** The postings pages that reading a term's skip table spans. */
  skipPages(t: TermInfo): number[] {
    return pagesFrom(...this.reader.streamSpan(t.postings, skipRead(t)))
  }

  skips(t: TermInfo): Promise<Skips> {
    let s = this.#skips.get(t.term)
    if (!s) {
      const length = skipRead(t)
      this.#span('postings', t.postings, length)
      s = this.#skipTable(t, [t.postings, length])
      this.#skips.set(t.term, s)
    }
    return s
  }

  /**
   * Starts fetching the postings pages of `terms`, and the positions of
   * `phrased` (the terms of the query's phrases), at most `most` pages, while
   * the query reads the lexicon pages that say where they are: a cold query
   * then waits one round of reads for both, not two. First the page each
   * term's postings start on (its skip table, and all of a rare term's
   * postings), then, as {@link skipsOf} would a round later, the whole
   * postings and positions that fit, fewest pages first. The pages are found
   * by the terms alone (terms are laid out in order), so a term the corpus
   * lacks costs a page fetched for nothing. Fetched, not read, as in
   * {@link fetchAhead}; a term whose skip table is kept decoded needs none.
   */
  fetchStarts(terms: Iterable<string>, phrased: Iterable<string>, most: number): void {
    // Pages of both streams as one number each (pageKey).
    const uncached = (kind: 'postings' | 'positions', term: string) => {
      const span = this.skipTables.has(skipsKey({ term })) ? undefined : this.pagesOf(term, kind)
      return span ? pagesFrom(...span).filter((p) => !this.reader.isCached(kind, p)).map((p) => pageKey(kind, p)) : []
    }
    const postings = [...new Set(terms)].map((term) => uncached('postings', term))
    const wanted = [...postings, ...[...new Set(phrased)].map((term) => uncached('positions', term))]
    const round = new Set<number>()
    for (const [first] of postings) if (first !== undefined && round.size < most) round.add(first)
    fillRound(round, wanted, most)
    // A failed fetch is not this query's failure: the read that needs the page fetches it again, and reports it.
    for (const key of round) this.reader.bytes(...keyedPage(key)).catch(() => {})
  }

  /**
   * The first and last pages of `kind` a term's postings (or positions) may span, from the term alone: its last page is the one
   * past the pages only it starts on or before (one page too many when they end at a page's end). Undefined for a term past the last.
   */
  pagesOf(term: string, kind: 'postings' | 'positions'): [first: number, last: number] | undefined {
    const keys = this.pageTerms[kind]
    const first = keys.lowerBound(term)
    if (first === keys.length) return undefined
    if (!keys.is(first, term)) return [first, first]
    return [first, Math.min(keys.lowerBound(`${term}\u0000`, first), keys.length - 1)]
  }

  /** The skip tables of `terms`, read with the pages {@link fetchWhole} starts fetching with them. */
  skipsOf(terms: readonly (TermInfo | undefined)[], most: number): Promise<(Skips | undefined)[]> {
    this.fetchWhole(terms, most)
    return Promise.all(terms.map((t) => t && this.skips(t)))
  }

  /**
   * Starts fetching the skip tables of `terms` in one round of reads with
   * the rest of the postings of the terms whose whole postings fit in it
   * (`most` pages with the skip tables, fewest pages first) and new to the
   * isolate: their blocks then come with the skip tables rather than a round
   * later. Fetched, not read: the budget counts such a page when a block of
   * it is read.
   */
  fetchWhole(terms: readonly (TermInfo | undefined)[], most: number): void {
    const uncached = (offset: number, length: number) => {
      return pagesFrom(...this.reader.streamSpan(offset, length)).filter((p) => !this.reader.isCached('postings', p))
    }
    // Only a term new to the isolate (its skip table not kept) is read whole: of one read before, a query needs only some blocks,
    // and those are likely kept (in a busy isolate at 1 GB, two- and three-word queries read a fifth and a third fewer
    // postings pages again than when every term that fit was read whole).
    const fresh = terms.filter((t): t is TermInfo => t !== undefined && !this.#holdsSkips(t))
    const round = new Set(fresh.flatMap((t) => uncached(t.postings, skipRead(t))))
    fillRound(round, fresh.map((t) => uncached(t.postings, t.postingsBytes)), most)
    // A failed fetch is not this query's failure: the read that needs the page fetches it again, and reports it.
    for (const p of round) this.reader.bytes('postings', p).catch(() => {})
  }

  /** The pages of `kind` that `blocks` (or their positions) span that this query has not yet read. */
  pagesFor(t: TermInfo, skips: Skips, blocks: Iterable<number>, kind: 'postings' | 'positions' = 'postings'): number[] {
    return this.#spanned(t, skips, blocks, kind).filter((p) => !this.pages.has(pageKey(kind, p)))
  }

  /** The pages of `kind` that `blocks` (or their positions) span. */
  #spanned(t: TermInfo, skips: Skips, blocks: Iterable<number>, kind: 'postings' | 'positions'): number[] {
    const pages = new Set<number>()
    for (const b of blocks) {
      const [first, last] = this.reader.streamSpan(...blockRange(t, skips, b, kind))
      for (let p = first; p <= last; p++) pages.add(p)
    }
    return [...pages]
  }

  /**
   * Starts fetching the pages of these blocks (or their positions) that are
   * neither in the isolate's memory nor on their way, if they are at most
   * `most`: they are not read for the query (nor counted in its budget) until
   * a block of theirs is, which then finds them fetched or on their way. A
   * block kept in memory needs no page; a page this query has read a block
   * of may still need fetching (that block's bytes were kept, not its page).
   */
  fetchAhead(wanted: readonly WantedBlocks[], most: number, kind: 'postings' | 'positions' = 'postings'): void {
    const pages = new Set<number>()
    for (const { t, skips, blocks } of wanted) {
      const needed = [...blocks].filter((b) => !this.#holds(t, skips, b, kind))
      for (const p of this.#spanned(t, skips, needed, kind)) if (!this.reader.isCached(kind, p)) pages.add(p)
    }
    if (pages.size > most) return
    // A failed fetch is not this query's failure: the read that needs the page fetches it again, and reports it.
    for (const p of pages) this.reader.bytes(kind, p).catch(() => {})
  }

  block(t: TermInfo, skips: Skips, b: number): Promise<Block> {
    const key = blockKey(t, b)
    let block = this.#blocks.get(key)
    if (!block) {
      this.decoded += skips.count[b]!
      const range = blockRange(t, skips, b, 'postings')
      this.#span('postings', ...range)
      block = this.#bytes('postings', range).then((bytes) => decodeBlock(bytes, skips.first[b]!, skips.count[b]!, this.#arena))
      this.#blocks.set(key, block)
    }
    return block
  }

  positions(t: TermInfo, skips: Skips, b: number): Promise<BlockPositions> {
    const key = positionsKey(t, b)
    let positions = this.#positions.get(key)
    if (!positions) {
      const range = blockRange(t, skips, b, 'positions')
      this.#span('positions', ...range)
      positions = Promise.all([this.#bytes('positions', range), this.block(t, skips, b)]).then(([bytes, block]) => new BlockPositions(bytes, block, t.variants, this.#arena))
      this.#positions.set(key, positions)
    }
    return positions
  }

  /** The distinct blocks of {@link blocksOf}'s answer (non-decreasing; -1, none, left out). */
  static distinct(blocks: Int32Array): number[] {
    const out: number[] = []
    for (let i = 0; i < blocks.length; i++) if (blocks[i]! >= 0 && blocks[i] !== out[out.length - 1]) out.push(blocks[i]!)
    return out
  }

  /**
   * Where each of `units` (ascending) would be in the term's blocks: the
   * block holding it, or -1 when no block's range covers it.
   */
  static blocksOf(skips: Skips, units: ArrayLike<number>): Int32Array {
    const out = new Int32Array(units.length)
    let b = 0
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!
      b = firstNotBelow(skips.last, u, b, skips.blocks)
      out[i] = b < skips.blocks && skips.first[b]! <= u ? b : -1
    }
    return out
  }

  /**
   * The distinct blocks holding any of `units` (ascending): {@link distinct} of {@link blocksOf}, without the map.
   * Both lists are galloped through, so a few candidates over many blocks, or many over a few, cost little.
   */
  static blocksHolding(skips: Skips, units: ArrayLike<number>): number[] {
    const out: number[] = []
    let i = 0
    let b = units.length > 0 ? firstNotBelow(skips.last, units[0]!, 0, skips.blocks) : skips.blocks
    while (i < units.length && b < skips.blocks) {
      if (skips.first[b]! <= units[i]!) {
        out.push(b)
        i = firstNotBelow(units, skips.last[b]! + 1, i)
        if (i < units.length) b = firstNotBelow(skips.last, units[i]!, b + 1, skips.blocks)
      } else {
        i = firstNotBelow(units, skips.first[b]!, i)
        if (i < units.length) b = firstNotBelow(skips.last, units[i]!, b, skips.blocks)
      }
    }
    return out
  }
}

/** The pages `first` to `last`. */
const pagesFrom = (first: number, last: number): number[] => Array.from({ length: last - first + 1 }, (_, k) => first + k)

/**
 * Adds to a round of reads every list of pages that fits whole in it (`most` pages in all), fewest pages first, so that as many
 * terms as can be are read whole; the pages added.
 */
function fillRound(round: Set<number>, lists: readonly (readonly number[])[], most: number): number[] {
  const added: number[] = []
  for (const pages of [...lists].sort((a, b) => a.length - b.length)) {
    const more = pages.filter((p) => !round.has(p))
    if (round.size + more.length > most) break
    for (const p of more) {
      round.add(p)
      added.push(p)
    }
  }
  return added
}

/** Where block `b` of a term (or its positions) is in its stream: offset and length. */
const blockRange = (t: TermInfo, skips: Skips, b: number, kind: 'postings' | 'positions'): [offset: number, length: number] =>
  kind === 'postings'
    ? [t.postings + skips.offset[b]!, skips.offset[b + 1]! - skips.offset[b]!]
    : [t.positions + skips.positions[b]!, skips.positions[b + 1]! - skips.positions[b]!]

/** The keys a term's decoded skip table is kept under, and its blocks and positions are read once per query under. */
const skipsKey = (t: Pick<TermInfo, 'term'>): string => `s\u0000${t.term}`
const blockKey = (t: TermInfo, b: number): string => `b\u0000${t.term}\u0000${b}`
const positionsKey = (t: TermInfo, b: number): string => `p\u0000${t.term}\u0000${b}`
/** The key bytes of a stream are kept under. */
const storedKey = (kind: 'postings' | 'positions', offset: number, length: number): string => `${kind === 'postings' ? 'P' : 'Q'}${offset}:${length}`
/**
 * Bytes counted for a kept range beside its own: its key, the cache's entry, its Uint8Array and their buffer. Measured at 1 GB
 * (2026-12-05): 38,155 ranges of 651 bytes on average took 39.9 MB of heap, 400 bytes each beside their data (64 were counted
 * until then, so that the 26 MB budget held 40 MB).
 */
const STORED_OVERHEAD = 400

/** Keeps `bytes` in `stored` when called: made here, not in a session, so that a skip table kept decoded does not keep its request. */
const storing = (stored: DecodedCache, key: string, bytes: Uint8Array) => () => void stored.set(key, bytes, STORED_OVERHEAD + bytes.byteLength)
