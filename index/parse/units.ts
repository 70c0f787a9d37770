/**
 * Assembles a document's units from the raw blocks a parser read, whatever
 * the source format: cleans each block's text, follows the page from block
 * to block, and links notes to the units that cite them.
 */
import { anchorOf, pageAt, type Annotation, type Page, type PageStart, type Unit, type UnitKind } from '../../src/model'
import { cleanText, type CleanText, type Cut } from './cleantext'

/** A block of raw text read as one unit, with the spans to cut (markers, page breaks). */
export interface RawBlock {
  kind: Exclude<UnitKind, 'footnote'>
  raw: string
  cuts: Cut[]
}

/** A note's raw text, with its mark as printed when it has one. */
export interface RawNote {
  label?: string
  raw: string
  cuts: Cut[]
  /** The page the note stands on when no unit cites it. */
  page?: Page
}

/** The id of the `i`-th (0-based) note of a document, which citation cuts name. */
export function noteId(doc: string, i: number): string {
  return `${doc}/${anchorOf('footnote', i + 1)}`
}

/**
 * Builds the units: blocks in order, then notes. `page` is the page the first
 * block starts on, when known. Calls `onEmpty` for a block with no text left.
 * `annotations` says what each pair of anchors (`key`, `key/`) marks.
 */
export function assembleUnits(
  doc: string,
  blocks: readonly RawBlock[],
  notes: readonly RawNote[],
  page: Page | undefined,
  onEmpty?: (index: number) => void,
  annotations: ReadonlyMap<string, Omit<Annotation, 'start' | 'end'>> = new Map(),
): Unit[] {
  const annotate = (unit: Unit, clean: CleanText) => {
    const found: Annotation[] = []
    for (const [key, start] of clean.anchors) {
      const end = clean.anchors.get(`${key}/`)
      const what = annotations.get(key)
      if (what && end !== undefined && end > start) found.push({ ...what, start, end })
    }
    if (found.length > 0) unit.annotations = found.sort((a, b) => a.start - b.start || a.end - b.end)
    return unit
  }
  const units: Unit[] = []
  const counters: Record<UnitKind, number> = { title: 0, head: 0, paragraph: 0, footnote: 0 }

  blocks.forEach((block, i) => {
    const clean = cleanText(block.raw, block.cuts)
    if (clean.text === '') onEmpty?.(i)
    const pages: PageStart[] = page === undefined ? [] : [{ page, at: 0 }]
    for (const b of clean.breaks) {
      if (pages.length > 0 && pages[pages.length - 1]!.at === b.at) pages.pop()
      pages.push(b)
      page = b.page
    }
    const n = ++counters[block.kind]
    units.push(annotate({ id: `${doc}/${anchorOf(block.kind, n)}`, doc, kind: block.kind, n, text: clean.text, pages, cites: clean.cites }, clean))
  })

  notes.forEach((note, i) => {
    const id = noteId(doc, i)
    const citedBy = units.filter((u) => u.cites.some((c) => c.note === id))
    const first = citedBy[0]
    const notePage = first ? pageAt(first.pages, first.cites.find((c) => c.note === id)!.at) : (note.page ?? page)
    const clean = cleanText(note.raw, note.cuts)
    units.push(annotate({
      id, doc, kind: 'footnote', n: i + 1,
      ...(note.label !== undefined && { label: note.label }),
      text: clean.text,
      pages: notePage === undefined ? [] : [{ page: notePage, at: 0 }],
      cites: [],
      citedBy: citedBy.map((u) => u.id),
    }, clean))
  })
  return units
}
