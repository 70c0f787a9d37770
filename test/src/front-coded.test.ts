import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { FRONT_BLOCK, frontCode, FrontCodedList } from '../../src/front-coded'

const rand = random(5)
const pick = (s: string) => [...s][Math.floor(rand() * [...s].length)]!

describe('FrontCodedList', () => {
  // Ids as a corpus has them (neighbours share a volume), and strings of any code points (è and é share their first byte), some
  // longer than the decoder's first buffer.
  const ids = Array.from({ length: 1000 }, (_, i) => `frus19${60 + Math.floor(i / 300)}-68v${Math.floor(i / 70)}d${i % 70}`)
  const odd = Array.from({ length: 200 }, () => Array.from({ length: Math.floor(rand() * (rand() < 0.1 ? 400 : 12)) }, () => pick('ab\u00e8\u00e9\u4e2d\ud83d\ude00')).join(''))

  it('reads back every item as written, across block boundaries, at any length', () => {
    for (const items of [[], ['x'], ids.slice(0, FRONT_BLOCK), ids.slice(0, FRONT_BLOCK + 1), ids, odd]) {
      const list = new FrontCodedList(frontCode(items))
      expect(list.length).toBe(items.length)
      expect([...list]).toEqual(items)
      expect(list.at(items.length - 1)).toBe(items.at(-1))
      expect([list.at(-1), list.at(items.length)]).toEqual([undefined, undefined])
    }
  })

  it('compares items as strings compare', () => {
    const list = new FrontCodedList(frontCode(odd))
    for (let i = 0; i < odd.length; i++) {
      const other = odd[Math.floor(rand() * odd.length)]!
      expect(list.below(i, other)).toBe(odd[i]! < other)
      expect(list.is(i, other)).toBe(odd[i] === other)
    }
    const idList = new FrontCodedList(frontCode(ids))
    expect([idList.is(777, ids[777]!), idList.is(777, ids[778]!)]).toEqual([true, false])
  })

  it('takes a fraction of the text for ids that share their volume', () => {
    const { bytes, blocks } = frontCode(ids)
    expect(bytes.byteLength + blocks.byteLength).toBeLessThan(ids.join('\n').length / 3)
  })
})
