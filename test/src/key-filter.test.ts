import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { buildKeyFilter, KEY_FILTER_ERROR, KeyFilter } from '../../src/key-filter'

const rand = random(11)
const stringOf = (letters: string) => Array.from({ length: 3 + Math.floor(rand() * 8) }, () => letters[Math.floor(rand() * letters.length)]).join('')

describe('KeyFilter', () => {
  const keys = [...new Set(Array.from({ length: 20_000 }, () => stringOf('abcdefghijklmnopqrstuvwxyzé')))]
  const data = buildKeyFilter(keys)
  const filter = new KeyFilter(data)

  it('never says a key it holds is absent', () => {
    expect(keys.filter((k) => filter.lacks(k))).toEqual([])
  })

  it('says most keys it does not hold are absent, at about the rate it was sized for', () => {
    const held = new Set(keys)
    const others = Array.from({ length: 20_000 }, () => stringOf('abcdefghijklmnopqrstuvwxyz0')).filter((k) => !held.has(k))
    const passed = others.filter((k) => !filter.lacks(k)).length
    expect(passed / others.length).toBeLessThan(KEY_FILTER_ERROR * 3)
  })

  it("lists the keys' code units, each once, in order", () => {
    expect(data.alphabet).toBe('abcdefghijklmnopqrstuvwxyzé')
    expect(buildKeyFilter(['ba', 'ab', 'b']).alphabet).toBe('ab')
  })

  it('reads as it was written from its stored bits', () => {
    const stored = new KeyFilter({ ...data, buckets: Uint32Array.from(data.buckets) })
    expect(keys.slice(0, 500).every((k) => !stored.lacks(k))).toBe(true)
    expect(stored.lacks('zzzzzzzzzzzz0')).toBe(filter.lacks('zzzzzzzzzzzz0'))
  })

  it('reads its stored bits in place, not a copy of them', () => {
    const bits = Uint32Array.from(data.buckets)
    const stored = new KeyFilter({ ...data, buckets: bits })
    bits.fill(0)
    expect(stored.lacks(keys[0]!)).toBe(true)
  })
})
