import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/format/postings'
import { atUnits, candidateUnits, holdingAny, restrict } from '../../src/term-postings'

/** A block of postings at `units`, each posting's tf, length and code told apart by its unit. */
function block(units: number[], masks = false): Block {
  return {
    count: units.length,
    units: Uint32Array.from(units),
    tfs: Uint32Array.from(units, (u) => (u % 3) + 1),
    lengths: Uint32Array.from(units, (u) => 10 + u),
    codes: Uint8Array.from(units, (u) => u % 8),
    masks: masks ? Uint32Array.from(units, (u) => 1 << (u % 4)) : null,
  }
}

describe('restrict', () => {
  it('keeps the postings within the stretch, as views on the block that holds them all', () => {
    const b = block([2, 5, 9, 14])
    const p = restrict([block([0, 1]), b, block([20, 30])], 4, 14)
    expect([...p.units]).toEqual([5, 9, 14])
    expect([...p.tfs]).toEqual([3, 1, 3])
    expect([...p.lengths]).toEqual([15, 19, 24])
    expect([...p.codes]).toEqual([5, 1, 6])
    expect(p.variants).toBeNull()
    expect(p.units.buffer).toBe(b.units.buffer)
  })

  it('copies the postings of a stretch that several blocks hold, in order, with their variants', () => {
    const p = restrict([block([1, 4, 7], true), block([8, 12, 40], true)], 4, 12)
    expect([...p.units]).toEqual([4, 7, 8, 12])
    expect([...p.tfs]).toEqual([2, 2, 3, 1])
    expect([...p.variants!]).toEqual([1, 8, 1, 1])
  })

  it('is empty over a stretch no posting falls in', () => {
    expect(restrict([block([1, 2]), block([50])], 3, 49).units.length).toBe(0)
  })
})

describe('atUnits', () => {
  it("finds the term's postings at the units asked for, across blocks, and leaves out the units it lacks", () => {
    const p = atUnits([block([1, 3, 5]), block([8, 13, 21])], Uint32Array.from([0, 3, 4, 8, 21, 22]))
    expect([...p.units]).toEqual([3, 8, 21])
    expect([...p.tfs]).toEqual([1, 3, 1])
    expect([...p.lengths]).toEqual([13, 18, 31])
  })

  it('is empty without blocks or units', () => {
    expect(atUnits([], Uint32Array.from([1])).units.length).toBe(0)
    expect(atUnits([block([1])], new Uint32Array(0)).units.length).toBe(0)
  })
})

describe('holdingAny', () => {
  it('keeps the units that one of the lists holds, each once, in order', () => {
    const units = Uint32Array.from([1, 2, 3, 4, 5, 6])
    expect([...holdingAny([[block([2, 4])], [block([4]), block([6, 9])]], units)]).toEqual([2, 4, 6])
  })
})

describe('candidateUnits', () => {
  it("merges the drivers' units within the stretch, each once, ascending", () => {
    const units = candidateUnits([[block([1, 5, 9]), block([12, 16])], [block([5, 6, 30])]], 5, 16)
    expect([...units]).toEqual([5, 6, 9, 12, 16])
  })
})
