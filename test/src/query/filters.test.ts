import { beforeAll, describe, expect, it } from 'vitest'
import { random } from '../../../bench/random'
import type { DocumentTable } from '../../../src/library'
import { UNIT_KINDS } from '../../../src/model'
import { FACETS, FacetCounter, MAX_FACET_VALUES, type Facets, type Filters } from '../../../src/query/filters'
import { loadedIndex } from '../../support/paged-index'

/** Facets counted the plain way: a value of a facet for every match passing every filter but that facet's. */
function plainFacets(docs: DocumentTable, matches: [kind: number, doc: number][], filters: Filters): { total: number; facets: Facets } {
  const valuesOf = (kind: number, d: number): Record<string, string[]> => ({
    kind: [UNIT_KINDS[kind]!],
    volume: docs.volume[d] ? [docs.volumeIds.at(docs.volume[d]! - 1)!] : [],
    doc: [docs.ids.at(d)!],
    chapter: docs.chapter[d] ? [docs.chapters.at(docs.chapter[d]! - 1)!] : [],
    year: docs.date[d] ? [String(Math.floor(docs.date[d]! / 10000))] : [],
    person: [...docs.people.subarray(docs.peopleStart[d]!, docs.peopleStart[d + 1]!)].map((p) => docs.personIds.at(p)!),
  })
  const passes = (f: string, values: string[]): boolean => {
    if (f === 'kind') return !filters.kind || filters.kind.has(values[0] as never)
    if (f === 'year') return !filters.year || values.some((y) => Number(y) >= filters.year!.from && Number(y) <= filters.year!.to)
    const wanted = filters[f as 'volume' | 'doc' | 'chapter' | 'person']
    return wanted === undefined || values.includes(wanted)
  }
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<string, Map<string, number>>
  let total = 0
  for (const [kind, d] of matches) {
    const values = valuesOf(kind, d)
    const failing = FACETS.filter((f) => !passes(f, values[f]!))
    if (failing.length === 0) total++
    for (const f of FACETS) if (failing.length === 0 || (failing.length === 1 && failing[0] === f)) for (const v of values[f]!) counts[f]!.set(v, (counts[f]!.get(v) ?? 0) + 1)
  }
  const facets = {} as Facets
  for (const f of FACETS) {
    let entries = [...counts[f]!]
    if (f === 'kind') entries = UNIT_KINDS.map((k) => [k, counts.kind!.get(k) ?? 0])
    else if (f === 'year') entries.sort(([a], [b]) => (a < b ? -1 : 1))
    else entries = entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, MAX_FACET_VALUES)
    facets[f] = Object.fromEntries(entries)
  }
  return { total, facets }
}

describe('FacetCounter', () => {
  let docs: DocumentTable

  beforeAll(async () => {
    docs = (await loadedIndex()).documents
  })

  it('counts each facet with every filter but its own, as a plain count does', () => {
    const rand = random(9)
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
    for (let round = 0; round < 40; round++) {
      // Matches in unit order: documents ascending.
      const matches: [number, number][] = []
      for (let d = 0; d < docs.count; d++) for (let n = Math.floor(rand() ** 3 * 4); n > 0; n--) matches.push([Math.floor(rand() * 4), d])
      const d = Math.floor(rand() * docs.count)
      const filters: Filters = {}
      if (rand() < 0.4) filters.kind = new Set([pick(UNIT_KINDS), pick(UNIT_KINDS)])
      if (rand() < 0.3 && docs.volume[d]) filters.volume = docs.volumeIds.at(docs.volume[d]! - 1)!
      if (rand() < 0.2) filters.doc = docs.ids.at(d)!
      if (rand() < 0.3 && docs.chapter[d]) filters.chapter = docs.chapters.at(docs.chapter[d]! - 1)!
      if (rand() < 0.3) filters.year = { from: 1964 + Math.floor(rand() * 3), to: 1966 + Math.floor(rand() * 3) }
      if (rand() < 0.3 && docs.peopleStart[d + 1]! > docs.peopleStart[d]!) filters.person = docs.personIds.at(docs.people[docs.peopleStart[d]!]!)!
      const counter = new FacetCounter(docs, filters)
      const passed = matches.filter(([kind, doc]) => counter.add(kind, doc)).length
      const plain = plainFacets(docs, matches, filters)
      expect(passed).toBe(plain.total)
      expect(counter.total).toBe(plain.total)
      // In order too: the most frequent first, ties by name.
      const facets = counter.facets()
      for (const f of FACETS) expect(Object.entries(facets[f]), `${f} ${JSON.stringify(filters)}`).toEqual(Object.entries(plain.facets[f]))
      // The next round's counter counts in the arrays this one hands over: they must come back zeroed.
      counter.release()
    }
  })

  it('hands a released counter\'s arrays to one counter at a time, released twice or not', () => {
    const first = new FacetCounter(docs, {})
    first.add(0, 0)
    first.facets()
    first.release()
    first.release()
    // Two counters alive at once (two requests of one isolate) count the same document, each once.
    const a = new FacetCounter(docs, {})
    const b = new FacetCounter(docs, {})
    a.add(0, 1)
    b.add(0, 1)
    expect(a.facets().doc).toEqual({ [docs.ids.at(1)!]: 1 })
    expect(b.facets().doc).toEqual({ [docs.ids.at(1)!]: 1 })
  })
})
