/**
 * Filters and facets over search results. Each facet counts the results that
 * pass every filter but its own, so a facet shows what choosing another of
 * its values would give (disjunctive faceting). Values are coded as integers
 * once per library, so that a common word's 20,000 matches cost a few loops.
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
}

export const FACETS = ['volume', 'doc', 'kind', 'chapter', 'year'] as const
export type FacetName = (typeof FACETS)[number]
export type Facets = Record<FacetName, Record<string, number>>

/** Facet values beyond this many (the least frequent) are left out. */
export const MAX_FACET_VALUES = 50

/** Each unit's value of each facet, as a code into `values` (-1: none). */
interface Coded {
  values: Record<FacetName, string[]>
  codes: Record<FacetName, Int32Array>
}

const coded = new WeakMap<Library, Coded>()

function codesOf(library: Library): Coded {
  let c = coded.get(library)
  if (c) return c
  const values = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Coded['values']
  const ids = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>
  const code = (f: FacetName, v: string | undefined) => {
    if (v === undefined) return -1
    let n = ids[f].get(v)
    if (n === undefined) ids[f].set(v, (n = values[f].push(v) - 1))
    return n
  }
  for (const k of UNIT_KINDS) code('kind', k)
  const codes = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(library.size)])) as Coded['codes']
  for (const doc of library.documents) {
    const volume = code('volume', doc.volume)
    const id = code('doc', doc.id)
    const chapter = code('chapter', doc.chapter)
    const year = code('year', doc.date?.slice(0, 4))
    for (let i = doc.first; i < doc.first + doc.count; i++) {
      codes.volume[i] = volume
      codes.doc[i] = id
      codes.chapter[i] = chapter
      codes.year[i] = year
      codes.kind[i] = UNIT_KINDS.indexOf(library.kindOf(i))
    }
  }
  coded.set(library, (c = { values, codes }))
  return c
}

/** For each facet, which codes its filter lets through (undefined: all). */
function allowed(c: Coded, filters: Filters): Record<FacetName, Uint8Array | undefined> {
  const mask = (f: FacetName, ok: (value: string) => boolean) => Uint8Array.from(c.values[f], (v) => (ok(v) ? 1 : 0))
  const { volume, doc, kind, chapter, year } = filters
  return {
    volume: volume === undefined ? undefined : mask('volume', (v) => v === volume),
    doc: doc === undefined ? undefined : mask('doc', (v) => v === doc),
    kind: kind === undefined ? undefined : mask('kind', (v) => kind.has(v as UnitKind)),
    chapter: chapter === undefined ? undefined : mask('chapter', (v) => v === chapter),
    year: year === undefined ? undefined : mask('year', (v) => Number(v) >= year.from && Number(v) <= year.to),
  }
}

/** Which units (indices into `positions`) pass every filter, in order, and the facet counts. */
export function applyFilters(library: Library, positions: readonly number[], filters: Filters) {
  const c = codesOf(library)
  const ok = allowed(c, filters)
  const codes = FACETS.map((f) => c.codes[f])
  const masks = FACETS.map((f) => ok[f])
  const filtered = masks.flatMap((m, f) => (m ? [f] : []))
  const counts = FACETS.map((f) => new Int32Array(c.values[f].length))
  const kept: number[] = []
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k]!
    let failed = -1
    let failures = 0
    for (const f of filtered) {
      const code = codes[f]![p]!
      if (code < 0 || !masks[f]![code]) {
        failed = f
        failures++
      }
    }
    if (failures > 1) continue
    if (failures === 0) kept.push(k)
    // Counted in a facet when every other filter passes.
    for (let f = 0; f < codes.length; f++) {
      if (failures === 1 && failed !== f) continue
      const code = codes[f]![p]!
      if (code >= 0) counts[f]![code]!++
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
