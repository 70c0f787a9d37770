import { beforeAll, describe, expect, it } from 'vitest'
import { loadIndex, type LoadedIndex } from '../../src/library'
import { search } from '../../src/query/search'
import { heldIndex, indexFolder, loadedIndex, readFrom } from '../support/paged-index'

describe('Library.shown', () => {
  let index: LoadedIndex

  beforeAll(async () => {
    index = await loadedIndex()
  })

  /** Positions of the first units of the corpus that cite notes, and of notes that are cited. */
  const linkedPositions = async () => {
    const d = index.documents.find('frus1964-68v29p2-d49')!
    const all = await index.open().documentUnits(d)
    const first = index.documents.first[d]!
    return all.flatMap((u, k) => ((u.cites.length > 0 || (u.citedBy?.length ?? 0) > 0) ? [first + k] : [])).slice(0, 6)
  }

  it('gives each unit with its document head and the units it links to, as the pages hold them', async () => {
    const positions = await linkedPositions()
    expect(positions.length).toBeGreaterThan(1)
    const library = index.open()
    const shown = await library.shown(positions)
    const units = await library.units(positions)
    expect(shown.map((s) => s.unit)).toEqual(units)
    for (const [i, s] of shown.entries()) {
      const d = index.documents.ofUnit(positions[i]!)
      const [facts] = await library.documentFacts([d])
      expect(s.head.id).toBe(facts!.id)
      expect(s.head.title).toBe(facts!.title)
      const ids = s.unit.kind === 'footnote' ? s.unit.citedBy! : [...new Set(s.unit.cites.map((c) => c.note))]
      expect(s.linked.map((l) => l.id)).toEqual(ids)
      expect(s.linked.length).toBeGreaterThan(0)
    }
  })

  it("reads the pages of a unit's document in the round of the unit's own page: the notes it links to cost no round of their own", async () => {
    const { index: held, fetched, release } = await heldIndex()
    const { documents } = held
    // A document whose units run over two pages, asked for by its first unit.
    const d = Array.from({ length: documents.count }, (_, d) => d).find((d) => documents.first[d + 1]! > documents.first[d]!
      && held.unitPage(documents.first[d]!).page !== held.unitPage(documents.first[d + 1]! - 1).page)!
    expect(d).toBeDefined()
    const pages = [held.unitPage(documents.first[d]!).page, held.unitPage(documents.first[d + 1]! - 1).page]
    const showing = held.open().shown([documents.first[d]!])
    await new Promise((r) => setTimeout(r, 20))
    expect(fetched).toEqual(pages.map((p) => held.pages.page('units', p).path))
    let done = false
    void showing.then(() => (done = true))
    while (!done) {
      release()
      await new Promise((r) => setTimeout(r, 5))
    }
  })

  it('shows a unit again without reading its page', async () => {
    const positions = await linkedPositions()
    const first = await index.open().shown(positions)
    const again = index.open()
    expect(await again.shown([...positions].reverse())).toEqual([...first].reverse())
    expect([...again.reader.touched].filter((p) => p.includes('units.'))).toEqual([])
  })
})

describe('DocumentTable.surnameOf', () => {
  it("gives the surname of a person a document names from the resident tables: a search marking a tagged name reads no persons' file", async () => {
    const read = readFrom(await indexFolder())
    const paths: string[] = []
    const index = await loadIndex(async (path) => {
      paths.push(path)
      return read(path)
    })
    const { documents } = index
    const rusk = [...documents.personIds].find((id) => id.endsWith('-p_RD3'))!
    const naming = (d: number) => documents.people.subarray(documents.peopleStart[d], documents.peopleStart[d + 1]).includes(documents.personIds.indexOf(rusk))
    const numbers = Array.from({ length: documents.count }, (_, d) => d)
    const d = numbers.find(naming)!
    expect(documents.surnameOf(rusk, d)).toBe('Rusk')
    expect(documents.surnameOf('nobody', d)).toBeUndefined()
    // Only the persons the document names are searched.
    expect(documents.surnameOf(rusk, numbers.find((x) => !naming(x))!)).toBeUndefined()
    const body = await search(index.open(), { q: 'Rusk', limit: 100, offset: 0, filters: {}, sort: 'relevance', origin: 'https://folio.test' })
    expect(body.hits.some((h) => h.snippet === 'Dear <mark>Dean</mark>:')).toBe(true)
    expect(paths.filter((p) => p.includes('people.'))).toEqual([])
  })
})
