/** `GET /suggest`: completions for a search box. */
import { Hono } from 'hono'
import { validQuery } from '../api/params'
import { SuggestParams, type SuggestResponse } from '../api/schema'
import type { AppEnv } from '../app-env'
import { suggest } from '../query/suggest'

export const suggestRoute = new Hono<AppEnv>().get('/suggest', validQuery(SuggestParams), async (c) => {
  const { q, limit } = c.req.valid('query')
  return c.json({ query: q, suggestions: await suggest(c.var.library, q, limit) } satisfies SuggestResponse)
})
