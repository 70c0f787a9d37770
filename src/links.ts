/** Links between things the worker serves: reading pages, documents in or out of the corpus, abbreviations. */
import type { Library } from './library'
import { anchorOf, sourceUrl, type Term, type Unit } from './model'

/** The reading page of a document. */
export function readingUrl(origin: string, id: string): string {
  return `${origin}/read/${encodeURIComponent(id)}`
}

/** The stable link to a unit: its place on the document's reading page. */
export function unitUrl(origin: string, unit: Pick<Unit, 'doc' | 'kind' | 'n'>): string {
  return `${origin}/read/${encodeURIComponent(unit.doc)}#${anchorOf(unit.kind, unit.n)}`
}

/** A link to a document: to its reading page when the index holds it, else to history.state.gov. */
export function documentLink(library: Library, id: string, origin: string) {
  const doc = library.document(id)
  if (doc) return { id, title: doc.title, ...(doc.number !== undefined && { number: doc.number }), in_corpus: true, url: readingUrl(origin, id) }
  const m = /^(.+)-(d\d+\w*)$/.exec(id)
  return { id, in_corpus: false, ...(m && { url: sourceUrl(m[1]!, m[2]!) }) }
}

const terms = new WeakMap<Library, Map<string, Term>>()

/** Every abbreviation of the volumes' lists, by id (gathered once per library). */
export function termsOf(library: Library): ReadonlyMap<string, Term> {
  let byId = terms.get(library)
  if (!byId) terms.set(library, (byId = new Map(library.volumes.flatMap((v) => (v.terms ?? []).map((t) => [t.id, t])))))
  return byId
}
