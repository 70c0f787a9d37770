/** Search hits, and the links between units, put together for the response. */
import type { Hit, LinkedUnit } from '../api/schema'
import { cite } from '../citation'
import type { Library } from '../library'
import { unitUrl } from '../links'
import { pageAt, type Unit } from '../model'
import { buildSnippet, SNIPPET_LENGTH, snippetHtml, type Span } from '../snippet'
import { findPhrases, findTerms, tokenize } from '../text'

/** A match to show: its unit, its score, the terms it matched and how many of the query's groups. */
export interface Found {
  unit: number
  score: number
  terms: readonly string[]
  matched: number
}

/**
 * The hits for these matches, every page they need read at once. `phrases`:
 * the query's phrases, each word as the folded words it may stand for; a
 * phrase is marked as one span, and the snippet and page are where it stands.
 */
export async function toHits(library: Library, found: readonly Found[], origin: string, phrases: readonly (readonly ReadonlySet<string>[])[] = []): Promise<Hit[]> {
  if (found.length === 0) return []
  const shown = await library.shown(found.map((f) => f.unit))
  const { documents } = library
  return found.map((f, i) => {
    const { unit, head: doc, linked } = shown[i]!
    const standing = merged(findPhrases(unit.text, phrases))
    const d = documents.ofUnit(f.unit)
    const words = matchedSpans((id) => documents.surnameOf(id, d), unit, new Set(f.terms)).filter(([s, e]) => !standing.some(([ps, pe]) => s < pe && ps < e))
    const spans = [...words, ...standing].sort((a, b) => a[0] - b[0])
    const snippet = buildSnippet(unit.text, spans, SNIPPET_LENGTH, standing.length > 0 ? standing : spans)
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
      pages: [...new Set(unit.pages.map((p) => p.page))],
      score: Math.round(f.score * 1000) / 1000,
      matched: f.matched,
      snippet: snippetHtml(snippet),
      snippet_text: snippet.text,
      highlights: snippet.highlights,
      notes: linked.map((l) => linkedUnit(l, origin)),
      citation: cite(library.volume(doc.volume), doc, page),
      url: unitUrl(origin, unit),
    }
  })
}

/**
 * Where a unit matches `terms`: its words with those terms, and the places its
 * markup names a person whose surname has one (`Dean` tagged as Dean Rusk, for `Rusk`).
 */
export function matchedSpans(surnameOf: (person: string) => string | undefined, unit: Unit, terms: ReadonlySet<string>): Span[] {
  const spans: Span[] = findTerms(unit.text, terms)
  for (const a of unit.annotations ?? []) {
    if (a.type !== 'person' || spans.some(([s, e]) => s < a.end && a.start < e)) continue
    const surname = surnameOf(a.target)
    if (surname !== undefined && tokenize(surname).some((t) => terms.has(t.term))) spans.push([a.start, a.end])
  }
  return spans.sort((x, y) => x[0] - y[0])
}

/** Spans sorted, overlapping ones joined. */
function merged(spans: Span[]): Span[] {
  const out: [number, number][] = []
  for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1)
    if (last && s < last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

/** A unit as a hit links to it: a note it cites, or a unit citing it. */
function linkedUnit(linked: Unit, origin: string): LinkedUnit {
  return {
    id: linked.id,
    kind: linked.kind,
    n: linked.n,
    ...(linked.label !== undefined && { label: linked.label }),
    text: linked.text,
    url: unitUrl(origin, linked),
  }
}
