import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCorpus } from '../../../index/corpus'
import type { LoadedIndex } from '../../../src/library'
import { search, searchLimits } from '../../../src/query/search'
import { tokenize } from '../../../src/text'
import { loadedIndex } from '../../support/paged-index'
import { properties } from '../../support/property'
import { tempDir } from '../../support/temp'

/** Words of skewed frequency: `the` several times in most paragraphs, `zebra` in few. */
const VOCABULARY = ['the', 'the', 'the', 'of', 'of', 'and', 'file', 'files', 'state', 'zebra', 'report', 'reports']

/** A corpus of short paragraphs drawn from {@link VOCABULARY}, seeded. */
function skewedCorpus(): string {
  const corpus = tempDir('folio-phrases-')
  let seed = 7
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  for (let d = 0; d < 4; d++) {
    const paragraphs = Array.from({ length: 150 }, () => Array.from({ length: 4 + Math.floor(next() * 20) }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]).join(' ') + '.')
    writeFileSync(join(corpus, `d${d}.txt`), `${d + 1}. Document ${d}\n\n${paragraphs.join('\n\n')}`)
  }
  return corpus
}

describe('phrases checked on positions', () => {
  let corpus: string
  let index: LoadedIndex
  let units: string[][]

  beforeAll(async () => {
    corpus = skewedCorpus()
    index = await loadedIndex(corpus)
    units = (await readCorpus(corpus)).documents.flatMap((d) => d.units.map((u) => tokenize(u.text).map((t) => t.word)))
  })

  const holding = (phrase: string[]) => units.filter((words) => words.some((_, i) => phrase.every((w, j) => words[i + j] === w))).length

  it('finds exactly the units holding the words together, in order, as written, wherever the rarest word stands', async () => {
    const unbounded = { ...searchLimits, exhaustive: 1e9, postings: 1e9, phrasePositions: 1e9 }
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...new Set(VOCABULARY)), { minLength: 2, maxLength: 4 }), async (phrase) => {
      const body = await search(index.open(), { q: `"${phrase.join(' ')}"`, limit: 10, offset: 0, filters: {}, sort: 'relevance', origin: 'https://folio.test' }, unbounded)
      expect(body.total_relation).toBe('eq')
      expect(body.total).toBe(holding(phrase))
    }), properties(60))
  })

  it('tells a word from another of its stem: "the files" is not "the file"', async () => {
    expect(holding(['the', 'files'])).toBeGreaterThan(0)
    const body = await search(index.open(), { q: '"the file"', limit: 50, offset: 0, filters: {}, sort: 'relevance', origin: 'https://folio.test' })
    expect(body.hits.length).toBeGreaterThan(0)
    expect(body.hits.every((h) => /the <mark>file<\/mark>|<mark>the file<\/mark>/.test(h.snippet))).toBe(true)
  })
})
