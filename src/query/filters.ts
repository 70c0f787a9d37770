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
 *
 * Matches come in unit order, so a document's come together: the document's
 * filters are tested once, its matches counted as a run, and the run added to
 * the document's facet values when the next document begins.
 */
import type { DocumentTable } from '../library'
import { UNIT_KINDS, type UnitKind } from '../model'
import type { StringList } from '../string-list'

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

/** The facets of documents, in the order their filters are tested. */
const DOC_FACETS = ['volume', 'doc', 'chapter', 'year', 'person'] as const
type DocFacet = (typeof DOC_FACETS)[number]
const NONE = -1

/**
 * Arrays of {@link Counts} released, zeroed, by length: at most this many of
 * each are kept (a query counts in two passes; each array over the documents
 * of a corpus of 270,000 holds 1 MB).
 */
const SPARE_ARRAYS = 2
const spare = new Map<number, Int32Array[]>()

/**
 * Counts by value code (from 1; 0 is none: no volume, chapter or date), in
 * an array over the codes (a document's code among a million documents is
 * still a cheap index), with the codes counted listed so that reading the
 * counts, and zeroing them, costs what was counted. A released array serves
 * the next counter: allocating and zeroing one over 270,000 documents took
 * longer than counting a few hundred of them (0.2 ms a counter, two a query).
 */
class Counts {
  #counts: Int32Array | Map<number, number> | undefined
  readonly #touched: number[] = []

  constructor(values: number) {
    this.#counts = values <= 1 << 21 ? (spare.get(values + 1)?.pop() ?? new Int32Array(values + 1)) : new Map()
  }

  add(value: number, n: number): void {
    if (value === 0 || n === 0) return
    const counts = this.#counts!
    if (counts instanceof Int32Array) {
      if (counts[value] === 0) this.#touched.push(value)
      counts[value]! += n
    } else counts.set(value, (counts.get(value) ?? 0) + n)
  }

  /** The codes counted, in the order first counted. */
  values(): readonly number[] {
    const counts = this.#counts!
    return counts instanceof Int32Array ? this.#touched : [...counts.keys()]
  }

  count(value: number): number {
    const counts = this.#counts!
    return counts instanceof Int32Array ? counts[value]! : (counts.get(value) ?? 0)
  }

  /** Zeroes the counts and hands their array to the next counter; these counts are gone. */
  release(): void {
    const counts = this.#counts
    this.#counts = undefined
    if (!(counts instanceof Int32Array)) return
    for (const value of this.#touched) counts[value] = 0
    let kept = spare.get(counts.length)
    if (!kept) spare.set(counts.length, (kept = []))
    if (kept.length < SPARE_ARRAYS) kept.push(counts)
  }
}

/**
 * The {@link MAX_FACET_VALUES} most frequent values, named; ties by name.
 * Values below the 50th count are never named, and of the (often thousands
 * of) values tied at it only the first by name are kept, without sorting or
 * naming them all: `key` orders them as their names do.
 */
function mostFrequent(counts: Counts, name: (code: number) => string, key: (code: number) => number | string = name): [string, number][] {
  const values = counts.values()
  let floor = 0
  if (values.length > MAX_FACET_VALUES) {
    const sorted = new Int32Array(values.length)
    for (let i = 0; i < values.length; i++) sorted[i] = counts.count(values[i]!)
    floor = sorted.sort()[values.length - MAX_FACET_VALUES]!
  }
  const above: [string, number][] = []
  const tied: number[] = []
  for (const code of values) {
    const n = counts.count(code)
    if (n > floor) above.push([name(code), n])
    else if (n === floor) tied.push(code)
  }
  const room = MAX_FACET_VALUES - above.length
  const first: { code: number; key: number | string }[] = []
  for (const code of tied) {
    const k = key(code)
    if (first.length === room && !(k < first[room - 1]!.key)) continue
    let at = first.length
    while (at > 0 && k < first[at - 1]!.key) at--
    first.splice(at, 0, { code, key: k })
    if (first.length > room) first.pop()
  }
  return [...above.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)), ...first.map(({ code }): [string, number] => [name(code), floor])]
}

/** Counts matches by facet value, filter by filter, as they stream in (units ascending). */
export class FacetCounter {
  /** Matches that pass every filter. */
  total = 0
  readonly #docs: DocumentTable
  readonly #kinds: Int32Array = new Int32Array(UNIT_KINDS.length)
  readonly #counts: Record<DocFacet, Counts>
  readonly #kindAllowed: ReadonlySet<number> | undefined
  readonly #tests: [DocFacet, (doc: number) => boolean][]
  // The document whose matches are being counted: which of its filters fail, and its runs.
  #doc = NONE
  #failed: DocFacet | undefined
  #failures = 0
  /** Matches of the document that pass every filter. */
  #all = 0
  /** Matches that fail only the document's one failing filter (counted in that facet alone). */
  #only = 0

  constructor(docs: DocumentTable, filters: Filters) {
    this.#docs = docs
    this.#counts = {
      volume: new Counts(docs.volumeIds.length),
      doc: new Counts(docs.count),
      chapter: new Counts(docs.chapters.length),
      // A date's year has four digits (the build's dateNumber): an array, not a map, every document counted in it.
      year: new Counts(9999),
      person: new Counts(docs.personIds.length),
    }
    const code = (list: StringList, value: string) => list.indexOf(value) + 1
    this.#kindAllowed = filters.kind && new Set([...filters.kind].map((k) => UNIT_KINDS.indexOf(k)))
    this.#tests = []
    const { volume, doc, chapter, year, person } = filters
    if (volume !== undefined) {
      const v = code(docs.volumeIds, volume)
      this.#tests.push(['volume', (d) => docs.volume[d] === v])
    }
    if (doc !== undefined) {
      const n = docs.find(doc) ?? NONE
      this.#tests.push(['doc', (d) => d === n])
    }
    if (chapter !== undefined) {
      const c = code(docs.chapters, chapter)
      this.#tests.push(['chapter', (d) => docs.chapter[d] === c])
    }
    if (year !== undefined) {
      this.#tests.push(['year', (d) => {
        const y = Math.floor(docs.date[d]! / 10000)
        return docs.date[d] !== 0 && y >= year.from && y <= year.to
      }])
    }
    if (person !== undefined) {
      const p = docs.personIds.indexOf(person)
      this.#tests.push(['person', (d) => {
        for (let j = docs.peopleStart[d]!; j < docs.peopleStart[d + 1]!; j++) if (docs.people[j] === p) return true
        return false
      }])
    }
  }

  /** Counts a match (its unit's kind and document); true when it passes every filter. */
  add(kind: number, doc: number): boolean {
    if (doc !== this.#doc) this.#begin(doc)
    const kindFails = this.#kindAllowed !== undefined && !this.#kindAllowed.has(kind)
    const failures = this.#failures + (kindFails ? 1 : 0)
    if (failures === 0) {
      this.#kinds[kind]!++
      this.#all++
      this.total++
      return true
    }
    if (failures === 1) {
      // Counted in the facet of the one filter it fails.
      if (kindFails) this.#kinds[kind]!++
      else this.#only++
    }
    return false
  }

  #begin(doc: number): void {
    this.#flush()
    this.#doc = doc
    this.#failures = 0
    this.#failed = undefined
    for (const [facet, test] of this.#tests) {
      if (test(doc)) continue
      this.#failures++
      this.#failed = facet
    }
  }

  /** Adds the document's runs to its facet values (each facet by name: this runs for every document matched). */
  #flush(): void {
    const d = this.#doc
    const all = this.#all
    const only = this.#only
    if (d === NONE || all + only === 0) return
    const docs = this.#docs
    const failed = this.#failed
    const { volume, doc, chapter, year, person } = this.#counts
    volume.add(docs.volume[d]!, failed === 'volume' ? all + only : all)
    doc.add(d + 1, failed === 'doc' ? all + only : all)
    chapter.add(docs.chapter[d]!, failed === 'chapter' ? all + only : all)
    year.add(Math.floor(docs.date[d]! / 10000), failed === 'year' ? all + only : all)
    const n = failed === 'person' ? all + only : all
    if (n > 0) for (let j = docs.peopleStart[d]!; j < docs.peopleStart[d + 1]!; j++) person.add(docs.people[j]! + 1, n)
    this.#all = 0
    this.#only = 0
  }

  /** Hands the counts' memory to the next counter: `total` stays, the facets are gone. */
  release(): void {
    for (const facet of DOC_FACETS) this.#counts[facet].release()
  }

  facets(): Facets {
    this.#flush()
    this.#doc = NONE
    const docs = this.#docs
    // Each facet's values by name, ordered as their names are: a document by its place among the ids (naming one decodes it).
    const named: Record<Exclude<DocFacet, 'year'>, { name: (code: number) => string; key?: (code: number) => number }> = {
      volume: { name: (v) => docs.volumeIds.at(v - 1)! },
      doc: { name: (d) => docs.ids.at(d - 1)!, key: (d) => docs.idRank[d - 1]! },
      chapter: { name: (c) => docs.chapters.at(c - 1)! },
      person: { name: (p) => docs.personIds.at(p - 1)! },
    }
    const facets = {} as Facets
    for (const f of FACETS) {
      if (f === 'kind') {
        facets.kind = Object.fromEntries(UNIT_KINDS.map((k, code) => [k, this.#kinds[code]!]))
        continue
      }
      const counts = this.#counts[f]
      if (f === 'year') {
        facets.year = Object.fromEntries([...counts.values()].sort((a, b) => a - b).map((y) => [String(y), counts.count(y)]))
        continue
      }
      facets[f] = Object.fromEntries(mostFrequent(counts, named[f].name, named[f].key))
    }
    return facets
  }
}
