/**
 * A page of units: their clean text and their facts, in reading order, and
 * the heads of the documents they belong to, so that a hit reads one page
 * and a document's reading page one or two.
 *
 *   page  = pack { text, textStart, facts, factsStart, heads, headsStart }
 *           (each a blob of UTF-8 items end to end, and where each starts)
 *   facts = { k: kind, n, l?: label, p?: [[page, at]…], c?: [[note anchor, at]…], b?: [citing anchors…], a?: [[type, target, start, end]…] }
 *   head  = a document's id, type, number, title, volume, date, place, chapter and source (JSON)
 *
 * Facts name notes and citing units by anchor (`n2`, `p14`) within the unit's
 * document, never by position in the corpus, so a page's bytes depend on its
 * units alone and an unchanged volume gives unchanged pages. Items are read
 * one at a time: a hit decodes its own unit's facts, not its page's.
 */
import { anchorOf, ANNOTATION_TYPES, UNIT_KINDS, type Document, type Page, type Unit } from '../model'

/** What a hit shows of its document, kept beside its units. */
export type DocumentHead = Pick<Document, 'id' | 'type' | 'number' | 'title' | 'volume' | 'date' | 'place' | 'chapter' | 'source'>

/** Items (UTF-8) end to end, and where each starts (one more offset than items). */
export function encodeBlobs(items: readonly Uint8Array[]): { bytes: Uint8Array; start: Uint32Array } {
  const start = new Uint32Array(items.length + 1)
  items.forEach((b, i) => (start[i + 1] = start[i]! + b.length))
  const bytes = new Uint8Array(start[items.length]!)
  items.forEach((b, i) => bytes.set(b, start[i]!))
  return { bytes, start }
}

const decoder = new TextDecoder()

/** Item `i` of a blob, as text. */
export function blobAt(bytes: Uint8Array, start: Uint32Array, i: number): string {
  return decoder.decode(bytes.subarray(start[i]!, start[i + 1]!))
}

export interface UnitFacts {
  k: number
  n: number
  l?: string
  p?: [Page, number][]
  c?: [string, number][]
  b?: string[]
  a?: [number, string, number, number][]
}

const anchorOfId = (id: string) => id.slice(id.lastIndexOf('/') + 1)

export function unitFacts(unit: Unit): UnitFacts {
  const facts: UnitFacts = { k: UNIT_KINDS.indexOf(unit.kind), n: unit.n }
  if (unit.label !== undefined) facts.l = unit.label
  if (unit.pages.length > 0) facts.p = unit.pages.map((p) => [p.page, p.at])
  if (unit.cites.length > 0) facts.c = unit.cites.map((c) => [anchorOfId(c.note), c.at])
  if (unit.citedBy && unit.citedBy.length > 0) facts.b = unit.citedBy.map(anchorOfId)
  if (unit.annotations && unit.annotations.length > 0) {
    facts.a = unit.annotations.map((a) => [ANNOTATION_TYPES.indexOf(a.type), a.target, a.start, a.end])
  }
  return facts
}

/** The unit of document `doc` with these facts and text. */
export function unitOf(doc: string, facts: UnitFacts, text: string): Unit {
  const kind = UNIT_KINDS[facts.k]!
  const unit: Unit = {
    id: `${doc}/${anchorOf(kind, facts.n)}`,
    doc,
    kind,
    n: facts.n,
    text,
    pages: (facts.p ?? []).map(([page, at]) => ({ page, at })),
    cites: (facts.c ?? []).map(([note, at]) => ({ note: `${doc}/${note}`, at })),
  }
  if (facts.l !== undefined) unit.label = facts.l
  if (kind === 'footnote') unit.citedBy = (facts.b ?? []).map((a) => `${doc}/${a}`)
  if (facts.a) unit.annotations = facts.a.map(([t, target, start, end]) => ({ type: ANNOTATION_TYPES[t]!, target, start, end }))
  return unit
}
