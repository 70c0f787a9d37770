/**
 * A term's postings as evaluation reads them: parallel arrays cut from its
 * decoded blocks, over a stretch of units (the drivers') or at given units
 * (a term looked up at the drivers' candidates).
 */
import { firstNotBelow } from './bisect'
import type { Block } from './format/postings'
import { mergeAscending } from './merge'

/** A term's postings within the stretch evaluated, as parallel arrays. */
export interface TermPostings {
  units: Uint32Array
  tfs: Uint32Array
  lengths: Uint32Array
  codes: Uint8Array
  variants: Uint32Array | null
}

const EMPTY: TermPostings = { units: new Uint32Array(0), tfs: new Uint32Array(0), lengths: new Uint32Array(0), codes: new Uint8Array(0), variants: null }

/** The postings of blocks (in unit order) that fall in `[from, to]`: views on a block when one holds them all. */
export function restrict(blocks: readonly Block[], from: number, to: number): TermPostings {
  const { spans, n, only } = spansIn(blocks, from, to)
  if (n === 0) return EMPTY
  if (only >= 0) {
    const b = blocks[only]!
    const [i, j] = spans[only]!
    return { units: b.units.subarray(i, j), tfs: b.tfs.subarray(i, j), lengths: b.lengths.subarray(i, j), codes: b.codes.subarray(i, j), variants: b.masks && b.masks.subarray(i, j) }
  }
  const out: TermPostings = {
    units: new Uint32Array(n), tfs: new Uint32Array(n), lengths: new Uint32Array(n), codes: new Uint8Array(n),
    variants: blocks[0]!.masks ? new Uint32Array(n) : null,
  }
  let k = 0
  blocks.forEach((b, x) => {
    const [i, j] = spans[x]!
    out.units.set(b.units.subarray(i, j), k)
    out.tfs.set(b.tfs.subarray(i, j), k)
    out.lengths.set(b.lengths.subarray(i, j), k)
    out.codes.set(b.codes.subarray(i, j), k)
    if (out.variants) out.variants.set(b.masks!.subarray(i, j), k)
    k += j - i
  })
  return out
}

/** The units of blocks (in unit order) from `from` to `to`: what {@link restrict} keeps of them, without copying their other fields. */
function unitsIn(blocks: readonly Block[], from: number, to: number): Uint32Array {
  const { spans, n, only } = spansIn(blocks, from, to)
  if (only >= 0) return blocks[only]!.units.subarray(...spans[only]!)
  const out = new Uint32Array(n)
  let k = 0
  blocks.forEach((b, x) => {
    out.set(b.units.subarray(...spans[x]!), k)
    k += spans[x]![1] - spans[x]![0]
  })
  return out
}

/** Where each block's postings from `from` to `to` lie, how many there are, and the one block holding them all (or -1). */
function spansIn(blocks: readonly Block[], from: number, to: number): { spans: (readonly [number, number])[]; n: number; only: number } {
  const spans = blocks.map((b) => [firstNotBelow(b.units, from, 0, b.count), firstNotBelow(b.units, to + 1, 0, b.count)] as const)
  const n = spans.reduce((sum, [i, j]) => sum + j - i, 0)
  return { spans, n, only: spans.findIndex(([i, j]) => j - i === n) }
}

/** The postings of blocks (in unit order) at `units` (ascending), where the term has one. */
export function atUnits(sorted: readonly Block[], units: Uint32Array): TermPostings {
  if (sorted.length === 0 || units.length === 0) return EMPTY
  const out: TermPostings = {
    units: new Uint32Array(units.length), tfs: new Uint32Array(units.length), lengths: new Uint32Array(units.length),
    codes: new Uint8Array(units.length), variants: sorted[0]!.masks ? new Uint32Array(units.length) : null,
  }
  let k = 0
  let j = 0
  for (const b of sorted) {
    let i = 0
    while (i < b.count && j < units.length) {
      const u = b.units[i]!
      const want = units[j]!
      if (u < want) i++
      else if (u > want) j++
      else {
        out.units[k] = u
        out.tfs[k] = b.tfs[i]!
        out.lengths[k] = b.lengths[i]!
        out.codes[k] = b.codes[i]!
        if (out.variants) out.variants[k] = b.masks![i]!
        k++
        i++
        j++
      }
    }
  }
  return slice(out, k)
}

/** The units of `units` (ascending) that some list of blocks (each in unit order) holds. */
export function holdingAny(lists: readonly (readonly Block[])[], units: Uint32Array): Uint32Array {
  return mergeAscending(lists.map((blocks) => atUnits(blocks, units).units).filter((u) => u.length > 0))
}

function slice(p: TermPostings, n: number): TermPostings {
  if (n === p.units.length) return p
  return {
    units: p.units.subarray(0, n), tfs: p.tfs.subarray(0, n), lengths: p.lengths.subarray(0, n), codes: p.codes.subarray(0, n),
    variants: p.variants && p.variants.subarray(0, n),
  }
}

/** The distinct units of the drivers' blocks (each driver's in unit order) within `[from, to]`, ascending. */
export function candidateUnits(perDriver: readonly (readonly Block[])[], from: number, to: number): Uint32Array {
  const lists = perDriver.map((blocks) => unitsIn(blocks, from, to)).filter((u) => u.length > 0)
  return mergeAscending(lists)
}
