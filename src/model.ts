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

/**
 * A marked-up span of a unit's text: a person named (however the text names
 * them: `Rusk`, `the Secretary`, `Dean`), an abbreviation of the volume's
 * list, or a reference to a document (of this volume or another).
 */
export const ANNOTATION_TYPES = ['person', 'term', 'ref'] as const

export interface Annotation {
  type: (typeof ANNOTATION_TYPES)[number]
  /** A person's or term's id (`frus1964-68v29p2-p_RD3`), or a document's (`frus1961-63v22-d383`). */
  target: string
  start: number
  end: number
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
  /** Persons, abbreviations and references marked in the text, in order. */
  annotations?: Annotation[]
}

/**
 * What a document is: one of the volume's numbered documents, or a section
 * of its front matter (preface, sources, abbreviations, persons).
 */
export type DocumentType = 'document' | 'section'

/** Document types in the order the resident tables and postings number them. */
export const DOCUMENT_TYPES = ['document', 'section'] as const satisfies readonly DocumentType[]

/** One document of the corpus, with its units in reading order (notes last). */
export interface Document {
  /**
   * Page text: the file name without extension (`frus1989-92v31-d49`).
   * TEI: the volume id and the div's `xml:id` (`frus1964-68v29p2-d12`).
   */
  id: string
  type: DocumentType
  /** The document number as printed (`49`), when it has one. */
  number?: string
  title: string
  /** The FRUS volume id (`frus1964-68v29p2`), when known. */
  volume?: string
  /** ISO date (`1964-01-22`, or `1964-01`, `1964`) from the dateline, or else the date the editors gave the document. */
  date?: string
  /** Where it was written, from the dateline. */
  place?: string
  /** The chapter (compilation) it sits in. */
  chapter?: string
  /** Its page on history.state.gov. */
  source?: string
  units: Unit[]
}

/** A person of a volume's persons list. */
export interface Person {
  /** The volume id and the list's `xml:id`: `frus1964-68v29p2-p_RD3`. */
  id: string
  /** As the list gives it: `Rusk, Dean`. */
  name: string
  /** The description the list gives: `Secretary of State`. */
  role?: string
}

/** A person's surname, from the list's `Surname, Forenames`. */
export function surname(person: Pick<Person, 'name'>): string {
  return person.name.split(',')[0]!.trim()
}

/** An abbreviation of a volume's list. */
export interface Term {
  id: string
  abbreviation: string
  expansion: string
}

/** A FRUS volume, from a TEI file's header (or, less fully, from a page-text document's id). */
export interface Volume {
  id: string
  title: string
  /** The parts of the title: `Foreign Relations of the United States`, `1964–1968`, `Volume XXIX, Part 2`, `Japan`. */
  series?: string
  subseries?: string
  volumeNumber?: string
  volumeTitle?: string
  /** Every page break of the volume, in order, including pages of parts not indexed. */
  pages: Page[]
  persons?: Person[]
  terms?: Term[]
}

const HISTORICAL_DOCUMENTS = 'https://history.state.gov/historicaldocuments'

/** The history.state.gov address of a document of a volume. */
export function sourceUrl(volume: string, part: string): string {
  return `${HISTORICAL_DOCUMENTS}/${volume}/${part}`
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
