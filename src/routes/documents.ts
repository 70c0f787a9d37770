/** `GET /documents` and `GET /documents/:id`: the documents, and one document's units in order. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { cite } from '../citation'
import { ApiError } from '../errors'
import type { DocumentFacts, Library, PersonFacts, VolumeFacts } from '../library'
import { documentLinks, readingUrl, unitUrl } from '../links'
import { DOCUMENT_TYPES, type Annotation, type Term, type Unit } from '../model'
import { heldFilters, validQuery } from '../api/params'
import { DocumentsParams, type DocumentResponse, type DocumentsResponse, type DocumentSummary } from '../api/schema'

function summary(doc: DocumentFacts, volume: VolumeFacts | undefined, origin: string): DocumentSummary {
  const { first: _first, count, people: _people, references: _references, citedBy: _citedBy, pages, ...facts } = doc
  return {
    ...facts,
    units: count,
    pages,
    citation: cite(volume, doc, pages[0]),
    url: readingUrl(origin, doc.id),
  }
}

/** A unit's annotations with what they point at: a person's name and role, an abbreviation's meaning, a document's link. */
async function annotationsOf(library: Library, units: readonly Unit[], people: ReadonlyMap<string, PersonFacts>, terms: ReadonlyMap<string, Term>, origin: string) {
  const targets = [...new Set(units.flatMap((u) => (u.annotations ?? []).filter((a) => a.type === 'ref').map((a) => a.target)))]
  const links = new Map((await documentLinks(library, targets, origin)).map((l) => [l.id, l]))
  return units.map((unit) => (unit.annotations ?? []).map((a: Annotation) => {
    if (a.type === 'person') {
      const p = people.get(a.target)
      return { ...a, ...(p && { name: p.name, ...(p.role && { role: p.role }), url: `${origin}/people/${encodeURIComponent(a.target)}` }) }
    }
    if (a.type === 'term') return { ...a, ...(terms.get(a.target) && { expansion: terms.get(a.target)!.expansion }) }
    const link = links.get(a.target)!
    return { ...a, in_corpus: link.in_corpus, ...(link.url && { url: link.url }) }
  }))
}

export const documentsRoute = new Hono<AppEnv>()
  .get('/documents', validQuery(DocumentsParams), async (c) => {
    const { library } = c.var
    const { limit, offset, type, ...asked } = c.req.valid('query')
    const filters = heldFilters(library, asked)
    const docs = library.documents
    const volume = filters.volume === undefined ? -1 : docs.volumeIds.indexOf(filters.volume) + 1
    const chapter = filters.chapter === undefined ? -1 : docs.chapters.indexOf(filters.chapter) + 1
    const person = filters.person === undefined ? -1 : docs.personIds.indexOf(filters.person)
    const names = (d: number) => {
      for (let j = docs.peopleStart[d]!; j < docs.peopleStart[d + 1]!; j++) if (docs.people[j] === person) return true
      return false
    }
    const matching: number[] = []
    for (let d = 0; d < docs.count; d++) {
      const year = Math.floor(docs.date[d]! / 10000)
      if ((volume < 0 || docs.volume[d] === volume) &&
        (chapter < 0 || docs.chapter[d] === chapter) &&
        (filters.year === undefined || (docs.date[d] !== 0 && year >= filters.year.from && year <= filters.year.to)) &&
        (person < 0 || names(d)) &&
        (type === undefined || docs.type[d] === DOCUMENT_TYPES.indexOf(type))) matching.push(d)
    }
    const shown = matching.slice(offset, offset + limit)
    const facts = await library.documentFacts(shown)
    const origin = new URL(c.req.url).origin
    return c.json({
      total: matching.length,
      offset,
      limit,
      documents: facts.map((d) => summary(d, library.volume(d.volume), origin)),
    } satisfies DocumentsResponse)
  })
  .get('/documents/:id', async (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const d = library.documents.find(id)
    if (d === undefined) throw new ApiError('unknown_document', `no document ${JSON.stringify(id)}`, 'id')
    const origin = new URL(c.req.url).origin
    const [[doc], units, people, terms] = await Promise.all([library.documentFacts([d]), library.documentUnits(d), library.people(), library.terms()])
    const volume = library.volume(doc!.volume)
    const [cites, citedBy, annotations] = await Promise.all([
      documentLinks(library, doc!.references ?? [], origin),
      documentLinks(library, doc!.citedBy ?? [], origin),
      annotationsOf(library, units, people, terms, origin),
    ])
    return c.json({
      ...summary(doc!, volume, origin),
      references: { cites, cited_by: citedBy },
      people: Object.entries(doc!.people ?? {}).map(([person, mentions]) => ({
        id: person, name: people.get(person)?.name ?? person, mentions, url: `${origin}/people/${encodeURIComponent(person)}`,
      })),
      units: units.map((u, k) => ({
        id: u.id,
        kind: u.kind,
        n: u.n,
        ...(u.label !== undefined && { label: u.label }),
        text: u.text,
        pages: u.pages,
        cites: u.cites,
        ...(u.citedBy !== undefined && { cited_by: u.citedBy }),
        annotations: annotations[k]!,
        citation: cite(volume, doc!, u.pages[0]?.page),
        url: unitUrl(origin, u),
      })),
    } satisfies DocumentResponse)
  })
