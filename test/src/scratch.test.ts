import { describe, expect, it } from 'vitest'
import { Scratch } from '../../src/scratch'

describe('Scratch', () => {
  it('lends the same memory call after call, zeroed where asked', () => {
    const scratch = new Scratch((n) => new Uint32Array(n), 1024)
    const first = scratch.zeroed(100)
    first.fill(7)
    const second = scratch.zeroed(50)
    expect(second.buffer).toBe(first.buffer)
    expect([...second.subarray(0, 50)].every((x) => x === 0)).toBe(true)
    const third = scratch.zeroed(100)
    expect([...third.subarray(0, 100)].every((x) => x === 0)).toBe(true)
  })

  it('grows to what is asked, and keeps no array longer than its bound', () => {
    const scratch = new Scratch((n) => new Uint8Array(n), 1024)
    expect(scratch.zeroed(600).length).toBeGreaterThanOrEqual(600)
    const kept = scratch.zeroed(1000)
    expect(kept.length).toBe(1024)
    const large = scratch.zeroed(5000)
    expect(large.length).toBe(5000)
    large.fill(1)
    expect(scratch.zeroed(1000).buffer).toBe(kept.buffer)
  })
})
