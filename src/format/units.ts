/**
 * A page of units: their clean text and their facts, in reading order, so
 * that the top hits' snippets read a few pages and a document's reading page
 * one or two.
 *
 *   page  = pack { text: u8 (UTF-8, end to end), textStart: u32, facts: strings (JSON, one per unit) }
 *   facts = { k: kind, n, l?: label, p?: [[page, at]…], c?: [[note anchor, at]…], b?: [citing anchors…], a?: [[type, target, start, end]…] }
 *
 * Facts name notes and citing units by anchor (`n2`, `p14`) within the unit's
 * document, never by position in the corpus, so a page's bytes depend on its
 * units alone and an unchanged volume gives unchanged pages.
 */
import { anchorOf, ANNOTATION_TYPES, UNIT_KINDS, type Page, type Unit } from '../model'

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
