import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildIndex, dateNumber } from '../../index/build'
import { readCorpus } from '../../index/corpus'
import { documentEntry } from '../../index/documents'
import { titleTier, type TermInfo } from '../../src/format/lexicon'
import { loadIndex, type Library } from '../../src/library'
import { kindOfCode } from '../../src/rank'
import { parseQuery } from '../../src/query/parse'
import { planQuery } from '../../src/query/plan'
import { loadedIndex, readFrom } from '../support/paged-index'
import { tempDir } from '../support/temp'

const temp = () => tempDir('folio-build-')

describe('buildIndex', () => {
  it('writes every unit and document of the corpus, which the worker reads back whole', async () => {
    const { documents } = await readCorpus('corpus')
    const index = await loadedIndex()
    const library = index.open()
    expect(index.meta.units).toBe(documents.reduce((n, d) => n + d.units.length, 0))
    expect(library.documents.count).toBe(documents.length)
    let first = 0
    for (const [d, doc] of documents.entries()) {
      expect(await library.documentUnits(d)).toEqual(doc.units)
      const [facts] = await library.documentFacts([d])
      expect(facts).toMatchObject(documentEntry(doc, first))
      first += doc.units.length
    }
  })

  it("writes a common term's postings at titles again, as a list of their own, and a rare term's not", async () => {
    const library = (await loadedIndex()).open()
    // Common words alone: beside `Okinawa`, the query would be searched without them.
    const common = await planQuery(library, parseQuery('of the'), false)
    const [of, the] = ['of', 'the'].map((t) => common.terms.get(t)!)
    const okinawa = (await planQuery(library, parseQuery('Okinawa'), false)).terms.get('okinawa')
    for (const t of [of!, the!]) {
      const own = await postingsOf(library, t)
      const titles = own.filter((p) => kindOfCode(p.code) === 'title')
      expect(titles.length, t.term).toBeGreaterThan(0)
      expect(await postingsOf(library, titleTier(t)!), t.term).toEqual(titles)
    }
    expect(okinawa!.blocks).toBeLessThanOrEqual(4)
    expect(okinawa!.titles).toBeUndefined()
  })

  it('keeps the index already in place when the corpus has errors, and stages nothing', async () => {
    const [corpus, out] = [temp(), temp()]
    writeFileSync(join(corpus, 'a.txt'), '1. Title\n\nA paragraph.')
    const built = await buildIndex({ corpus, out, target: 'workers-free', builtAt: new Date(0), cache: false })
    expect(built.manifest).toBeDefined()
    const before = readdirSync(out).sort()
    writeFileSync(join(corpus, 'b.txt'), Buffer.from([0x31, 0x2e, 0x20, 0xff]))
    const failed = await buildIndex({ corpus, out, target: 'workers-free', builtAt: new Date(0), cache: false })
    expect(failed.manifest).toBeUndefined()
    expect(failed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^not UTF-8/) })])
    expect(readdirSync(out).sort()).toEqual(before)
    const index = await loadIndex(readFrom(out))
    expect(index.manifest.hash).toBe(built.manifest!.hash)
  })

  it('records what it was built from, and finds the index up to date when nothing changed', async () => {
    const [corpus, out] = [temp(), temp()]
    writeFileSync(join(corpus, 'a.txt'), '1. Title\n\nA paragraph.')
    const first = await buildIndex({ corpus, out, target: 'workers-free', builtAt: new Date(0), cache: false })
    const again = await buildIndex({ corpus, out, target: 'workers-free', builtAt: new Date(0), cache: false })
    expect(again).toMatchObject({ upToDate: true, manifest: first.manifest })
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).inputs).toBe(first.manifest!.inputs)
  })

  it('parses again only the groups of files around a volume added, and writes what a build without its cache writes', async () => {
    const [corpus, cache, out, fresh] = [temp(), temp(), temp(), temp()]
    const text = (n: number) => `1. Document ${n}\n\n${Array.from({ length: 150 }, (_, i) => `word${(n * 31 + i) % 997}`).join(' ')}.`
    for (let n = 10; n < 70; n++) writeFileSync(join(corpus, `v${n}.txt`), text(n))
    const build = (into: string, withCache: string | false) =>
      buildIndex({ corpus, out: into, target: 'workers-free', builtAt: new Date(0), cache: withCache, groupBytes: 8192 })
    const first = await build(out, cache)
    expect(first.groups.total).toBeGreaterThan(6)
    // Early in the corpus's order: had groups ended where their bytes said, every group after it would be parsed again.
    writeFileSync(join(corpus, 'v11a.txt'), text(99))
    const added = await build(out, cache)
    expect(added.groups.reused).toBeGreaterThanOrEqual(added.groups.total - 2)
    const uncached = await build(fresh, false)
    expect(uncached.manifest!.hash).toBe(added.manifest!.hash)
  })
})

describe('dateNumber', () => {
  it('orders full and partial dates as their strings do, undated as 0', () => {
    expect(['1964-01-22', '1964-01', '1964', undefined].map(dateNumber)).toEqual([19640122, 19640100, 19640000, 0])
  })
})

/** Every posting of a term's list, in order. */
async function postingsOf(library: Library, t: TermInfo): Promise<{ unit: number; tf: number; length: number; code: number }[]> {
  const [skips] = await library.postings.skipsOf([t], 6)
  const out: { unit: number; tf: number; length: number; code: number }[] = []
  for (let b = 0; b < skips!.blocks; b++) {
    const block = await library.postings.block(t, skips!, b)
    for (let i = 0; i < block.count; i++) out.push({ unit: block.units[i]!, tf: block.tfs[i]!, length: block.lengths[i]!, code: block.codes[i]! })
  }
  return out
}
