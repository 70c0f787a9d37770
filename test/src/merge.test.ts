import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeAscending } from '../../src/merge'

describe('mergeAscending', () => {
  it('gives the distinct units of any lists, ascending', () => {
    const list = fc.uniqueArray(fc.nat({ max: 2_000 }), { maxLength: 60 }).map((u) => Uint32Array.from(u.sort((a, b) => a - b)))
    fc.assert(fc.property(fc.array(list, { maxLength: 9 }), (lists) => {
      const expected = [...new Set(lists.flatMap((l) => [...l]))].sort((a, b) => a - b)
      expect([...mergeAscending(lists)]).toEqual(expected)
    }))
  })

  it('gives a list alone as it is, and nothing for no lists', () => {
    const one = Uint32Array.of(1, 5, 9)
    expect(mergeAscending([one])).toBe(one)
    expect(mergeAscending([])).toEqual(new Uint32Array(0))
  })
})
