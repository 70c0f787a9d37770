/**
 * Filters and facets over search results. Each facet counts the results that
 * pass every filter but its own, so a facet shows what choosing another of
 * its values would give (disjunctive faceting).
 */
import type { SearchResult } from 'minisearch'
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

function valuesOf(library: Library, position: number): Record<FacetName, string | undefined> {
  const doc = library.documentOf(position)
  return {
    volume: doc.volume,
    doc: doc.id,
    kind: library.kindOf(position),
    chapter: doc.chapter,
    year: doc.date?.slice(0, 4),
  }
}

function passes(filters: Filters, facet: FacetName, value: string | undefined): boolean {
  switch (facet) {
    case 'kind':
      return !filters.kind || filters.kind.has(value as UnitKind)
    case 'year':
      return !filters.year || (value !== undefined && Number(value) >= filters.year.from && Number(value) <= filters.year.to)
    default:
      return filters[facet] === undefined || filters[facet] === value
  }
}

/** The results that pass every filter, in their order, and the facet counts. */
export function applyFilters(library: Library, results: readonly SearchResult[], filters: Filters) {
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>
  const kept: SearchResult[] = []
  for (const r of results) {
    const values = valuesOf(library, r.id as number)
    const failed = FACETS.filter((f) => !passes(filters, f, values[f]))
    if (failed.length === 0) kept.push(r)
    if (failed.length > 1) continue
    for (const f of FACETS) {
      const value = values[f]
      // Counted when every other filter passes.
      if (value === undefined || (failed.length === 1 && failed[0] !== f)) continue
      counts[f].set(value, (counts[f].get(value) ?? 0) + 1)
    }
  }
  return { kept, facets: facetsOf(counts) }
}

function facetsOf(counts: Record<FacetName, Map<string, number>>): Facets {
  const facets = {} as Facets
  for (const f of FACETS) {
    let entries = [...counts[f]]
    if (f === 'kind') entries = UNIT_KINDS.map((k) => [k, counts.kind.get(k) ?? 0])
    else if (f === 'year') entries.sort(([a], [b]) => (a < b ? -1 : 1))
    else entries = entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, MAX_FACET_VALUES)
    facets[f] = Object.fromEntries(entries)
  }
  return facets
}
