import { beforeAll, describe, expect, it } from 'vitest'
import { readCorpus } from '../../../index/corpus'
import type { LoadedIndex } from '../../../src/library'
import type { Document } from '../../../src/model'
import { documentCoverage } from '../../../src/query/coverage'
import { parseQuery } from '../../../src/query/parse'
import { planQuery } from '../../../src/query/plan'
import { tokenize } from '../../../src/text'
import { loadedIndex } from '../../support/paged-index'

describe('documentCoverage', () => {
  let index: LoadedIndex
  let documents: Document[]

  beforeAll(async () => {
    index = await loadedIndex()
    documents = (await readCorpus('corpus')).documents
  })

  /** Each document's count of the query's words, read from its text. */
  const byText = (q: string) => {
    const terms = [...new Set(tokenize(q).map((t) => t.term))]
    return documents.map((d) => {
      const held = new Set(d.units.flatMap((u) => tokenize(u.text).map((t) => t.term)))
      return terms.filter((t) => held.has(t)).length
    })
  }

  it('counts the query words each document holds in any of its units, as its text does', async () => {
    for (const q of ['Bonin Islands nuclear storage', 'Rusk Shiina meetings aviation', 'Gorbachev Okinawa']) {
      const library = index.open()
      const plan = await planQuery(library, parseQuery(q), false)
      const ids = library.documents.ids
      const all = Array.from({ length: library.documents.count }, (_, d) => d)
      const coverage = await documentCoverage(library, plan, all, Infinity)
      const expected = byText(q)
      expect(all.map((d) => coverage.get(d)), q).toEqual(all.map((d) => expected[documents.findIndex((x) => ids.is(d, x.id))]))
    }
  })

  it('stops at its budget of postings, leaving the rest out', async () => {
    const library = index.open()
    const plan = await planQuery(library, parseQuery('the of and'), false)
    const all = Array.from({ length: library.documents.count }, (_, d) => d)
    const coverage = await documentCoverage(library, plan, all, library.postings.decoded + 300)
    expect(coverage.size).toBeGreaterThan(0)
    expect(coverage.size).toBeLessThan(all.length)
    expect(library.postings.decoded).toBeLessThanOrEqual(300 + 128)
  })
})
