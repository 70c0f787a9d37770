import { describe, expect, it } from 'vitest'
import { random } from '../../../bench/random'
import { Arena } from '../../../src/arena'
import { BLOCK_SIZE, BlockPositions, boundOver, decodeBlock, decodeSkips, encodeTerm, maskWidth, variantBit } from '../../../src/format/postings'
import { bm25, CODE_BOOST } from '../../../src/rank'

/** A term's postings, drawn at random: units ascending, and their occurrences. */
function drawn(n: number, variants: number, seed: number) {
  const rand = random(seed)
  let unit = Math.floor(rand() * 10)
  const units: number[] = []
  const tfs: number[] = []
  const lengths: number[] = []
  const codes: number[] = []
  const occurrences: { at: number[]; variants: number[] }[] = []
  for (let i = 0; i < n; i++) {
    unit += 1 + Math.floor(rand() ** 4 * 70_000)
    const tf = 1 + Math.floor(rand() ** 3 * 40)
    const length = tf + Math.floor(rand() * 3000)
    units.push(unit)
    tfs.push(tf)
    lengths.push(length)
    codes.push(Math.floor(rand() * 8))
    const at = [...new Set(Array.from({ length: tf * 3 }, () => Math.floor(rand() * length)))].sort((a, b) => a - b).slice(0, tf)
    while (at.length < tf) at.push((at.at(-1) ?? 0) + 1)
    occurrences.push({ at, variants: at.map(() => Math.floor(rand() * variants)) })
  }
  const masks = occurrences.map((o) => o.variants.reduce((m, v) => (m | variantBit(v, variants)) >>> 0, 0))
  return { units, tfs, lengths, codes, masks, occurrences }
}

describe('a term’s postings', () => {
  for (const [n, variants] of [[1, 1], [300, 3], [1000, 20], [BLOCK_SIZE, 40]] as const) {
    it(`read back as written: ${n} postings of ${variants} variant(s)`, () => {
      const p = drawn(n, variants, n + variants)
      const idf = 2.5
      const average = 800
      const encoded = encodeTerm({ ...p, positions: (i) => p.occurrences[i]! }, variants, idf, average)
      expect(encoded.blocks).toBe(Math.ceil(n / BLOCK_SIZE))
      const skips = decodeSkips(encoded.postings.subarray(0, encoded.skipBytes), encoded.blocks)
      let k = 0
      let positionsAt = 0
      for (let b = 0; b < skips.blocks; b++) {
        const block = decodeBlock(encoded.postings.subarray(skips.offset[b]!, skips.offset[b + 1]!), skips.first[b]!, skips.count[b]!, new Arena())
        expect(block.count).toBe(skips.count[b])
        const positions = new BlockPositions(encoded.positions.subarray(positionsAt, skips.positions[b + 1]!), block, variants, new Arena())
        expect(skips.positions[b]).toBe(positionsAt)
        positionsAt = skips.positions[b + 1]!
        expect(skips.first[b]).toBe(p.units[k])
        expect(skips.last[b]).toBe(p.units[k + block.count - 1])
        for (let i = 0; i < block.count; i++, k++) {
          expect([block.units[i], block.tfs[i], block.lengths[i], block.codes[i]]).toEqual([p.units[k], p.tfs[k], p.lengths[k], p.codes[k]])
          expect(block.masks === null ? 1 : block.masks[i]).toBe(variants === 1 ? 1 : p.masks[k])
          positions.decode(i)
          const from = positions.start[i]!
          expect([...positions.at.subarray(from, positions.start[i + 1]!)]).toEqual(p.occurrences[k]!.at)
          expect([...positions.variants.subarray(from, positions.start[i + 1]!)]).toEqual(variants === 1 ? p.occurrences[k]!.at.map(() => 0) : p.occurrences[k]!.variants)
          // The block's bound is never below a posting's score.
          expect(skips.bound[b]).toBeGreaterThanOrEqual(CODE_BOOST[block.codes[i]!]! * bm25(idf, block.tfs[i]!, block.lengths[i]!, average))
        }
      }
      expect(k).toBe(n)
      expect(skips.offset[skips.blocks]).toBe(encoded.postings.length)
      expect(positionsAt).toBe(encoded.positions.length)
    })
  }

  it('decodes a block and its positions the same into an arena shared across blocks as into one of their own', () => {
    const p = drawn(BLOCK_SIZE * 3 + 17, 20, 11)
    const encoded = encodeTerm({ ...p, positions: (i) => p.occurrences[i]! }, 20, 2.5, 800)
    const skips = decodeSkips(encoded.postings.subarray(0, encoded.skipBytes), encoded.blocks)
    // Small buffers: some blocks share one, some start the next, the positions of others take one of their own.
    const arena = new Arena(4096)
    for (let b = 0; b < skips.blocks; b++) {
      const bytes = encoded.postings.subarray(skips.offset[b]!, skips.offset[b + 1]!)
      const own = decodeBlock(bytes, skips.first[b]!, skips.count[b]!, new Arena())
      const carved = decodeBlock(bytes, skips.first[b]!, skips.count[b]!, arena)
      expect(carved.units.buffer).not.toBe(own.units.buffer)
      expect(carved).toEqual(own)
      const positions = encoded.positions.subarray(skips.positions[b]!, skips.positions[b + 1]!)
      const decoded = [new BlockPositions(positions, carved, 20, arena), new BlockPositions(positions, own, 20, new Arena())]
      for (const d of decoded) for (let i = 0; i < carved.count; i++) d.decode(i)
      expect(decoded[0]).toEqual(decoded[1])
    }
  })

  it('reads a posting’s positions when asked, in any order, skipping those not asked for', () => {
    const p = drawn(BLOCK_SIZE, 20, 5)
    const encoded = encodeTerm({ ...p, positions: (i) => p.occurrences[i]! }, 20, 2.5, 800)
    const skips = decodeSkips(encoded.postings.subarray(0, encoded.skipBytes), encoded.blocks)
    const block = decodeBlock(encoded.postings.subarray(skips.offset[0]!, skips.offset[1]!), skips.first[0]!, skips.count[0]!, new Arena())
    const positions = new BlockPositions(encoded.positions, block, 20, new Arena())
    const read = (i: number) => {
      positions.decode(i)
      const from = positions.start[i]!
      return { at: [...positions.at.subarray(from, positions.start[i + 1]!)], variants: [...positions.variants.subarray(from, positions.start[i + 1]!)] }
    }
    // Ascending with gaps, then back to a posting skipped over, then one read already, then the last.
    for (const i of [3, 4, 40, 1, 40, 0, BLOCK_SIZE - 1]) expect(read(i)).toEqual(p.occurrences[i])
    // Postings never asked for are not decoded.
    const unread = 2
    expect(p.occurrences[unread]!.at.some((x) => x > 0)).toBe(true)
    expect([...positions.at.subarray(positions.start[unread]!, positions.start[unread + 1]!)].every((x) => x === 0)).toBe(true)
  })
  it('gives the best bound over any run of blocks, as a walk over each block does', () => {
    const p = drawn(BLOCK_SIZE * 70 + 5, 2, 7)
    const encoded = encodeTerm({ ...p, positions: (i) => p.occurrences[i]! }, 2, 2.5, 800)
    const skips = decodeSkips(encoded.postings.subarray(0, encoded.skipBytes), encoded.blocks)
    expect(skips.blocks).toBe(71)
    const rand = random(3)
    for (let trial = 0; trial < 500; trial++) {
      const from = Math.floor(rand() * 72)
      const to = from + Math.floor(rand() * (72 - from))
      const walked = Array.from(skips.bound.subarray(from, to)).reduce((m, b) => Math.max(m, b), -1)
      expect(boundOver(skips, from, to), `${from}–${to}`).toBe(walked)
    }
  })

  it('gives variants past a mask’s bits the last bit', () => {
    expect([maskWidth(1), maskWidth(8), maskWidth(9), maskWidth(17)]).toEqual([0, 1, 2, 4])
    expect(variantBit(3, 8)).toBe(8)
    expect(variantBit(40, 40)).toBe(2 ** 31)
  })
})
