/**
 * Filters and facets over search results. Each facet counts the results that
 * pass every filter but its own, so a facet shows what choosing another of
 * its values would give (disjunctive faceting). Values are coded as integers
 * once per library, so that a common word's 20,000 matches cost a few loops.
 *
 * `kind` belongs to the unit; the others to its document. A document has one
 * volume, chapter and year, and any number of persons: the person facet counts
 * a unit once for every person its document names.
 */
import type { Library } from '../library'
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

/** Every facet's values of every document, as codes into `values`, in CSR form (`start[d]` to `start[d + 1]`). */
interface Coded {
  values: Record<FacetName, string[]>
  start: Record<FacetName, Uint32Array>
  codes: Record<FacetName, Int32Array>
  /** Each unit's document. */
  owner: Uint32Array
  /** Each unit's kind, as a code. */
  kind: Uint8Array
}

const coded = new WeakMap<Library, Coded>()

function codesOf(library: Library): Coded {
  let c = coded.get(library)
  if (c) return c
  const values = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Coded['values']
  const ids = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>
  const code = (f: FacetName, v: string) => {
    let n = ids[f].get(v)
    if (n === undefined) ids[f].set(v, (n = values[f].push(v) - 1))
    return n
  }
  for (const k of UNIT_KINDS) code('kind', k)
  const lists = Object.fromEntries(FACETS.map((f) => [f, [] as number[]])) as Record<FacetName, number[]>
  const start = Object.fromEntries(FACETS.map((f) => [f, new Uint32Array(library.documents.length + 1)])) as Coded['start']
  const owner = new Uint32Array(library.size)
  library.documents.forEach((doc, d) => {
    const of: Record<Exclude<FacetName, 'kind'>, string[]> = {
      volume: doc.volume === undefined ? [] : [doc.volume],
      doc: [doc.id],
      chapter: doc.chapter === undefined ? [] : [doc.chapter],
      year: doc.date === undefined ? [] : [doc.date.slice(0, 4)],
      person: Object.keys(doc.people ?? {}),
    }
    for (const f of FACETS) {
      if (f !== 'kind') for (const v of of[f]) lists[f].push(code(f, v))
      start[f][d + 1] = lists[f].length
    }
    owner.fill(d, doc.first, doc.first + doc.count)
  })
  const kind = Uint8Array.from({ length: library.size }, (_, i) => UNIT_KINDS.indexOf(library.kindOf(i)))
  const codes = Object.fromEntries(FACETS.map((f) => [f, Int32Array.from(lists[f])])) as Coded['codes']
  coded.set(library, (c = { values, start, codes, owner, kind }))
  return c
}

/** For each facet, which codes its filter lets through (undefined: all). */
function allowed(c: Coded, filters: Filters): Record<FacetName, Uint8Array | undefined> {
  const mask = (f: FacetName, ok: (value: string) => boolean) => Uint8Array.from(c.values[f], (v) => (ok(v) ? 1 : 0))
  const { volume, doc, kind, chapter, year, person } = filters
  return {
    volume: volume === undefined ? undefined : mask('volume', (v) => v === volume),
    doc: doc === undefined ? undefined : mask('doc', (v) => v === doc),
    kind: kind === undefined ? undefined : mask('kind', (v) => kind.has(v as UnitKind)),
    chapter: chapter === undefined ? undefined : mask('chapter', (v) => v === chapter),
    year: year === undefined ? undefined : mask('year', (v) => Number(v) >= year.from && Number(v) <= year.to),
    person: person === undefined ? undefined : mask('person', (v) => v === person),
  }
}

/** Which units (indices into `positions`) pass every filter, in order, and the facet counts. */
export function applyFilters(library: Library, positions: readonly number[], filters: Filters) {
  const c = codesOf(library)
  const ok = allowed(c, filters)
  const KIND = FACETS.indexOf('kind')
  const masks = FACETS.map((f) => ok[f])
  const starts = FACETS.map((f) => c.start[f])
  const codes = FACETS.map((f) => c.codes[f])
  const filtered = masks.flatMap((m, f) => (m ? [f] : []))
  const counts = FACETS.map((f) => new Int32Array(c.values[f].length))
  const kept: number[] = []
  for (let k = 0; k < positions.length; k++) {
    const unit = positions[k]!
    const d = c.owner[unit]!
    let failed = -1
    let failures = 0
    for (const f of filtered) {
      let pass = false
      if (f === KIND) pass = masks[f]![c.kind[unit]!] === 1
      else for (let j = starts[f]![d]!; j < starts[f]![d + 1]! && !pass; j++) pass = masks[f]![codes[f]![j]!] === 1
      if (!pass) {
        failed = f
        failures++
      }
    }
    if (failures > 1) continue
    if (failures === 0) kept.push(k)
    // Counted in a facet when every other filter passes.
    for (let f = 0; f < FACETS.length; f++) {
      if (failures === 1 && failed !== f) continue
      if (f === KIND) counts[f]![c.kind[unit]!]!++
      else for (let j = starts[f]![d]!; j < starts[f]![d + 1]!; j++) counts[f]![codes[f]![j]!]!++
    }
  }
  return { kept, facets: facetsOf(c, counts) }
}

function facetsOf(c: Coded, counts: Int32Array[]): Facets {
  const facets = {} as Facets
  FACETS.forEach((f, i) => {
    let entries = c.values[f].map((v, code) => [v, counts[i]![code]!] as [string, number])
    if (f === 'year') entries = entries.filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1))
    else if (f !== 'kind') entries = entries.filter(([, n]) => n > 0).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, MAX_FACET_VALUES)
    facets[f] = Object.fromEntries(entries)
  })
  return facets
}
