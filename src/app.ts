/** The Folio API: routes, and the middleware every answer passes through. */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { timing } from 'hono/timing'
import type { AppEnv } from './app-env'
import { ApiError, toApiError } from './errors'
import { caching } from './middleware/caching'
import { library } from './middleware/library'
import { securityHeaders } from './middleware/security'
import { openapi } from './api/openapi'
import { documentsRoute } from './routes/documents'
import { healthRoute } from './routes/health'
import { pagesRoute } from './routes/pages'
import { peopleRoute } from './routes/people'
import { searchRoute } from './routes/search'
import { suggestRoute } from './routes/suggest'

export const app = new Hono<AppEnv>()

// The whole answer's time in the worker (at the edge, where the clock stands still while code runs, its time waiting on I/O).
app.use(timing({ totalDescription: 'worker' }))
app.use(securityHeaders())
app.use(cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'], maxAge: 86400 }))
app.get('/openapi.json', (c) => c.json(openapi()))
app.use(library())
app.use(caching())
app.route('/', searchRoute)
app.route('/', suggestRoute)
app.route('/', documentsRoute)
app.route('/', healthRoute)
app.route('/', peopleRoute)
app.route('/', pagesRoute)
app.use(methodNotAllowed({
  app,
  onMethodNotAllowed: (c, methods) => c.json(new ApiError('method_not_allowed', `${c.req.method} is not allowed here; use ${methods.join(', ')}`).toJSON(), 405, { Allow: methods.join(', ') }),
}))

app.notFound((c) => c.json(new ApiError('not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404))

app.onError((err, c) => {
  const error = toApiError(err)
  c.header('Cache-Control', 'no-store')
  return c.json(error.toJSON(), error.status)
})
