/** `GET /search`: ranked units with snippets, filters and facets. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import type { Library } from '../library'
import { integer, known, kinds, oneOf, text, years } from '../params'
import type { Filters } from '../query/filters'
import { search } from '../query/search'

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 500
export const MAX_LIMIT = 100
/** Deepest offset served: past it, a client should narrow the query instead. */
export const MAX_OFFSET = 10_000
export const SORTS = ['relevance', 'date'] as const

type Query = Record<string, string | undefined>

/** The filters shared by `/search` and `/documents`, each checked against what the index holds. */
export function readFilters(library: Library, query: Query): Omit<Filters, 'kind'> {
  return withoutUndefined({
    volume: volumeParam(library, query),
    doc: known(query, 'doc', (d) => library.documents.find(d) !== undefined, 'the id of an indexed document'),
    chapter: known(query, 'chapter', (ch) => library.documents.chapters.includes(ch), 'the title of a chapter'),
    year: years(query, 'year'),
    person: known(query, 'person', (p) => library.documents.personIds.includes(p), 'the id of a person of an indexed volume'),
  })
}

/** `volume`: the id of an indexed volume. */
export function volumeParam(library: Library, query: Query): string | undefined {
  return known(query, 'volume', (v) => library.documents.volumeIds.includes(v), 'the id of an indexed volume')
}

/** The object without its undefined properties (optional properties stay absent). */
function withoutUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
}

export const searchRoute = new Hono<AppEnv>().get('/search', async (c) => {
  const started = performance.now()
  const query = c.req.query()
  const library = c.var.library
  const request = {
    q: text(query, 'q', MAX_QUERY_LENGTH),
    limit: integer(query, 'limit', { min: 1, max: MAX_LIMIT, fallback: 10 }),
    offset: integer(query, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 }),
    filters: { ...readFilters(library, query), ...withoutUndefined({ kind: kinds(query, 'kind') }) },
    sort: oneOf(query, 'sort', SORTS) ?? 'relevance',
    origin: new URL(c.req.url).origin,
  }
  const { facets, hits, ...head } = await search(library, request)
  // Workers advance the clock only across I/O, so at the edge this reads 0 for a warm isolate.
  const took_ms = Math.round((performance.now() - started) * 100) / 100
  // What the query read, for whoever watches the worker: index pages (in memory or fetched), postings.
  c.header('Server-Timing', `pages;desc="${library.reader.touched.size}", fetched;desc="${library.reader.fetched}", postings;desc="${library.postings.decoded}"`)
  return c.json({ ...head, took_ms, facets, hits })
})
