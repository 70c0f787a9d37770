/**
 * Filters and facets over search results, read from the resident
 * per-document tables and the kind each posting carries: no page is read,
 * whatever the number of matches. Each facet counts the results that pass
 * every filter but its own, so a facet shows what choosing another of its
 * values would give (disjunctive faceting).
 *
 * `kind` belongs to the unit; the others to its document. A document has one
 * volume, chapter and year, and any number of persons: the person facet counts
 * a unit once for every person its document names.
 */
import type { DocumentTable } from '../library'
import { UNIT_KINDS, type UnitKind } from '../model'

/** Validated filters: an absent one lets everything through. */
export interface Filters {
  volume?: string
  doc?: string
  kind?: ReadonlySet<UnitKind>
  chapter?: string
  /** Inclusive range of years. */
  year?: { from: number; to: number }
  /** Units of documents that name this person (an id of the persons lists). */
  person?: string
}

export const FACETS = ['volume', 'doc', 'kind', 'chapter', 'year', 'person'] as const
export type FacetName = (typeof FACETS)[number]
export type Facets = Record<FacetName, Record<string, number>>

/** Facet values beyond this many (the least frequent) are left out. */
export const MAX_FACET_VALUES = 50

const KIND = 0
const VOLUME = 1
const DOC = 2
const CHAPTER = 3
const YEAR = 4
const PERSON = 5
/** Facets in the order their tests run: the unit's own first, then its document's. */
const ORDER: FacetName[] = ['kind', 'volume', 'doc', 'chapter', 'year', 'person']

/** Counts matches by facet value, filter by filter, as they stream in. */
export class FacetCounter {
  /** Matches that pass every filter. */
  total = 0
  readonly #counts = ORDER.map(() => new Map<number, number>())
  readonly #tests: (((unit: number, kind: number, doc: number) => boolean) | undefined)[]
  readonly #docs: DocumentTable

  constructor(docs: DocumentTable, filters: Filters) {
    this.#docs = docs
    const code = (list: readonly string[], value: string | undefined) => (value === undefined ? -1 : list.indexOf(value) + 1)
    const volume = code(docs.volumeIds, filters.volume)
    const chapter = code(docs.chapters, filters.chapter)
    const doc = filters.doc === undefined ? undefined : docs.find(filters.doc) ?? -1
    const person = filters.person === undefined ? -1 : docs.personIds.indexOf(filters.person)
    const kinds = filters.kind && new Set([...filters.kind].map((k) => UNIT_KINDS.indexOf(k)))
    const { year } = filters
    this.#tests = [
      kinds && ((_, kind) => kinds.has(kind)),
      filters.volume === undefined ? undefined : (_, __, d) => docs.volume[d] === volume,
      doc === undefined ? undefined : (_, __, d) => d === doc,
      filters.chapter === undefined ? undefined : (_, __, d) => docs.chapter[d] === chapter,
      year && ((_, __, d) => {
        const y = Math.floor(docs.date[d]! / 10000)
        return docs.date[d] !== 0 && y >= year.from && y <= year.to
      }),
      filters.person === undefined ? undefined : (_, __, d) => {
        for (let j = docs.peopleStart[d]!; j < docs.peopleStart[d + 1]!; j++) if (docs.people[j] === person) return true
        return false
      },
    ]
  }

  /** Counts a match (its unit, kind, document); true when it passes every filter. */
  add(unit: number, kind: number, doc: number): boolean {
    let failed = -1
    let failures = 0
    for (let f = 0; f < this.#tests.length; f++) {
      const test = this.#tests[f]
      if (test && !test(unit, kind, doc)) {
        failed = f
        if (++failures > 1) return false
      }
    }
    // Counted in a facet when every other filter passes.
    for (let f = 0; f < ORDER.length; f++) if (failures === 0 || failed === f) this.#count(f, kind, doc)
    if (failures > 0) return false
    this.total++
    return true
  }

  #count(f: number, kind: number, doc: number): void {
    const docs = this.#docs
    const counts = this.#counts[f]!
    const bump = (value: number): void => void counts.set(value, (counts.get(value) ?? 0) + 1)
    switch (f) {
      case KIND:
        return bump(kind)
      case VOLUME:
        if (docs.volume[doc]) bump(docs.volume[doc]!)
        return
      case DOC:
        return bump(doc)
      case CHAPTER:
        if (docs.chapter[doc]) bump(docs.chapter[doc]!)
        return
      case YEAR:
        if (docs.date[doc]) bump(Math.floor(docs.date[doc]! / 10000))
        return
      case PERSON:
        for (let j = docs.peopleStart[doc]!; j < docs.peopleStart[doc + 1]!; j++) bump(docs.people[j]!)
    }
  }

  facets(): Facets {
    const docs = this.#docs
    const name: Record<FacetName, (code: number) => string> = {
      kind: (k) => UNIT_KINDS[k]!,
      volume: (v) => docs.volumeIds[v - 1]!,
      doc: (d) => docs.ids[d]!,
      chapter: (c) => docs.chapters[c - 1]!,
      year: (y) => String(y),
      person: (p) => docs.personIds[p]!,
    }
    const facets = {} as Facets
    for (const f of FACETS) {
      const counts = this.#counts[ORDER.indexOf(f)]!
      let entries = [...counts].map(([code, n]) => [name[f](code), n] as [string, number])
      if (f === 'kind') entries = UNIT_KINDS.map((k, code) => [k, counts.get(code) ?? 0])
      else if (f === 'year') entries.sort(([a], [b]) => (a < b ? -1 : 1))
      else entries = entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, MAX_FACET_VALUES)
      facets[f] = Object.fromEntries(entries)
    }
    return facets
  }
}
