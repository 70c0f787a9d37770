/**
 * The reading page of a document: its units in order, page numbers in the
 * margin where pages begin, note markers linked to their notes and back,
 * persons, abbreviations and references from the editors' markup made
 * visible, a citation for every unit, and the words of a query (`?q=`)
 * marked, so that a search hit opens where it is.
 */
import { html, raw } from 'hono/html'
import { cite } from '../citation'
import type { DocumentFacts, Library, PersonFacts, VolumeFacts } from '../library'
import { documentLinks, type DocumentLink } from '../links'
import { anchorOf, surname, type Page, type Person, type Term, type Unit } from '../model'
import { matchedSpans } from '../query/hits'
import { escapeHtml } from '../snippet'
import { page } from './layout'

const STYLE = `
article { position: relative; }
h1 { font-size: 1.55rem; line-height: 1.3; margin: .2rem 0 .8rem; }
.number { color: var(--muted); margin-right: .4rem; }
p, li, h1 { position: relative; scroll-margin-top: 5.5rem; }
p.head { font-family: system-ui, sans-serif; font-size: .95rem; color: var(--muted); margin: .3rem 0; white-space: pre-line; }
:target { background: var(--target); box-shadow: -.6rem 0 0 var(--target), .6rem 0 0 var(--target); }
.pb { position: absolute; left: -4rem; width: 3.2rem; text-align: right; font: .75rem/2.1 system-ui, sans-serif; color: var(--muted); }
.pb::before { content: "p. " attr(data-page); }
sup.ref a { text-decoration: none; font: .7rem system-ui, sans-serif; padding: 0 .1em; }
abbr[title] { text-decoration: underline dotted; cursor: help; }
abbr[title]:focus { outline: 2px solid var(--accent); }
abbr[title]:focus::after { content: " (" attr(title) ")"; font-family: system-ui, sans-serif; font-size: .8em; color: var(--muted); }
.person { border-bottom: 1px solid #c8d3de; }
folio-cite.cite { position: absolute; right: -4.2rem; top: .2rem; opacity: 0; transition: opacity .15s; }
p:hover > folio-cite.cite, h1:hover > folio-cite.cite, li:hover > folio-cite.cite, folio-cite.cite:focus-within { opacity: 1; }
.citation { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); display: flex; gap: .6rem; align-items: baseline; }
section.notes, section.links { margin-top: 2.5rem; border-top: 1px solid var(--rule); font-size: .92rem; }
section.notes h2, section.links h2 { font: 600 .9rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
section.notes ol { list-style: none; padding: 0; }
section.notes li { margin: .5rem 0; }
.label { font-family: system-ui, sans-serif; font-weight: 600; margin-right: .3rem; }
a.back { text-decoration: none; margin-left: .3rem; font-family: system-ui, sans-serif; }
`

export interface Context {
  origin: string
  marked: ReadonlySet<string>
  notes: Map<string, string>
  people: ReadonlyMap<string, PersonFacts>
  terms: ReadonlyMap<string, Term>
  /** Every document the page links to, by id. */
  links: ReadonlyMap<string, DocumentLink>
}

const surnameOf = (person: Person | undefined) => person && surname(person)

/** The opening and closing tags of an annotation. */
function annotationTags(a: NonNullable<Unit['annotations']>[number], ctx: Context): [string, string] | undefined {
  if (a.type === 'term') {
    const term = ctx.terms.get(a.target)
    return term ? [`<abbr title="${escapeHtml(term.expansion)}" tabindex="0">`, '</abbr>'] : undefined
  }
  if (a.type === 'person') {
    const p = ctx.people.get(a.target)
    return p ? [`<span class="person" title="${escapeHtml(p.name + (p.role ? ` — ${p.role}` : ''))}">`, '</span>'] : undefined
  }
  const link = ctx.links.get(a.target)!
  return link.url ? [`<a class="doc-ref" href="${escapeHtml(link.url)}">`, '</a>'] : undefined
}

/** A unit's text as HTML: escaped, with page breaks, note markers, annotations and marked words at their offsets. */
function unitHtml(unit: Unit, ctx: Context, previousPage: Page | undefined): string {
  const anchor = anchorOf(unit.kind, unit.n)
  const breaks = unit.pages.filter((p, i) => i > 0 || p.page !== previousPage)
  const spans = matchedSpans((id) => surnameOf(ctx.people.get(id)), unit, ctx.marked)
  const annotations = (unit.annotations ?? []).flatMap((a) => {
    const tags = annotationTags(a, ctx)
    return tags ? [{ ...a, tags }] : []
  })
  const bounds = new Set([0, unit.text.length, ...breaks.map((b) => b.at), ...unit.cites.map((c) => c.at),
    ...spans.flat(), ...annotations.flatMap((a) => [a.start, a.end])])
  const cuts = [...bounds].sort((a, b) => a - b)
  let out = ''
  for (let i = 0; i < cuts.length; i++) {
    const at = cuts[i]!
    // Inner spans close first; outer spans open first.
    for (const a of annotations.filter((x) => x.end === at).sort((x, y) => y.start - x.start)) out += a.tags[1]
    unit.cites.forEach((c, k) => {
      if (c.at !== at) return
      const label = escapeHtml(ctx.notes.get(c.note) ?? '')
      out += `<sup class="ref"><a id="ref-${anchor}-${k + 1}" href="#${c.note.slice(c.note.lastIndexOf('/') + 1)}" aria-label="Note ${label}">${label}</a></sup>`
    })
    for (const b of breaks) if (b.at === at) out += `<span class="pb" data-page="${escapeHtml(String(b.page))}" aria-label="Page ${escapeHtml(String(b.page))}"></span>`
    for (const a of annotations.filter((x) => x.start === at && x.end > at).sort((x, y) => y.end - x.end)) out += a.tags[0]
    const next = cuts[i + 1]
    if (next === undefined) break
    const text = escapeHtml(unit.text.slice(at, next))
    out += spans.some(([s, e]) => s <= at && next <= e) ? `<mark>${text}</mark>` : text
  }
  return out
}

function citeButton(volume: VolumeFacts | undefined, doc: DocumentFacts, unit: Unit) {
  return html`<folio-cite class="cite" text="${cite(volume, doc, unit.pages[0]?.page).text}"></folio-cite>`
}

/** The reading page of document number `d`. */
export async function readingPage(library: Library, d: number, marked: ReadonlySet<string>, origin: string) {
  const [[doc], units, people, terms] = await Promise.all([library.documentFacts([d]), library.documentUnits(d), library.people(), library.terms()])
  const volume = library.volume(doc!.volume)
  const linked = [...new Set([...units.flatMap((u) => (u.annotations ?? []).flatMap((a) => (a.type === 'ref' ? [a.target] : []))), ...(doc!.references ?? []), ...(doc!.citedBy ?? [])])]
  const links = new Map((await documentLinks(library, linked, origin)).map((l) => [l.id, l]))
  return renderReadingPage(doc!, volume, units, { origin, marked, notes: new Map(), people, terms, links })
}

export function renderReadingPage(doc: DocumentFacts, volume: VolumeFacts | undefined, units: Unit[], ctx: Context) {
  const notes = units.filter((u) => u.kind === 'footnote')
  for (const n of notes) ctx.notes.set(n.id, n.label ?? String(n.n))
  let previous: Page | undefined
  // unitHtml escapes the unit's text itself, to put its markup at offsets into it: the one place raw() is needed.
  const body = units.filter((u) => u.kind !== 'footnote').map((u) => {
    const anchor = anchorOf(u.kind, u.n)
    const inner = html`${raw(unitHtml(u, ctx, previous))}${citeButton(volume, doc, u)}`
    previous = u.pages.at(-1)?.page ?? previous
    if (u.kind === 'title') return html`<h1 id="${anchor}">${doc.number ? html`<span class="number">${doc.number}.</span>` : ''}${inner}</h1>\n`
    return u.kind === 'head' ? html`<p id="${anchor}" class="head">${inner}</p>\n` : html`<p id="${anchor}">${inner}</p>\n`
  })
  const noteItems = notes.map((n) => {
    const backs = units.flatMap((u) => u.cites.flatMap((c, k) => (c.note === n.id ? [`ref-${anchorOf(u.kind, u.n)}-${k + 1}`] : [])))
    return html`<li id="${anchorOf('footnote', n.n)}">${n.label === undefined ? '' : html`<span class="label">${n.label}.</span>`}${raw(unitHtml(n, ctx, n.pages[0]?.page))}${
      backs.map((b) => html`<a class="back" href="#${b}" aria-label="Back to the text">↩</a>`)}${citeButton(volume, doc, n)}</li>\n`
  })
  const linkList = (title: string, ids: readonly string[]) => {
    if (ids.length === 0) return ''
    const items = ids.map((id) => {
      const l = ctx.links.get(id)!
      const name = l.title ? `${l.number ? `${l.number}. ` : ''}${l.title}` : id
      return html`<li>${l.url ? html`<a href="${l.url}">${name}</a>` : name}${l.in_corpus ? '' : html` <span class="facts">(not indexed)</span>`}</li>`
    })
    return html`<section class="links"><h2>${title}</h2><ul>${items}</ul></section>`
  }
  const facts = [doc.volume, doc.number && `Document ${doc.number}`, doc.date, doc.place, doc.chapter].filter((f): f is string => Boolean(f))
  const citation = cite(volume, doc, units[0]?.pages[0]?.page).text
  return page(
    `${doc.title} — Folio`,
    html`<header class="site"><a class="brand" href="/">Folio</a><folio-search placeholder="Search the documents"></folio-search></header>
<main>
<p class="facts">${facts.join(' · ')}${doc.source ? html` · <a href="${doc.source}">history.state.gov</a>` : ''}</p>
<p class="citation"><span>${citation}</span><folio-cite text="${citation}"></folio-cite></p>
<article>
${body}
${noteItems.length > 0 ? html`<section class="notes" aria-label="Notes"><h2>Notes</h2><ol>${noteItems}</ol></section>` : ''}
${linkList('This document cites', doc.references ?? [])}
${linkList('Cited by', doc.citedBy ?? [])}
</article>
</main>`,
    STYLE,
  )
}

/** The page for a document the index does not hold. */
export function notFoundPage(id: string) {
  return page(
    'No such document — Folio',
    html`<header class="site"><a class="brand" href="/">Folio</a><folio-search></folio-search></header>
<main><h1>No document ${id}</h1><p>The index holds no document with this id. <a href="/">Search the documents</a>.</p></main>`,
  )
}
