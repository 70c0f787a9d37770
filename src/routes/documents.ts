/** `GET /documents` and `GET /documents/:id`: the documents, and one document's units in order. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import type { DocumentEntry } from '../artifacts'
import { ApiError } from '../errors'
import type { Library } from '../library'
import { integer } from '../params'
import { pagesOf, unitUrl } from '../query/search'

function readingUrl(origin: string, doc: DocumentEntry): string {
  return `${origin}/read/${encodeURIComponent(doc.id)}`
}

function unitsOf(library: Library, doc: DocumentEntry) {
  return library.units.slice(doc.first, doc.first + doc.count)
}

function summary(library: Library, doc: DocumentEntry, origin: string) {
  // Notes come last but stand on the pages that cite them: the range is the text's.
  const pages = unitsOf(library, doc).filter((u) => u.kind !== 'footnote').flatMap(pagesOf)
  return {
    id: doc.id,
    ...(doc.number !== undefined && { number: doc.number }),
    title: doc.title,
    units: doc.count,
    pages: pages.length > 0 ? [pages[0], pages[pages.length - 1]] : [],
    url: readingUrl(origin, doc),
  }
}

export const documentsRoute = new Hono<AppEnv>()
  .get('/documents', (c) => {
    const query = c.req.query()
    const limit = integer(query, 'limit', { min: 1, max: 100, fallback: 20 })
    const offset = integer(query, 'offset', { min: 0, max: 1_000_000, fallback: 0 })
    const { library } = c.var
    const origin = new URL(c.req.url).origin
    return c.json({
      total: library.documents.length,
      offset,
      limit,
      documents: library.documents.slice(offset, offset + limit).map((d) => summary(library, d, origin)),
    })
  })
  .get('/documents/:id', (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const doc = library.document(id)
    if (!doc) throw new ApiError('unknown_document', `no document ${JSON.stringify(id)}`, 'id')
    const origin = new URL(c.req.url).origin
    return c.json({
      ...summary(library, doc, origin),
      units: unitsOf(library, doc).map((u) => ({
        id: u.id,
        kind: u.kind,
        n: u.n,
        ...(u.label !== undefined && { label: u.label }),
        text: u.text,
        pages: u.pages,
        cites: u.cites,
        ...(u.citedBy !== undefined && { cited_by: u.citedBy }),
        url: unitUrl(origin, u),
      })),
    })
  })
