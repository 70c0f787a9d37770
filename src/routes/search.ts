/** `GET /search`: ranked units with snippets, filters and facets. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'
import { integer, kinds, optional, text } from '../params'
import { QuerySyntaxError } from '../query/parse'
import { search } from '../query/search'

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 500
export const MAX_LIMIT = 100
/** Deepest offset served: past it, a client should narrow the query instead. */
export const MAX_OFFSET = 10_000

export const searchRoute = new Hono<AppEnv>().get('/search', (c) => {
  const started = performance.now()
  const query = c.req.query()
  const library = c.var.library
  const doc = optional(query, 'doc')
  if (doc !== undefined && !library.document(doc)) {
    throw new ApiError('invalid_parameter', `doc must be the id of an indexed document; no document ${JSON.stringify(doc)}`, 'doc')
  }
  const request = {
    q: text(query, 'q', MAX_QUERY_LENGTH),
    limit: integer(query, 'limit', { min: 1, max: MAX_LIMIT, fallback: 10 }),
    offset: integer(query, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 }),
    kinds: kinds(query, 'kind'),
    doc,
    origin: new URL(c.req.url).origin,
  }
  try {
    const { facets, hits, ...head } = search(library, request)
    // Workers advance the clock only across I/O, so at the edge this reads 0 for a warm isolate.
    const took_ms = Math.round((performance.now() - started) * 100) / 100
    return c.json({ ...head, took_ms, facets, hits })
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new ApiError('invalid_query', e.message, 'q')
    throw e
  }
})
