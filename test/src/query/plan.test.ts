import { beforeAll, describe, expect, it } from 'vitest'
import type { LoadedIndex } from '../../../src/library'
import { parseQuery } from '../../../src/query/parse'
import { planQuery, queryLimits } from '../../../src/query/plan'
import { loadedIndex } from '../../support/paged-index'

describe('planQuery', () => {
  let index: LoadedIndex

  beforeAll(async () => {
    index = await loadedIndex()
  })

  it("shares the query's lexicon pages among its typos: one page each at least, no word sought past the query's pages, and says so", async () => {
    // Each word is two edits from `okinawa`: one page, the word's own, holds its neighbour.
    const typo = (k: number) => `okinawa${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26))}`
    const plan = await planQuery(index.open(), parseQuery(Array.from({ length: queryLimits.fuzzyPages + 4 }, (_, k) => typo(k)).join(' ')), false)
    expect(plan.cut.has('fuzzy')).toBe(true)
    // A word's clause holds its own term, and the neighbours found for it.
    const sought = plan.groups.map((g) => g[0]!.terms.size > 1)
    expect(sought).toEqual(Array.from({ length: queryLimits.fuzzyPages + 4 }, (_, k) => k < queryLimits.fuzzyPages))
  })
})
