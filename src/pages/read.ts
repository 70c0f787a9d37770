/**
 * The reading page of a document: its units in order, page numbers in the
 * margin where pages begin, note markers linked to their notes and back, and
 * the words of a query (`?q=`) marked, so that a search hit opens where it is.
 */
import { html, raw } from 'hono/html'
import type { DocumentEntry } from '../artifacts'
import type { Library } from '../library'
import { anchorOf, type Page, type Unit } from '../model'
import { escapeHtml } from '../snippet'
import { tokenize } from '../text'
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
section.notes { margin-top: 2.5rem; border-top: 1px solid var(--rule); font-size: .92rem; }
section.notes h2 { font: 600 .9rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
section.notes ol { list-style: none; padding: 0; }
section.notes li { margin: .5rem 0; }
.label { font-family: system-ui, sans-serif; font-weight: 600; margin-right: .3rem; }
a.back { text-decoration: none; margin-left: .3rem; font-family: system-ui, sans-serif; }
`

/** A unit's text as HTML: escaped, with page breaks, note markers and marked words at their offsets. */
function unitHtml(unit: Unit, marked: ReadonlySet<string>, noteAnchors: Map<string, string>, previousPage: Page | undefined): string {
  const breaks = unit.pages.filter((p, i) => i > 0 || p.page !== previousPage)
  const spans = tokenize(unit.text).filter((t) => marked.has(t.term))
  const bounds = new Set([0, unit.text.length, ...breaks.map((b) => b.at), ...unit.cites.map((c) => c.at), ...spans.flatMap((s) => [s.start, s.end])])
  const cuts = [...bounds].sort((a, b) => a - b)
  let out = ''
  for (let i = 0; i < cuts.length; i++) {
    const at = cuts[i]!
    unit.cites.forEach((c, k) => {
      if (c.at !== at) return
      const label = noteAnchors.get(c.note) ?? ''
      out += `<sup class="ref"><a id="ref-${anchorOf(unit.kind, unit.n)}-${k + 1}" href="#${c.note.slice(c.note.lastIndexOf('/') + 1)}" aria-label="Note ${escapeHtml(label)}">${escapeHtml(label)}</a></sup>`
    })
    for (const b of breaks) if (b.at === at) out += `<span class="pb" data-page="${escapeHtml(String(b.page))}" aria-label="Page ${escapeHtml(String(b.page))}"></span>`
    const next = cuts[i + 1]
    if (next === undefined) break
    const text = escapeHtml(unit.text.slice(at, next))
    out += spans.some((s) => s.start <= at && next <= s.end) ? `<mark>${text}</mark>` : text
  }
  return out
}

export function readingPage(library: Library, doc: DocumentEntry, marked: ReadonlySet<string>) {
  const units = Array.from({ length: doc.count }, (_, k) => library.unit(doc.first + k))
  const notes = units.filter((u) => u.kind === 'footnote')
  const noteAnchors = new Map(notes.map((n) => [n.id, n.label ?? String(n.n)]))
  let previous: Page | undefined
  const body = units.filter((u) => u.kind !== 'footnote').map((u) => {
    const anchor = anchorOf(u.kind, u.n)
    const inner = unitHtml(u, marked, noteAnchors, previous)
    previous = u.pages.at(-1)?.page ?? previous
    if (u.kind === 'title') {
      return `<h1 id="${anchor}">${doc.number ? `<span class="number">${escapeHtml(doc.number)}.</span>` : ''}${inner}</h1>`
    }
    return `<p id="${anchor}"${u.kind === 'head' ? ' class="head"' : ''}>${inner}</p>`
  })
  const noteItems = notes.map((n) => {
    const backs = units.flatMap((u) => u.cites.flatMap((c, k) => (c.note === n.id ? [`ref-${anchorOf(u.kind, u.n)}-${k + 1}`] : [])))
    const label = n.label === undefined ? '' : `<span class="label">${escapeHtml(n.label)}.</span>`
    const links = backs.map((b) => `<a class="back" href="#${b}" aria-label="Back to the text">↩</a>`).join('')
    return `<li id="${anchorOf('footnote', n.n)}">${label}${unitHtml(n, marked, noteAnchors, n.pages[0]?.page)}${links}</li>`
  })
  const facts = [doc.volume, doc.number && `Document ${doc.number}`, doc.date, doc.place, doc.chapter].filter(Boolean).map((f) => escapeHtml(f!))
  const source = doc.source ? ` · <a href="${escapeHtml(doc.source)}">history.state.gov</a>` : ''
  return page(
    `${doc.title} — Folio`,
    html`<header class="site"><a class="brand" href="/">Folio</a><folio-search placeholder="Search the documents"></folio-search></header>
<main>
<p class="facts">${raw(facts.join(' · ') + source)}</p>
<article>
${raw(body.join('\n'))}
${raw(noteItems.length > 0 ? `<section class="notes" aria-label="Notes"><h2>Notes</h2><ol>${noteItems.join('\n')}</ol></section>` : '')}
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
