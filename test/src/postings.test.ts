import { describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { decodeEntry, type TermInfo } from '../../src/format/lexicon'
import type { Skips } from '../../src/format/postings'
import { loadIndex } from '../../src/library'
import { PostingsSession } from '../../src/postings'
import { DecodedCache } from '../../src/store/cache'
import { valueAt } from '../../src/store/sorted'
import { indexFolder, readFrom } from '../support/paged-index'
import { commonWordsCorpus } from '../support/rounds'

/** A skip table of blocks over [first, last] ranges with gaps between them (only what block lookups read). */
function skipsOf(ranges: [number, number][]): Skips {
  return {
    blocks: ranges.length,
    first: Uint32Array.from(ranges.map((r) => r[0])),
    last: Uint32Array.from(ranges.map((r) => r[1])),
  } as Skips
}

describe('PostingsSession block lookups', () => {
  it('find the block covering each unit, as a scan of every block does', () => {
    const rand = random(9)
    for (let trial = 0; trial < 200; trial++) {
      const ranges: [number, number][] = []
      let at = Math.floor(rand() * 5)
      for (let b = 0; b < 1 + Math.floor(rand() * 300); b++) {
        const first = at + Math.floor(rand() * 4)
        const last = first + Math.floor(rand() * 20)
        ranges.push([first, last])
        at = last + 1
      }
      const units = [...new Set(Array.from({ length: Math.floor(rand() * 400) }, () => Math.floor(rand() * (at + 10))))].sort((a, b) => a - b)
      const skips = skipsOf(ranges)
      const expected = units.map((u) => ranges.findIndex(([f, l]) => f <= u && u <= l))
      expect([...PostingsSession.blocksOf(skips, units)]).toEqual(expected)
      expect(PostingsSession.blocksHolding(skips, units)).toEqual([...new Set(expected.filter((b) => b >= 0))])
    }
  })
})

describe('PostingsSession reading ahead', () => {
  it("reads a new term's whole postings with its skip table, and not once the isolate keeps its skip table", async () => {
    // Pages of 16 KB, alpha's postings over a few of them; an isolate keeping one page: the pages are gone by the next request,
    // the decoded skip table is not.
    const index = await loadIndex(readFrom(await indexFolder(commonWordsCorpus(), 16 * 1024)), { maxBytes: 1 })
    const alpha = (await index.open().lexicon.lookup(index.open().reader, 'alpha'))!.term!
    const [first, last] = index.open().reader.streamSpan(alpha.postings, alpha.postingsBytes)
    expect(last - first + 1).toBeGreaterThan(1)

    const fresh = index.open()
    await fresh.postings.skipsOf([alpha], 6)
    await fresh.reader.settled()
    expect(fresh.reader.fetched).toBe(last - first + 1)

    const again = index.open()
    const [skips] = await again.postings.skipsOf([alpha], 6)
    await again.reader.settled()
    expect(skips!.blocks).toBe(alpha.blocks)
    expect(again.reader.fetched).toBe(0)
  })
})

describe("PostingsSession finding a term's postings pages", () => {
  it.each([4, 16])("finds the pages each term's postings span from the term alone (pages of %i KB)", async (kb) => {
    const index = await loadIndex(readFrom(await indexFolder(commonWordsCorpus(), kb * 1024)))
    const library = index.open()
    const terms: TermInfo[] = []
    await index.lexicon.table.scan(library.reader, '', (page, at) => {
      const term = decodeEntry(page.keys.at(at)!, valueAt({ page, at })).term
      if (term && !terms.some((t) => t.term === term.term)) terms.push(term)
      return true
    })
    expect(terms.length).toBeGreaterThan(1000)
    expect(new Set(terms.map((t) => library.reader.streamSpan(t.postings, 1)[0])).size).toBeGreaterThan(3)
    for (const kind of ['postings', 'positions'] as const) {
      const where = (t: TermInfo) => (kind === 'postings' ? [t.postings, t.postingsBytes] : [t.positions, t.positionsBytes]) as [number, number]
      for (const t of terms) {
        const [first, last] = library.reader.streamSpan(...where(t))
        const endsAPage = (where(t)[0] + where(t)[1]) % (kb * 1024) === 0
        expect([t.term, library.postings.pagesOf(t.term, kind)]).toEqual([t.term, [first, last + (endsAPage && last + 1 < index.pages.count(kind) ? 1 : 0)]])
      }
      expect(terms.some((t) => library.reader.streamSpan(...where(t))[1] > library.reader.streamSpan(where(t)[0], 1)[0] + 1)).toBe(true)
      expect(library.postings.pagesOf('\uffff', kind)).toBeUndefined()
    }
  })
})

describe('PostingsSession keeping what it read', () => {
  it('reads a block again from the bytes kept, not its page, once the page is gone', async () => {
    // Pages of 16 KB and an isolate keeping none of them, nor any skip table decoded: only the bytes read are kept.
    const index = await loadIndex(readFrom(await indexFolder(commonWordsCorpus(), 16 * 1024)), { maxBytes: 1 })
    const stored = new DecodedCache(2 ** 20)
    const session = () => new PostingsSession(index.open().reader, new DecodedCache(0), stored, index.pageTerms)
    const alpha = (await index.open().lexicon.lookup(index.open().reader, 'alpha'))!.term!
    expect(alpha.blocks).toBeGreaterThan(2)

    const first = session()
    const skips = await first.skips(alpha)
    const block = await first.block(alpha, skips, 1)
    expect(first.reader.fetched).toBeGreaterThan(0)

    const again = session()
    const [skipsAgain] = await again.skipsOf([alpha], 6)
    const blockAgain = await again.block(alpha, skipsAgain!, 1)
    await again.reader.settled()
    expect([...blockAgain.units]).toEqual([...block.units])
    expect([...blockAgain.tfs]).toEqual([...block.tfs])
    expect(again.reader.fetched).toBe(0)

    // Reading ahead leaves out a kept block; a block of the term on a page not kept still needs its page.
    again.fetchAhead([{ t: alpha, skips: skipsAgain!, blocks: [1] }], 6)
    expect(again.reader.fetched).toBe(0)
    const last = alpha.blocks - 1
    expect(again.reader.isCached('postings', again.reader.streamSpan(alpha.postings + skipsAgain!.offset[last]!, 1)[0])).toBe(false)
    again.fetchAhead([{ t: alpha, skips: skipsAgain!, blocks: [last] }], 6)
    await again.reader.settled()
    expect(again.reader.fetched).toBeGreaterThan(0)
  })

  it('keeps a skip table in one form at a time, decoded with its bytes or its bytes alone, and a block as its bytes alone', async () => {
    const index = await loadIndex(readFrom(await indexFolder(commonWordsCorpus(), 16 * 1024)), { maxBytes: 1 })
    const skipTables = new DecodedCache(2 ** 20)
    const stored = new DecodedCache(2 ** 20)
    const session = () => new PostingsSession(index.open().reader, skipTables, stored, index.pageTerms)
    const alpha = (await index.open().lexicon.lookup(index.open().reader, 'alpha'))!.term!

    const first = session()
    const skips = await first.skips(alpha)
    expect(stored.bytes).toBe(0)
    const decoded = skipTables.bytes
    expect(decoded).toBeGreaterThan(0)
    const block = await first.block(alpha, skips, 1)
    expect(skipTables.bytes).toBe(decoded)
    const blockBytes = stored.bytes
    expect(blockBytes).toBeGreaterThan(0)

    // Whatever pushes the decoded skip table out leaves its bytes.
    for (let i = 0; i < 4; i++) skipTables.set(`other ${i}`, i, skipTables.maxBytes / 4)
    expect(skipTables.bytes).toBe(skipTables.maxBytes)
    expect(stored.bytes).toBeGreaterThan(blockBytes)

    // Both read again from those bytes, not a page: the skip table, decoded, leaves the stored bytes again; the block's stay.
    const again = session()
    const blockAgain = await again.block(alpha, await again.skips(alpha), 1)
    expect(again.reader.fetched).toBe(0)
    expect([...blockAgain.units]).toEqual([...block.units])
    expect(blockAgain).not.toBe(block)
    expect(stored.bytes).toBe(blockBytes)
  })
})
