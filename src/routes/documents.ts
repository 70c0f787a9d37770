/** `GET /documents` and `GET /documents/:id`: the documents, and one document's units in order. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import type { DocumentEntry } from '../artifacts'
import { cite } from '../citation'
import { ApiError } from '../errors'
import type { Library } from '../library'
import { documentLink, readingUrl, termsOf, unitUrl } from '../links'
import type { Annotation, DocumentType, Term, Unit } from '../model'
import { oneOf, paging } from '../params'
import { readFilters } from './search'

const TYPES: readonly DocumentType[] = ['document', 'section']

function unitsOf(library: Library, doc: DocumentEntry) {
  return Array.from({ length: doc.count }, (_, k) => library.unit(doc.first + k))
}

function summary(library: Library, doc: DocumentEntry, origin: string) {
  const { first, count, people, references, pages, ...facts } = doc
  return {
    ...facts,
    units: count,
    pages,
    citation: cite(library.volume(doc.volume), doc, pages[0]),
    url: readingUrl(origin, doc.id),
  }
}

/** A unit's annotations with what they point at: a person's name and role, an abbreviation's meaning, a document's link. */
function annotationsOf(library: Library, unit: Unit, terms: ReadonlyMap<string, Term>, origin: string) {
  return (unit.annotations ?? []).map((a: Annotation) => {
    if (a.type === 'person') {
      const p = library.people.get(a.target)
      return { ...a, ...(p && { name: p.name, ...(p.role && { role: p.role }), url: `${origin}/people/${encodeURIComponent(a.target)}` }) }
    }
    if (a.type === 'term') return { ...a, ...(terms.get(a.target) && { expansion: terms.get(a.target)!.expansion }) }
    const link = documentLink(library, a.target, origin)
    return { ...a, in_corpus: link.in_corpus, ...(link.url && { url: link.url }) }
  })
}

export const documentsRoute = new Hono<AppEnv>()
  .get('/documents', (c) => {
    const query = c.req.query()
    const { library } = c.var
    const { limit, offset } = paging(query)
    const { doc: _doc, ...filters } = readFilters(library, query)
    const type = oneOf(query, 'type', TYPES)
    const year = (d: DocumentEntry) => Number(d.date?.slice(0, 4))
    const matching = library.documents.filter((d) =>
      (filters.volume === undefined || d.volume === filters.volume) &&
      (filters.chapter === undefined || d.chapter === filters.chapter) &&
      (filters.year === undefined || (year(d) >= filters.year.from && year(d) <= filters.year.to)) &&
      (filters.person === undefined || (d.people?.[filters.person] ?? 0) > 0) &&
      (type === undefined || d.type === type))
    const origin = new URL(c.req.url).origin
    return c.json({
      total: matching.length,
      offset,
      limit,
      documents: matching.slice(offset, offset + limit).map((d) => summary(library, d, origin)),
    })
  })
  .get('/documents/:id', (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const doc = library.document(id)
    if (!doc) throw new ApiError('unknown_document', `no document ${JSON.stringify(id)}`, 'id')
    const origin = new URL(c.req.url).origin
    const terms = termsOf(library)
    return c.json({
      ...summary(library, doc, origin),
      references: {
        cites: (doc.references ?? []).map((r) => documentLink(library, r, origin)),
        cited_by: library.citedBy(doc.id).map((r) => documentLink(library, r, origin)),
      },
      people: Object.entries(doc.people ?? {}).map(([person, mentions]) => ({
        id: person, name: library.people.get(person)?.name ?? person, mentions, url: `${origin}/people/${encodeURIComponent(person)}`,
      })),
      units: unitsOf(library, doc).map((u) => ({
        id: u.id,
        kind: u.kind,
        n: u.n,
        ...(u.label !== undefined && { label: u.label }),
        text: u.text,
        pages: u.pages,
        cites: u.cites,
        ...(u.citedBy !== undefined && { cited_by: u.citedBy }),
        annotations: annotationsOf(library, u, terms, origin),
        citation: cite(library.volume(doc.volume), doc, u.pages[0]?.page),
        url: unitUrl(origin, u),
      })),
    })
  })
