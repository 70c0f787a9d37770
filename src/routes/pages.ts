/** The pages a person sees: the demo page, the reading pages, and the widget script. */
import { Hono } from 'hono'
import { validQuery } from '../api/params'
import { MAX_QUERY_LENGTH, ReadParams } from '../api/schema'
import type { AppEnv } from '../app-env'
import { pagePolicy } from '../middleware/security'
import { ApiError } from '../errors'
import type { Library } from '../library'
import { homePage } from '../pages/home'
import { notFoundPage, readingPage } from '../pages/read'
import { parseQuery, QuerySyntaxError } from '../query/parse'
import { plannedTerms, planQuery } from '../query/plan'

const pageHeaders = pagePolicy()

/** The terms of `q` to mark on a reading page; none for a query that cannot be searched. */
async function markedTerms(library: Library, q: string | undefined): Promise<Set<string>> {
  if (!q || q.length > MAX_QUERY_LENGTH) return new Set()
  try {
    return plannedTerms(await planQuery(library, parseQuery(q), false))
  } catch (e) {
    if (e instanceof QuerySyntaxError) return new Set()
    throw e
  }
}

export const pagesRoute = new Hono<AppEnv>()
  .get('/', pageHeaders, (c) => c.html(homePage(c.var.library, new URL(c.req.url).origin)))
  .get('/read/:id', pageHeaders, validQuery(ReadParams), async (c) => {
    const { library } = c.var
    const id = c.req.param('id')
    const d = library.documents.find(id)
    if (d === undefined) return c.html(notFoundPage(id), 404)
    return c.html(await readingPage(library, d, await markedTerms(library, c.req.valid('query').q), new URL(c.req.url).origin))
  })
  .get('/widget.js', async (c) => {
    const res = await c.env.ASSETS.fetch(new Request('https://assets.local/widget.js'))
    if (!res.ok) throw new ApiError('index_unavailable', 'folio: widget.js is missing; run npm run build')
    return c.body(await res.text(), 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
