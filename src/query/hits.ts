/** A search hit, and the links between units, put together for the response. */
import { cite, type Citation } from '../citation'
import type { Library } from '../library'
import { unitUrl } from '../links'
import { pageAt, surname, type Page, type Unit, type UnitKind } from '../model'
import { buildSnippet, snippetHtml, type Span } from '../snippet'
import { tokenize } from '../text'

/** A unit linked from a hit: a note it cites, or a unit that cites it. */
export interface LinkedUnit {
  id: string
  kind: UnitKind
  n: number
  label?: string
  text: string
  url: string
}

export interface Hit {
  id: string
  doc: string
  kind: UnitKind
  n: number
  label?: string
  /** The document's title, number, date, chapter and volume. */
  title: string
  number?: string
  date?: string
  chapter?: string
  volume?: string
  /** The page where the best match is. */
  page: Page | null
  pages: Page[]
  score: number
  /** HTML: text escaped, matched words in `<mark>`. */
  snippet: string
  snippet_text: string
  highlights: Span[]
  /** Notes this unit cites; for a footnote, the units that cite it. */
  notes: LinkedUnit[]
  /** How to cite it: the volume, the document, the page of the best match. */
  citation: Citation
  url: string
}

/** The hit for the unit at `position`, with every word of `terms` marked. */
export function toHit(library: Library, position: number, score: number, terms: ReadonlySet<string>, origin: string): Hit {
  const unit = library.unit(position)
  const doc = library.documentOf(position)
  const snippet = buildSnippet(unit.text, matchedSpans(library, unit, terms))
  const page = pageAt(unit.pages, snippet.focus) ?? null
  return {
    id: unit.id,
    doc: unit.doc,
    kind: unit.kind,
    n: unit.n,
    ...(unit.label !== undefined && { label: unit.label }),
    title: doc.title,
    ...(doc.number !== undefined && { number: doc.number }),
    ...(doc.date !== undefined && { date: doc.date }),
    ...(doc.chapter !== undefined && { chapter: doc.chapter }),
    ...(doc.volume !== undefined && { volume: doc.volume }),
    page,
    pages: pagesOf(unit),
    score: Math.round(score * 1000) / 1000,
    snippet: snippetHtml(snippet),
    snippet_text: snippet.text,
    highlights: snippet.highlights,
    notes: linkedUnits(library, unit, origin),
    citation: cite(library.volume(doc.volume), doc, page),
    url: unitUrl(origin, unit),
  }
}

/**
 * Where a unit matches `terms`: its words with those terms, and the places its
 * markup names a person whose surname has one (`Dean` tagged as Dean Rusk, for `Rusk`).
 */
export function matchedSpans(library: Library, unit: Unit, terms: ReadonlySet<string>): Span[] {
  const spans: Span[] = tokenize(unit.text)
    .filter((t) => terms.has(t.term))
    .map((t) => [t.start, t.end] as const)
  for (const a of unit.annotations ?? []) {
    if (a.type !== 'person' || spans.some(([s, e]) => s < a.end && a.start < e)) continue
    const person = library.people.get(a.target)
    if (person && tokenize(surname(person)).some((t) => terms.has(t.term))) spans.push([a.start, a.end])
  }
  return spans.sort((x, y) => x[0] - y[0])
}

/** The distinct pages a unit spans, in order. */
function pagesOf(unit: Unit): Page[] {
  return [...new Set(unit.pages.map((p) => p.page))]
}

/** The notes a unit cites, or for a note the units citing it, each with its text. */
function linkedUnits(library: Library, unit: Unit, origin: string): LinkedUnit[] {
  const ids = unit.kind === 'footnote' ? (unit.citedBy ?? []) : [...new Set(unit.cites.map((c) => c.note))]
  return ids.flatMap((id) => {
    const position = library.unitPosition(id)
    if (position === undefined) return []
    const linked = library.unit(position)
    return [{
      id: linked.id,
      kind: linked.kind,
      n: linked.n,
      ...(linked.label !== undefined && { label: linked.label }),
      text: linked.text,
      url: unitUrl(origin, linked),
    }]
  })
}
