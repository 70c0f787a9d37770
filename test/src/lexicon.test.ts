import { beforeAll, describe, expect, it } from 'vitest'
import { readCorpus } from '../../index/corpus'
import type { Library, LoadedIndex } from '../../src/library'
import type { PageReader } from '../../src/store/reader'
import { tokenize } from '../../src/text'
import { indexFolder, loadedIndex } from '../support/paged-index'
import { roundsIndex } from '../support/rounds'
import { editDistance } from '../support/edit-distance'

describe('Lexicon', () => {
  let index: LoadedIndex
  let library: Library
  /** Every word of the corpus's text, sorted, with the units holding it and its term. */
  let words: { word: string; units: number; term: string }[]

  beforeAll(async () => {
    index = await loadedIndex()
    library = index.open()
    const counts = new Map<string, { units: number; term: string }>()
    for (const d of (await readCorpus('corpus')).documents) {
      for (const u of d.units) {
        for (const t of new Map(tokenize(u.text).map((t) => [t.word, t])).values()) {
          const c = counts.get(t.word) ?? { units: 0, term: t.term }
          c.units++
          counts.set(t.word, c)
        }
      }
    }
    words = [...counts].map(([word, c]) => ({ word, ...c })).sort((a, b) => (a.word < b.word ? -1 : 1))
  })

  it('holds every word with its term and unit count, and the terms of words it lacks', async () => {
    for (const w of words.filter((_, i) => i % 7 === 0)) {
      const entry = await library.lexicon.lookup(library.reader, w.word)
      expect(entry?.word, w.word).toMatchObject({ units: w.units, term: expect.objectContaining({ term: w.term }) })
    }
    // A term no word is (`negoti`, of `negotiations`), so that a word the corpus lacks still finds its term.
    const known = new Set(words.map((w) => w.word))
    const stem = words.find((w) => !known.has(w.term))!.term
    const entry = await library.lexicon.lookup(library.reader, stem)
    expect(entry).toMatchObject({ key: stem, term: expect.objectContaining({ term: stem }) })
    expect(entry?.word).toBeUndefined()
    expect(await library.lexicon.lookup(library.reader, 'zzqx')).toBeUndefined()
  })

  it('completes a prefix with the most widespread words, crowded prefixes from the completions table alike', async () => {
    for (const prefix of ['s', 'co', 'con', 'th', 'krasn', 'negot', 'okinaw', 'zzq']) {
      const expected = words.filter((w) => w.word.startsWith(prefix)).sort((a, b) => b.units - a.units).slice(0, 40)
      const found = await library.lexicon.startingWith(library.reader, prefix, 40)
      expect(found.map((e) => e.key), prefix).toEqual(expected.map((w) => w.word))
    }
  })

  it("reads the two lexicon pages a prefix's words lie across at once, in one round of reads", async () => {
    // Prefixes of a few words (not in the completions table) that the last key of a page and the first of the next begin.
    const { table } = library.lexicon
    const straddling: string[] = []
    for (let p = 0; p + 1 < table.pages; p++) {
      const [last, next] = [(await table.read(library.reader, p)).keys, (await table.read(library.reader, p + 1)).keys]
      const [a, b] = [last.at(last.length - 1)!, next.at(0)!]
      let n = 0
      while (n < a.length && a[n] === b[n]) n++
      const prefix = a.slice(0, n)
      if (n > 0 && words.filter((w) => w.word.startsWith(prefix)).length <= 40) straddling.push(prefix)
    }
    expect(straddling.length).toBeGreaterThan(0)
    for (const prefix of straddling) {
      const { index: fresh, log } = await roundsIndex(await indexFolder())
      const found = await fresh.lexicon.startingWith(fresh.open().reader, prefix, 40)
      const expected = words.filter((w) => w.word.startsWith(prefix)).sort((a, b) => b.units - a.units)
      expect(found.map((e) => e.key), prefix).toEqual(expected.map((w) => w.word))
      expect(log.map((paths) => paths.filter((p) => p.includes('/lexicon.')).length), prefix).toEqual([2])
    }
  })

  it('finds the words a few edits away, nearest and most widespread first, when it may read every page', async () => {
    for (const [word, edits] of [['shevardnaze', 2], ['goverment', 2], ['ppointed', 1], ['okinowa', 1], ['xyzzyq', 1]] as const) {
      const expected = words.map((w) => ({ ...w, edits: editDistance(w.word, word) })).filter((w) => w.edits <= edits)
        .sort((a, b) => a.edits - b.edits || b.units - a.units).slice(0, 40)
      const found = await library.lexicon.near(library.reader, word, edits, 40, Infinity)
      expect(found.cut).toBe(false)
      expect(found.words.map((w) => [w.key, w.edits])).toEqual(expected.map((w) => [w.word, w.edits]))
    }
  })

  it('finds the words one edit away among the keys its filter lets through, reading only the pages they are on', async () => {
    for (const word of ['ppointed', 'okinowa', 'sovet', 'xyzzyq', 'stte']) {
      const neighbours = words.filter((w) => editDistance(w.word, word) === 1).map((w) => w.word)
      const keys = library.lexicon.nearKeys(word, 1)!
      expect(keys).toEqual(expect.arrayContaining(neighbours))
      const fresh = (await loadedIndex()).open() // a lexicon that has not answered it before
      await fresh.lexicon.near(fresh.reader, word, 1, 40, Infinity)
      const pages = new Set(neighbours.map((w) => fresh.lexicon.table.pageFor(w)))
      // Besides their pages, at most one holding a key the filter let through by chance.
      expect(fresh.reader.touched.size - pages.size, word).toBeLessThanOrEqual(1)
    }
    // A slip stays within the word's writing system; two edits are walked.
    expect(library.lexicon.nearKeys('okinowa', 1)!.every((k) => /^[a-z0-9.]+$/.test(k))).toBe(true)
    expect(library.lexicon.nearKeys('goverment', 2)).toBeUndefined()
  })

  it('keeps what it answered across requests: the same question asked again reads no page', async () => {
    const lexicon = (await loadedIndex()).lexicon // one that has answered nothing yet
    const ask = async (question: (reader: PageReader) => Promise<unknown>) => {
      const { reader } = index.open()
      const answer = await question(reader)
      return { answer, pages: reader.touched.size }
    }
    for (const question of [
      (r: PageReader) => lexicon.lookup(r, 'okinawa'),
      (r: PageReader) => lexicon.near(r, 'goverment', 2, 40, 4),
      (r: PageReader) => lexicon.near(r, 'sovet', 1, 40, Infinity),
      (r: PageReader) => lexicon.startingWith(r, 'krasn', 40),
    ]) {
      const first = await ask(question)
      const again = await ask(question)
      expect(first.pages).toBeGreaterThan(0)
      expect(again).toEqual({ answer: first.answer, pages: 0 })
    }
    // Another question about the same word (fewer pages allowed) is asked anew.
    expect((await ask((r) => lexicon.near(r, 'goverment', 2, 40, 2))).pages).toBeGreaterThan(0)
  })

  it('reads no more pages than it is given, and says it left some', async () => {
    const fresh = (await loadedIndex()).open()
    const found = await fresh.lexicon.near(fresh.reader, 'goverment', 2, 40, 2)
    expect(fresh.reader.touched.size).toBeLessThanOrEqual(2)
    expect(found.cut).toBe(true)
    expect(found.words.map((w) => w.key)).toContain('government')
  })
})
