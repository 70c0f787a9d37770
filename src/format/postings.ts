/**
 * A term's postings and positions, as the index stores them (Lucene's and
 * tantivy's layout, byte-aligned for JavaScript):
 *
 *   postings  = skip table | block | block | …
 *   skip      = per block: first unit, span, count, bound (f32), block bytes, positions bytes
 *   block     = widths (u8) | unit deltas | lengths | tf·8+code | variant masks
 *   positions = per block, per posting, per occurrence: varint(delta · 2^vbits + variant)
 *
 * Blocks hold {@link BLOCK_SIZE} postings in unit order. A block's bound is
 * the best score any of its postings can earn (BM25+ times the unit's boost,
 * rounded up to f32), so that a query can skip a block that cannot enter its
 * top k without reading it. Each posting carries what scoring needs (term
 * frequency, unit length, the unit's kind and document type as a
 * {@link unitCode}) and which of the term's words (its variants: `treaty`,
 * `treaties` for `treati`) the unit holds. Positions are kept apart, read
 * only for phrase candidates; each occurrence says which variant stands there,
 * so that a phrase matches the words as written, not only their stems.
 */
import type { Arena } from '../arena'
import { bm25, CODE_BOOST } from '../rank'
import { ByteReader, ByteWriter, f32Above, widthOf } from './bytes'

export const BLOCK_SIZE = 128

/** The postings of one term, as the build hands them over (units ascending). */
export interface TermPostings {
  units: ArrayLike<number>
  tfs: ArrayLike<number>
  lengths: ArrayLike<number>
  codes: ArrayLike<number>
  /** Per posting, the bit set of variants present (bit `min(v, 31)` for variant `v`). */
  masks: ArrayLike<number>
  /** Per posting, its occurrences: positions ascending, each with the variant written there. */
  positions: (posting: number) => { at: ArrayLike<number>; variants: ArrayLike<number> }
}

/** Bits a variant index takes in a position entry. */
export function variantBits(variants: number): number {
  return variants <= 1 ? 0 : Math.ceil(Math.log2(variants))
}

/** Bytes of a variant mask in a block. */
export function maskWidth(variants: number): 0 | 1 | 2 | 4 {
  return variants <= 1 ? 0 : variants <= 8 ? 1 : variants <= 16 ? 2 : 4
}

const MASK_WIDTHS = [0, 1, 2, 4] as const

/** The bit of a variant in a mask: variants past the mask's last bit share it. */
export function variantBit(variant: number, variants: number): number {
  const bits = maskWidth(variants) * 8
  return bits === 0 ? 1 : (1 << Math.min(variant, bits - 1)) >>> 0
}

export interface EncodedTerm {
  postings: Uint8Array
  /** Length of the skip table at the start of `postings`. */
  skipBytes: number
  blocks: number
  positions: Uint8Array
  /** The best bound of any block. */
  bound: number
}

/** Encodes a term's postings (scored with `idf` and `averageLength` for the bounds) and positions. */
export function encodeTerm(p: TermPostings, variants: number, idf: number, averageLength: number): EncodedTerm {
  const n = p.units.length
  const skip = new ByteWriter()
  const data = new ByteWriter()
  const positions = new ByteWriter()
  const scale = 2 ** variantBits(variants)
  const mw = maskWidth(variants)
  let previousLast = -1
  let best = 0
  let blocks = 0
  for (let from = 0; from < n; from += BLOCK_SIZE, blocks++) {
    const to = Math.min(n, from + BLOCK_SIZE)
    let maxDelta = 0
    let maxLength = 0
    let maxTf = 0
    let bound = 0
    for (let i = from; i < to; i++) {
      if (i > from) maxDelta = Math.max(maxDelta, p.units[i]! - p.units[i - 1]!)
      maxLength = Math.max(maxLength, p.lengths[i]!)
      maxTf = Math.max(maxTf, p.tfs[i]! * 8 + 7)
      bound = Math.max(bound, CODE_BOOST[p.codes[i]!]! * bm25(idf, p.tfs[i]!, p.lengths[i]!, averageLength))
    }
    const [dw, lw, tw] = [widthOf(maxDelta), widthOf(maxLength), widthOf(maxTf)]
    const start = data.length
    data.u8((dw - 1) | ((lw - 1) << 2) | ((tw - 1) << 4) | (MASK_WIDTHS.indexOf(mw) << 6))
    for (let i = from + 1; i < to; i++) data.fixed(p.units[i]! - p.units[i - 1]!, dw)
    for (let i = from; i < to; i++) data.fixed(p.lengths[i]!, lw)
    for (let i = from; i < to; i++) data.fixed(p.tfs[i]! * 8 + p.codes[i]!, tw)
    if (mw > 0) for (let i = from; i < to; i++) data.fixed(p.masks[i]!, mw)

    const positionsStart = positions.length
    for (let i = from; i < to; i++) {
      const { at, variants: written } = p.positions(i)
      let previous = -1
      for (let k = 0; k < at.length; k++) {
        positions.varint((at[k]! - previous) * scale + (scale > 1 ? written[k]! : 0))
        previous = at[k]!
      }
    }

    const stored = f32Above(bound)
    best = Math.max(best, stored)
    skip.varint(previousLast < 0 ? p.units[from]! : p.units[from]! - previousLast)
      .varint(p.units[to - 1]! - p.units[from]!)
      .varint(to - from)
      .f32(stored)
      .varint(data.length - start)
      .varint(positions.length - positionsStart)
    previousLast = p.units[to - 1]!
  }
  const skipBytes = skip.length
  return { postings: skip.bytes(data.finish()).finish(), skipBytes, blocks, positions: positions.finish(), bound: best }
}

/** A term's skip table: one entry per block, as parallel arrays. */
export interface Skips {
  blocks: number
  first: Uint32Array
  last: Uint32Array
  count: Uint16Array
  bound: Float32Array
  /**
   * Where each block's data starts, relative to the start of the term's postings, and the end last: block `b` is `offset[b]` to
   * `offset[b + 1]`. A skip table of a common word is kept decoded across requests (tens of thousands of blocks at 1 GB), so each
   * entry is as small as it can be: 32 bits (a term has a posting a unit at most, a few bytes each: 4 GiB is a billion units away).
   */
  offset: Uint32Array
  /** The same for each block's positions, relative to the start of the term's positions. */
  positions: Uint32Array
  /** The best bound of each group of {@link BOUND_GROUP} blocks: the best over a long run of blocks is found a group at a time. */
  groupBound: Float32Array
}

/** Blocks per group of {@link Skips.groupBound}. */
const BOUND_GROUP = 16

/**
 * The best bound of blocks `from` (included) to `to` (excluded), or -1 when
 * there are none: whole groups at a time, so that bounding a query of many
 * common words (tens of thousands of blocks at 1 GB) costs a sixteenth of a
 * walk over every block.
 */
export function boundOver(s: Skips, from: number, to: number): number {
  let best = -1
  let b = from
  for (; b < to && b % BOUND_GROUP !== 0; b++) if (s.bound[b]! > best) best = s.bound[b]!
  for (; b + BOUND_GROUP <= to; b += BOUND_GROUP) if (s.groupBound[b / BOUND_GROUP]! > best) best = s.groupBound[b / BOUND_GROUP]!
  for (; b < to; b++) if (s.bound[b]! > best) best = s.bound[b]!
  return best
}

export function decodeSkips(bytes: Uint8Array, blocks: number): Skips {
  const r = new ByteReader(bytes)
  // One buffer for the seven arrays: most tables are of a block or two, where a buffer's own cost in V8 (its object and its
  // allocation, about 200 bytes) is more than its data.
  const groups = Math.ceil(blocks / BOUND_GROUP)
  const buffer = new ArrayBuffer(4 * (5 * blocks + 2 + groups) + 2 * blocks)
  let at = 0
  const u32 = (n: number) => new Uint32Array(buffer, (at += 4 * n) - 4 * n, n)
  const f32 = (n: number) => new Float32Array(buffer, (at += 4 * n) - 4 * n, n)
  const s: Skips = {
    blocks,
    first: u32(blocks),
    last: u32(blocks),
    bound: f32(blocks),
    offset: u32(blocks + 1),
    positions: u32(blocks + 1),
    groupBound: f32(groups),
    count: new Uint16Array(buffer, at, blocks),
  }
  let last = -1
  // Sizes first, made offsets once the table's own length is known.
  for (let b = 0; b < blocks; b++) {
    const first = b === 0 ? r.varint() : last + r.varint()
    last = first + r.varint()
    s.first[b] = first
    s.last[b] = last
    s.count[b] = r.varint()
    s.bound[b] = r.f32()
    if (b % BOUND_GROUP === 0 || s.bound[b]! > s.groupBound[Math.floor(b / BOUND_GROUP)]!) s.groupBound[Math.floor(b / BOUND_GROUP)] = s.bound[b]!
    s.offset[b + 1] = r.varint()
    s.positions[b + 1] = r.varint()
  }
  s.offset[0] = r.at
  for (let b = 0; b < blocks; b++) {
    s.offset[b + 1]! += s.offset[b]!
    s.positions[b + 1]! += s.positions[b]!
  }
  return s
}

/**
 * What V8 spends on a decoded table beside its buffer's data: the table, its seven views, the buffer itself. Measured at 1 GB
 * (2026-12-05): 2,417 tables kept took 16.0 MB of heap where their weights, counted without it, summed to 12 MB.
 */
const SKIPS_OVERHEAD = 1200

/** Memory a decoded skip table takes. */
export function skipsWeight(s: Skips): number {
  return SKIPS_OVERHEAD + s.first.buffer.byteLength
}

/** A decoded block: postings as parallel arrays. `masks` is null for a term of one variant. */
export interface Block {
  count: number
  units: Uint32Array
  tfs: Uint32Array
  lengths: Uint32Array
  codes: Uint8Array
  masks: Uint32Array | null
}

/** A block decoded into memory from `arena` (a query's). */
export function decodeBlock(bytes: Uint8Array, first: number, count: number, arena: Arena): Block {
  const widths = bytes[0]!
  const dw = (widths & 3) + 1
  const lw = ((widths >> 2) & 3) + 1
  const tw = ((widths >> 4) & 3) + 1
  const mw = MASK_WIDTHS[widths >> 6]!
  // One buffer under every array: a backing store is costlier to make and collect than a view on one.
  const words = mw === 0 ? 3 : 4
  const [buffer, o] = arena.take(count * (4 * words + 1))
  const block: Block = {
    count,
    units: new Uint32Array(buffer, o, count),
    tfs: new Uint32Array(buffer, o + 4 * count, count),
    lengths: new Uint32Array(buffer, o + 8 * count, count),
    masks: mw === 0 ? null : new Uint32Array(buffer, o + 12 * count, count),
    codes: new Uint8Array(buffer, o + 4 * words * count, count),
  }
  let at = 1
  let unit = first
  block.units[0] = unit
  for (let i = 1; i < count; i++) {
    unit += fixed(bytes, at, dw)
    at += dw
    block.units[i] = unit
  }
  for (let i = 0; i < count; i++, at += lw) block.lengths[i] = fixed(bytes, at, lw)
  for (let i = 0; i < count; i++, at += tw) {
    const v = fixed(bytes, at, tw)
    block.tfs[i] = v >>> 3
    block.codes[i] = v & 7
  }
  if (block.masks) for (let i = 0; i < count; i++, at += mw) block.masks[i] = fixed(bytes, at, mw)
  return block
}

function fixed(bytes: Uint8Array, at: number, width: number): number {
  switch (width) {
    case 1:
      return bytes[at]!
    case 2:
      return bytes[at]! | (bytes[at + 1]! << 8)
    case 3:
      return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
    default:
      return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  }
}

/**
 * A block's positions: posting `i`'s occurrences are `at[start[i]]` to `at[start[i + 1] - 1]`, once {@link decode}`(i)` has read
 * them. Each posting's are read when first asked for: a phrase checks the few candidates' of a common word's block (at 1 GB,
 * `"the log"` asked for 2,335 of the 45,110 positions of the blocks it read), and moving past a posting's varints costs less than
 * decoding and storing them.
 */
export class BlockPositions {
  readonly start: Uint32Array
  readonly at: Uint32Array
  readonly variants: Uint16Array
  readonly #reader: ByteReader
  readonly #scale: number
  /** 1 for each posting whose positions are decoded. */
  readonly #decoded: Uint8Array
  /** The posting whose positions start where the reader is. */
  #next = 0

  /** Takes its memory from `arena` (a query's). */
  constructor(bytes: Uint8Array, block: Block, variants: number, arena: Arena) {
    let total = 0
    for (let i = 0; i < block.count; i++) total += block.tfs[i]!
    const [buffer, o] = arena.take(4 * (block.count + 1 + total) + 2 * total + block.count)
    this.start = new Uint32Array(buffer, o, block.count + 1)
    this.at = new Uint32Array(buffer, o + 4 * (block.count + 1), total)
    this.variants = new Uint16Array(buffer, o + 4 * (block.count + 1 + total), total)
    this.#decoded = new Uint8Array(buffer, o + 4 * (block.count + 1 + total) + 2 * total, block.count)
    for (let i = 0; i < block.count; i++) this.start[i + 1] = this.start[i]! + block.tfs[i]!
    this.#reader = new ByteReader(bytes)
    this.#scale = 2 ** variantBits(variants)
  }

  /** Reads posting `i`'s positions, unless read already. Asked in ascending order, the block's bytes are read once. */
  decode(i: number): void {
    if (this.#decoded[i] === 1) return
    const r = this.#reader
    if (i < this.#next) {
      r.at = 0
      this.#next = 0
    }
    r.skipVarints(this.start[i]! - this.start[this.#next]!)
    let previous = -1
    for (let k = this.start[i]!; k < this.start[i + 1]!; k++) {
      const v = r.varint()
      previous += Math.floor(v / this.#scale)
      this.at[k] = previous
      this.variants[k] = v % this.#scale
    }
    this.#decoded[i] = 1
    this.#next = i + 1
  }
}
