/** `GET /suggest`: completions for a search box. */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { integer, text } from '../params'
import { suggest } from '../query/suggest'
import { MAX_QUERY_LENGTH } from './search'

export const suggestRoute = new Hono<AppEnv>().get('/suggest', async (c) => {
  const query = c.req.query()
  const q = text(query, 'q', MAX_QUERY_LENGTH)
  const limit = integer(query, 'limit', { min: 1, max: 20, fallback: 8 })
  return c.json({ query: q, suggestions: await suggest(c.var.library, q, limit) })
})
