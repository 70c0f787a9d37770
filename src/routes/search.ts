/** `GET /search`: ranked units with snippets, filters and facets. */
import { Hono } from 'hono'
import { setMetric } from 'hono/timing'
import { heldFilters, validQuery } from '../api/params'
import { SearchParams, type SearchResponse } from '../api/schema'
import type { AppEnv } from '../app-env'
import { search } from '../query/search'

export const searchRoute = new Hono<AppEnv>().get('/search', validQuery(SearchParams), async (c) => {
  const started = performance.now()
  const { q, limit, offset, sort, ...filters } = c.req.valid('query')
  const library = c.var.library
  const { facets, hits, ...head } = await search(library, {
    q, limit, offset, sort: sort ?? 'relevance', filters: heldFilters(library, filters), origin: new URL(c.req.url).origin,
  })
  // Workers advance the clock only across I/O, so at the edge this reads 0 for a warm isolate.
  const took_ms = Math.round((performance.now() - started) * 100) / 100
  // What the query read, for whoever watches the worker: index pages (in memory or fetched), postings.
  setMetric(c, 'pages', String(library.reader.touched.size))
  setMetric(c, 'fetched', String(library.reader.fetched))
  setMetric(c, 'postings', String(library.postings.decoded))
  return c.json({ ...head, took_ms, facets, hits } satisfies SearchResponse)
})
