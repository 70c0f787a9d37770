import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { firstNotBelow, lastAtMost } from '../../src/bisect'

describe('firstNotBelow and lastAtMost', () => {
  it('answer as a scan does, from any start and to any end', () => {
    const rand = random(3)
    for (let trial = 0; trial < 300; trial++) {
      const sorted = Uint32Array.from(Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 500)).sort((a, b) => a - b))
      const from = Math.floor(rand() * (sorted.length + 1))
      const to = from + Math.floor(rand() * (sorted.length - from + 1))
      const value = Math.floor(rand() * 520) - 10
      let first = from
      while (first < to && sorted[first]! < value) first++
      let last = to - 1
      while (last >= from && sorted[last]! > value) last--
      expect(firstNotBelow(sorted, value, from, to)).toBe(first)
      expect(lastAtMost(sorted, value, from, to)).toBe(last)
    }
  })
})
