import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter } from '../../../src/format/bytes'
import { decodeEntry, encodeEntry, titleTier, type LexiconEntry, type TermInfo } from '../../../src/format/lexicon'

const term = (name: string, n: number): TermInfo => ({
  term: name, df: n, variants: 2, postings: 2 ** 40 + n, postingsBytes: 300, skipBytes: 12, blocks: 3, positions: 77, positionsBytes: 900, bound: 2.5,
})

describe('lexicon entries', () => {
  it('read back as written: a word that is its own term, a word of another term, a term alone', () => {
    const entries: LexiconEntry[] = [
      { key: 'treaty', word: { units: 4, variant: 1, display: 'Treaty', term: term('treati', 9) } },
      { key: 'bush', word: { units: 7, variant: 0, display: 'Bush', term: term('bush', 7) }, term: term('bush', 7) },
      { key: 'negoti', term: term('negoti', 12) },
      { key: 'radar', word: { units: 1, variant: 0, display: 'radar', term: term('radar', 1) }, term: term('radar', 1) },
    ]
    for (const e of entries) expect(decodeEntry(e.key, new ByteReader(encodeEntry(e, new ByteWriter()).finish()))).toEqual(e)
  })

  it("read back a common term's list of titles, and make it a term of its own, scored as the whole term", () => {
    const the: TermInfo = { ...term('the', 9_000), titles: { df: 700, postings: 2 ** 40 + 5_000, postingsBytes: 40, skipBytes: 6, blocks: 6, positions: 9_100, positionsBytes: 80, bound: 7.5 } }
    const entries: LexiconEntry[] = [{ key: 'the', word: { units: 9_000, variant: 0, display: 'the', term: the }, term: the }, { key: 'thes', word: { units: 3, variant: 0, display: 'thes', term: the } }]
    for (const e of entries) expect(decodeEntry(e.key, new ByteReader(encodeEntry(e, new ByteWriter()).finish()))).toEqual(e)
    expect(titleTier(the)).toEqual({ ...the.titles, term: 'the\u0001', variants: 2, wholeDf: 9_000 })
    expect(titleTier(term('radar', 1))).toBeUndefined()
  })
})
