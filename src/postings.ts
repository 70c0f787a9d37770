/**
 * A query's access to postings: a term's skip table, its blocks and their
 * positions, each read and decoded at most once per query. Blocks are read
 * only when a query asks for them, so a common word costs what the query
 * uses of it, not its whole list.
 */
import type { TermInfo } from './format/lexicon'
import { decodeBlock, decodePositions, decodeSkips, type Block, type BlockPositions, type Skips } from './format/postings'
import type { PageReader } from './store/reader'

/** A term whose whole postings are this small is read at once with its skip table (one round of I/O, not two). */
const SMALL_POSTINGS = 16 * 1024

export class PostingsSession {
  /** Postings decoded so far by this query. */
  decoded = 0
  readonly #skips = new Map<string, Promise<Skips>>()
  readonly #blocks = new Map<string, Promise<Block>>()
  readonly #positions = new Map<string, Promise<BlockPositions>>()

  constructor(readonly reader: PageReader) {}

  skips(t: TermInfo): Promise<Skips> {
    let s = this.#skips.get(t.term)
    if (!s) {
      const length = t.postingsBytes <= SMALL_POSTINGS ? t.postingsBytes : t.skipBytes
      s = this.reader.range('postings', t.postings, length).then((bytes) => decodeSkips(bytes, t.blocks))
      this.#skips.set(t.term, s)
    }
    return s
  }

  /** The pages `blocks` need that are not in memory yet. */
  pagesFor(t: TermInfo, skips: Skips, blocks: Iterable<number>): number[] {
    const pages = new Set<number>()
    for (const b of blocks) {
      if (this.#blocks.has(`${t.term}\u0000${b}`)) continue
      for (const p of this.reader.streamPages(t.postings + skips.offset[b]!, skips.bytes[b]!)) pages.add(p)
    }
    return [...pages]
  }

  block(t: TermInfo, skips: Skips, b: number): Promise<Block> {
    const key = `${t.term}\u0000${b}`
    let block = this.#blocks.get(key)
    if (!block) {
      block = this.reader.range('postings', t.postings + skips.offset[b]!, skips.bytes[b]!).then((bytes) => {
        this.decoded += skips.count[b]!
        return decodeBlock(bytes, skips.first[b]!, skips.count[b]!)
      })
      this.#blocks.set(key, block)
    }
    return block
  }

  positions(t: TermInfo, skips: Skips, b: number): Promise<BlockPositions> {
    const key = `${t.term}\u0000${b}`
    let positions = this.#positions.get(key)
    if (!positions) {
      positions = Promise.all([
        this.block(t, skips, b),
        this.reader.range('positions', t.positions + skips.positions[b]!, skips.positionsBytes[b]!),
      ]).then(([block, bytes]) => decodePositions(bytes, block, t.variants))
      this.#positions.set(key, positions)
    }
    return positions
  }

  /**
   * Where each of `units` (ascending) would be in the term's blocks: the
   * block holding it, or -1 when no block's range covers it.
   */
  static blocksOf(skips: Skips, units: ArrayLike<number>): Int32Array {
    const out = new Int32Array(units.length)
    let lo = 0
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!
      let hi = skips.blocks
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (skips.last[mid]! < u) lo = mid + 1
        else hi = mid
      }
      out[i] = lo < skips.blocks && skips.first[lo]! <= u ? lo : -1
    }
    return out
  }
}
