import { describe, expect, it } from 'vitest'
import { loadedIndex } from '../../support/paged-index'

describe('SortedTable', () => {
  it("gives each step's page: the page whose keys hold the step's first key", async () => {
    const { lexicon } = (await loadedIndex()).open()
    for (const table of [lexicon.table, lexicon.completions]) {
      const { step, pages } = table.index
      const got = table.stepPages()
      expect(got.length).toBe(table.index.keys.length)
      expect(table.pages).toBeGreaterThan(table === lexicon.table ? 1 : 0)
      got.forEach((page, s) => {
        const key = s * step
        expect(pages[page]!, `step ${s}`).toBeLessThanOrEqual(key)
        if (page + 1 < pages.length) expect(pages[page + 1]!, `step ${s}`).toBeGreaterThan(key)
      })
    }
  })
})
