import { describe, expect, it } from 'vitest'
import { Arena } from '../../src/arena'

describe('Arena', () => {
  it('hands out zeroed memory that no two takes share, each at an offset any typed array may start at', () => {
    const arena = new Arena(1024)
    const taken = [13, 100, 7, 200, 64].map((n) => [...arena.take(n), n] as const)
    for (const [buffer, offset, n] of taken) {
      expect(offset % 8).toBe(0)
      const bytes = new Uint8Array(buffer, offset, n)
      expect(bytes.every((b) => b === 0)).toBe(true)
      bytes.fill(255)
      expect(() => new Float64Array(buffer, offset, Math.floor(n / 8))).not.toThrow()
    }
    // Every take's bytes are still its own: writing each did not reach another.
    for (const [buffer, offset, n] of taken) expect(new Uint8Array(buffer, offset, n).every((b) => b === 255)).toBe(true)
    expect(new Set(taken.map(([buffer]) => buffer)).size).toBe(1)
  })

  it('starts a new buffer when one is full, and gives a take larger than its buffers a buffer of its own', () => {
    const arena = new Arena(256)
    const [first] = arena.take(200)
    const [second, at] = arena.take(100)
    expect(second).not.toBe(first)
    expect(at).toBe(0)
    const [large, offset] = arena.take(1000)
    expect([large.byteLength, offset]).toEqual([1000, 0])
    // The buffer being carved is still the one before the large take.
    expect(arena.take(8)[0]).toBe(second)
  })
})
