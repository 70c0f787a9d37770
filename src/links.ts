/** Links between things the worker serves: reading pages, documents in or out of the corpus. */
import type { Library } from './library'
import { anchorOf, sourceUrl, type Unit } from './model'

/** The reading page of a document. */
export function readingUrl(origin: string, id: string): string {
  return `${origin}/read/${encodeURIComponent(id)}`
}

/** The stable link to a unit: its place on the document's reading page. */
export function unitUrl(origin: string, unit: Pick<Unit, 'doc' | 'kind' | 'n'>): string {
  return `${origin}/read/${encodeURIComponent(unit.doc)}#${anchorOf(unit.kind, unit.n)}`
}

/** A link to a document: its reading page when the index holds it, else its page on history.state.gov. */
export interface DocumentLink {
  id: string
  title?: string
  number?: string
  in_corpus: boolean
  url?: string
}

/** Links to documents by id, the facts of those the index holds read at once. */
export async function documentLinks(library: Library, ids: readonly string[], origin: string): Promise<DocumentLink[]> {
  const numbers = ids.map((id) => library.documents.find(id))
  const held = numbers.filter((d): d is number => d !== undefined)
  const facts = new Map((await library.documentFacts(held)).map((f, k) => [held[k]!, f]))
  return ids.map((id, k) => {
    const doc = numbers[k] === undefined ? undefined : facts.get(numbers[k]!)
    if (doc) return { id, title: doc.title, ...(doc.number !== undefined && { number: doc.number }), in_corpus: true, url: readingUrl(origin, id) }
    const m = /^(.+)-(d\d+\w*)$/.exec(id)
    return { id, in_corpus: false, ...(m && { url: sourceUrl(m[1]!, m[2]!) }) }
  })
}
