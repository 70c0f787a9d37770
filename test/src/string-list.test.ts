import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StringList } from '../../src/string-list'
import { properties } from '../support/property'

describe('StringList', () => {
  it('holds the items of a newline-joined text, empty ones too', () => {
    const list = StringList.of('Rusk\n\nSato')
    expect(list.length).toBe(3)
    expect([...list]).toEqual(['Rusk', '', 'Sato'])
    expect([list.at(-1), list.at(0), list.at(1), list.at(2), list.at(3)]).toEqual([undefined, 'Rusk', '', 'Sato', undefined])
    expect(StringList.of(undefined).length).toBe(0)
    expect(StringList.of('').at(0)).toBe('')
  })

  it('compares an item without making it: the whole item, not a prefix or a neighbour', () => {
    const list = StringList.of('frus-d1\nfrus-d10\nfrus-d2')
    expect([list.is(0, 'frus-d1'), list.is(1, 'frus-d1'), list.is(0, 'frus-d10'), list.is(2, 'frus-d2'), list.is(3, ''), list.is(-1, '')]).toEqual([true, false, false, true, false, false])
    expect([list.indexOf('frus-d10'), list.indexOf('frus-d'), list.includes('frus-d2'), list.includes('d2')]).toEqual([1, -1, true, false])
  })

  it('agrees with a plain array on any items (properties)', () => {
    fc.assert(fc.property(fc.array(fc.string().filter((w) => !w.includes('\n')), { minLength: 1 }), fc.string(), (items, other) => {
      const list = StringList.of(items.join('\n'))
      expect([...list]).toEqual(items)
      for (const s of [...items, other]) expect(list.indexOf(s)).toBe(items.indexOf(s))
      items.forEach((s, i) => {
        expect(list.is(i, s)).toBe(true)
        expect(list.lengthOf(i)).toBe(s.length)
        expect(Array.from({ length: s.length + 1 }, (_, d) => list.charCodeAt(i, d))).toEqual(Array.from({ length: s.length + 1 }, (_, d) => s.charCodeAt(d)))
        expect([list.startsWith(i, other), list.below(i, other)]).toEqual([s.startsWith(other), s < other])
        let shared = 0
        while (shared < Math.min(s.length, items[0]!.length) && s.charCodeAt(shared) === items[0]!.charCodeAt(shared)) shared++
        expect([list.shared(i, 0, 99), list.shared(i, 0, 1)]).toEqual([shared, Math.min(shared, 1)])
      })
    }), properties(300))
  })

  it('finds the first item not below a key in a sorted list, from any place, as a scan does, in any script (properties)', () => {
    const word = fc.string({ unit: 'binary' }).filter((w) => !w.includes('\n'))
    fc.assert(fc.property(fc.array(word, { minLength: 1 }), fc.string({ unit: 'binary' }), fc.nat(), (items, key, start) => {
      const sorted = [...items].sort()
      const list = StringList.of(sorted.join('\n'))
      const from = start % sorted.length
      const first = sorted.findIndex((w, i) => i >= from && !(w < key))
      expect(list.lowerBound(key, from)).toBe(first < 0 ? sorted.length : first)
    }), properties(300))
  })
})
