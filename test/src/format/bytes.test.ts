import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, f32Above, widthOf } from '../../../src/format/bytes'

describe('ByteWriter and ByteReader', () => {
  it('read back varints up to 2^53, fixed widths, f32 and strings, in order', () => {
    const numbers = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1]
    const w = new ByteWriter()
    for (const n of numbers) w.varint(n)
    w.fixed(0xabcdef, 3).f32(1.5).string('Argüello').u8(7)
    const r = new ByteReader(w.finish())
    expect(numbers.map(() => r.varint())).toEqual(numbers)
    expect([r.fixed(3), r.f32(), r.string(), r.u8()]).toEqual([0xabcdef, 1.5, 'Argüello', 7])
    expect(r.at).toBe(w.length)
  })

  it('writes the smallest varint: one byte below 128', () => {
    expect(new ByteWriter().varint(127).length).toBe(1)
    expect(new ByteWriter().varint(128).length).toBe(2)
  })
})

describe('f32Above', () => {
  it('never rounds a bound down', () => {
    for (const x of [0.1, 1 / 3, 12.345678901, 1e-7, 2 ** 24 + 1]) {
      expect(f32Above(x)).toBeGreaterThanOrEqual(x)
      expect(f32Above(x)).toBe(Math.fround(f32Above(x)))
    }
    expect(f32Above(1.5)).toBe(1.5)
  })
})

describe('widthOf', () => {
  it('gives the bytes an unsigned integer needs', () => {
    expect([0, 255, 256, 65_535, 65_536, 2 ** 24, 2 ** 32 - 1].map(widthOf)).toEqual([1, 1, 2, 2, 3, 4, 4])
  })
})
