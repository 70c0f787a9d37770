import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import type { Skips } from '../../src/format/postings'
import { PostingsSession } from '../../src/postings'

/** A skip table of blocks over [first, last] ranges with gaps between them (only what block lookups read). */
function skipsOf(ranges: [number, number][]): Skips {
  return {
    blocks: ranges.length,
    first: Uint32Array.from(ranges.map((r) => r[0])),
    last: Uint32Array.from(ranges.map((r) => r[1])),
  } as Skips
}

describe('PostingsSession block lookups', () => {
  it('find the block covering each unit, as a scan of every block does', () => {
    const rand = random(9)
    for (let trial = 0; trial < 200; trial++) {
      const ranges: [number, number][] = []
      let at = Math.floor(rand() * 5)
      for (let b = 0; b < 1 + Math.floor(rand() * 300); b++) {
        const first = at + Math.floor(rand() * 4)
        const last = first + Math.floor(rand() * 20)
        ranges.push([first, last])
        at = last + 1
      }
      const units = [...new Set(Array.from({ length: Math.floor(rand() * 400) }, () => Math.floor(rand() * (at + 10))))].sort((a, b) => a - b)
      const skips = skipsOf(ranges)
      const expected = units.map((u) => ranges.findIndex(([f, l]) => f <= u && u <= l))
      expect([...PostingsSession.blocksOf(skips, units)]).toEqual(expected)
      expect(PostingsSession.blocksHolding(skips, units)).toEqual([...new Set(expected.filter((b) => b >= 0))])
    }
  })
})
