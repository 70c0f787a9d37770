import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LoadedIndex } from '../../../src/library'
import { parseQuery } from '../../../src/query/parse'
import { planQuery, queryLimits } from '../../../src/query/plan'
import { loadedIndex } from '../../support/paged-index'
import { tempDir } from '../../support/temp'

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

  it('leaves out a completion whose term stands mostly for other words, and keeps one whose words are a fair share of it', async () => {
    // `withing`, a slip, is indexed under `with`: expanding `within` to it would match every unit with `with`.
    const corpus = tempDir('folio-plan-')
    const paragraphs = [
      ...Array.from({ length: 300 }, (_, n) => `Paragraph ${n} went with the others.`),
      'A slip: withing the text.', 'It lies within reach.', 'Within a week.',
      ...Array.from({ length: 10 }, (_, n) => `They run ${n} miles.`), ...Array.from({ length: 5 }, (_, n) => `Running ${n} late.`),
    ]
    writeFileSync(join(corpus, 'd1.txt'), `1. A document\n\n${paragraphs.join('\n\n')}`)
    const library = (await loadedIndex(corpus)).open()
    const within = await planQuery(library, parseQuery('within'), true)
    expect([...within.terms.keys()]).toEqual(['within'])
    const runn = await planQuery(library, parseQuery('runn'), true)
    expect([...runn.terms.keys()]).toContain('run')
  })
})
