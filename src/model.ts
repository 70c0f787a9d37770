/**
 * The data Folio moves from the corpus to a search hit. The build's parsers
 * produce {@link Document}s; the index holds their {@link Unit}s; the worker
 * answers queries with hits built from them.
 */

/** What part of a document a unit is. */
export type UnitKind = 'title' | 'head' | 'paragraph' | 'footnote'

export const UNIT_KINDS: readonly UnitKind[] = ['title', 'head', 'paragraph', 'footnote']

/**
 * A printed page number: an integer for ordinary pages, a string for the
 * others (`"XII"` in front matter, `"Facsimile 12"`).
 */
export type Page = number | string

/** Where a page starts inside a unit's text. */
export interface PageStart {
  page: Page
  /** Offset into the unit's text; 0 when the unit starts on this page. */
  at: number
}

/** A footnote marker that stood in a unit's text. */
export interface Citation {
  /** The cited footnote's unit id. */
  note: string
  /** Offset into the citing unit's text where the marker stood. */
  at: number
}

/** A searchable piece of a document: its title, a head line, a paragraph or a footnote. */
export interface Unit {
  /** Stable id: `<doc id>/<anchor>`, e.g. `frus1989-92v31-d49/p3`. */
  id: string
  /** The document's id. */
  doc: string
  kind: UnitKind
  /** Ordinal among the units of its kind in the document, from 1. */
  n: number
  /** Footnotes only: the mark as printed (`1`, `*`). */
  label?: string
  /** Exactly what a reader reads: no page markers, no footnote digits. */
  text: string
  /** The pages this unit spans, in order; empty when the source has no page numbers. */
  pages: PageStart[]
  /** The footnotes this unit cites, in order. */
  cites: Citation[]
  /** Footnotes only: the units that cite this note. */
  citedBy?: string[]
}

/** One document of the corpus, with its units in reading order (notes last). */
export interface Document {
  /** From the file name without extension, e.g. `frus1989-92v31-d49`. */
  id: string
  /** The document number as printed (`49`), when it has one. */
  number?: string
  title: string
  units: Unit[]
}

/** The anchor of a unit inside its document, as used in ids and reading-page links. */
export function anchorOf(kind: UnitKind, n: number): string {
  switch (kind) {
    case 'title':
      return 'title'
    case 'head':
      return `h${n}`
    case 'paragraph':
      return `p${n}`
    case 'footnote':
      return `n${n}`
  }
}

/** The page at an offset of a unit's text: the last page that starts at or before it. */
export function pageAt(pages: readonly PageStart[], at: number): Page | undefined {
  let page = pages[0]?.page
  for (const p of pages) if (p.at <= at) page = p.page
  return page
}
