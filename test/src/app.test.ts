import { describe, expect, it } from 'vitest'
import { get } from './routes/client'

describe('errors', () => {
  const cases: [string, number, string, string | undefined][] = [
    ['/search', 400, 'missing_parameter', 'q'],
    ['/search?q=', 400, 'missing_parameter', 'q'],
    ['/search?q=%20%20', 400, 'missing_parameter', 'q'],
    [`/search?q=${'a'.repeat(501)}`, 400, 'invalid_parameter', 'q'],
    ['/search?q=radar&limit=0', 400, 'invalid_parameter', 'limit'],
    ['/search?q=radar&limit=101', 400, 'invalid_parameter', 'limit'],
    ['/search?q=radar&limit=ten', 400, 'invalid_parameter', 'limit'],
    ['/search?q=radar&limit=1.5', 400, 'invalid_parameter', 'limit'],
    ['/search?q=radar&offset=-1', 400, 'invalid_parameter', 'offset'],
    ['/search?q=radar&kind=memo', 400, 'invalid_parameter', 'kind'],
    ['/search?q=radar&doc=nope', 400, 'invalid_parameter', 'doc'],
    ['/search?q=-radar', 400, 'invalid_query', 'q'],
    ['/search?q=%21%21%21', 400, 'invalid_query', 'q'],
    ['/search?q=a*', 400, 'invalid_query', 'q'],
    ['/suggest', 400, 'missing_parameter', 'q'],
    ['/documents?limit=0', 400, 'invalid_parameter', 'limit'],
    ['/documents/nope', 404, 'unknown_document', 'id'],
    ['/nowhere', 404, 'not_found', undefined],
  ]
  for (const [path, status, code, param] of cases) {
    it(`${path.slice(0, 60)} → ${status} ${code}`, async () => {
      const res = await get(path)
      expect(res.status).toBe(status)
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(res.body.error.code).toBe(code)
      expect(res.body.error.param).toBe(param)
      expect(res.body.error.message).toEqual(expect.any(String))
    })
  }

  it('refuses invalid percent-encoding, naming the parameter (fuzz finding: it was searched as written)', async () => {
    for (const [path, param] of [['/search?q=%E0%A4%A', 'q'], ['/search?q=radar&kind=%zz', 'kind'], ['/suggest?q=100%', 'q'], ['/people?q=%C3', 'q']]) {
      const res = await get(path!)
      expect([res.status, res.body.error.code, res.body.error.param], path).toEqual([400, 'invalid_parameter', param])
    }
  })

  it('answers a method the route does not take with 405 JSON and Allow', async () => {
    const res = await get('/search?q=radar', { method: 'POST' })
    expect(res.status).toBe(405)
    expect(res.headers.get('Allow')).toContain('GET')
    expect(res.body.error.code).toBe('method_not_allowed')
  })

  it('never answers 500 or unescaped HTML, whatever the query', async () => {
    const nasty = [
      '<script>alert(1)</script>', '"<img src=x onerror=alert(1)>"', '*', '**', '"', '""', '-', '--x', 'OR', 'OR OR',
      '\u0000', '\uD800', '%', '\\', '(', ')', '[Page 362]', 'a'.repeat(500), '"'.repeat(500), 'x* '.repeat(160),
      'Krasnoyarsk <b>radar</b>', '&amp;', '🙂 radar', 'ﬁnal', '-"', '"-"',
    ]
    for (const q of nasty) {
      const res = await get(`/search?${new URLSearchParams({ q })}`)
      expect([200, 400], q).toContain(res.status)
      if (res.status === 200) {
        for (const hit of res.body.hits) expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
      }
    }
    const raw = await get('/search?q=%E0%A4%A')
    expect([raw.status, raw.body.error.param]).toEqual([400, 'q'])
  })
})

describe('CORS', () => {
  it('lets any origin read answers, and answers preflight', async () => {
    const res = await get('/search?q=radar', { headers: { Origin: 'https://blog.example' } })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const pre = await get('/search?q=radar', { method: 'OPTIONS', headers: { Origin: 'https://blog.example', 'Access-Control-Request-Method': 'GET' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('Access-Control-Allow-Methods')).toContain('GET')
  })
})

describe('security headers', () => {
  it('tells browsers not to sniff, to send no referrer, and lets any site load the answers and the widget', async () => {
    for (const path of ['/search?q=radar', '/health', '/openapi.json', '/widget.js', '/', '/search?q=radar&limit=0', '/nowhere']) {
      const res = await get(path)
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff')
      expect(res.headers.get('Referrer-Policy'), path).toBe('no-referrer')
      expect(res.headers.get('Cross-Origin-Resource-Policy'), path).toBe('cross-origin')
    }
  })

  it('gives the pages a policy that runs only this origin\'s scripts and lets no other site frame them', async () => {
    for (const path of ['/', '/read/frus1989-92v31-d49', '/read/nope']) {
      const csp = (await get(path)).headers.get('Content-Security-Policy') ?? ''
      for (const directive of ["default-src 'self'", "script-src 'self'", "base-uri 'none'", "form-action 'self'", "object-src 'none'", "frame-ancestors 'self'"]) {
        expect(csp, path).toContain(directive)
      }
    }
  })
})
