import { Validator, type Schema } from '@cfworker/json-schema'
import { beforeAll, describe, expect, it } from 'vitest'
import { get, LETTER } from '../routes/client'

const PERSON = 'frus1964-68v29p2-p_RD3'

/** Requests that bring each documented answer, by path and status. */
const REQUESTS: Record<string, Record<string, string[]>> = {
  '/search': {
    200: [
      '/search?q=radar', '/search?q=Krasnoyarsk%20radar', '/search?q=%22June%2020%22', '/search?q=Vietnam%20conflict%20Kennedy',
      '/search?q=Okinawa&year=1965..1966&sort=date&kind=paragraph,footnote', '/search?q=PriMin', '/search?q=reversoin', '/search?q=negot*',
      '/search?q=zzzzqqq',
    ],
    400: ['/search?q=radar&limit=0', '/search', '/search?q=a*'],
  },
  '/suggest': { 200: ['/suggest?q=Krasn', '/suggest?q=zzzzqqq'], 400: ['/suggest'] },
  '/documents': { 200: ['/documents', '/documents?volume=frus1964-68v29p2&limit=100&type=document'], 400: ['/documents?limit=0'] },
  '/documents/{id}': { 200: [`/documents/${LETTER}`], 404: ['/documents/nope'] },
  '/people': { 200: ['/people', '/people?q=rusk'], 400: ['/people?limit=0'] },
  '/people/{id}': { 200: [`/people/${PERSON}`], 404: ['/people/nope'] },
  '/health': { 200: ['/health'] },
  '/openapi.json': { 200: ['/openapi.json'] },
  '/': { 200: ['/'] },
  '/read/{id}': { 200: [`/read/${LETTER}?q=radar`], 404: ['/read/nope'] },
  '/widget.js': { 200: ['/widget.js'] },
}
/** Documented answers no request to a sound worker can bring (tested where they are made: test/src/errors.test.ts, test/src/store). */
const UNREACHABLE = ['/health 503']

interface Spec {
  paths: Record<string, { get: { parameters?: Parameter[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> } }>
  components: { schemas: Record<string, Schema> }
}
interface Parameter {
  name: string
  in: 'query' | 'path'
  required: boolean
  schema: { minimum?: number; maximum?: number; maxLength?: number; enum?: string[] }
}

let spec: Spec

beforeAll(async () => {
  spec = (await get('/openapi.json')).body
})

/** Validates against a schema of the published document, its `$ref`s resolved among its components. */
function check(schema: Schema, body: unknown): string[] {
  const validator = new Validator({ ...schema, components: spec.components } as Schema, '2020-12', false)
  return validator.validate(body).errors.map((e) => `${e.instanceLocation}: ${e.error}`)
}

describe('the published OpenAPI', () => {
  it('documents the routes the worker answers, with a request for each answer', () => {
    const documented = Object.entries(spec.paths).flatMap(([path, { get }]) => Object.keys(get.responses).map((status) => `${path} ${status}`))
    const requested = Object.entries(REQUESTS).flatMap(([path, byStatus]) => Object.keys(byStatus).map((status) => `${path} ${status}`))
    expect([...requested, ...UNREACHABLE].sort()).toEqual(documented.sort())
  })

  it('describes every answer the routes give, all components included', async () => {
    for (const [path, byStatus] of Object.entries(REQUESTS)) {
      for (const [status, urls] of Object.entries(byStatus)) {
        const content = spec.paths[path]!.get.responses[status]!.content ?? {}
        for (const url of urls) {
          const res = await get(url)
          expect(res.status, url).toBe(Number(status))
          const [media, { schema } = {}] = Object.entries(content)[0] ?? []
          if (media) expect(res.headers.get('Content-Type'), url).toContain(media)
          if (schema) expect(check(schema, res.body), url).toEqual([])
        }
      }
    }
  })

  it('describes every document and unit the listing reaches', async () => {
    const schema = spec.paths['/documents/{id}']!.get.responses['200']!.content!['application/json']!.schema!
    const { documents } = (await get('/documents?volume=frus1964-68v29p2&limit=40')).body
    for (const { id } of documents) expect(check(schema, (await get(`/documents/${id}`)).body), id).toEqual([])
  })

  it('gives each parameter the bounds the route enforces: the bound is taken, one past it refused naming the parameter', async () => {
    let checked = 0
    for (const [path, { get: operation }] of Object.entries(spec.paths)) {
      const base = new URL(REQUESTS[path]![200]![0]!, 'http://x')
      const send = async (name: string, value: string | undefined) => {
        const params = new URLSearchParams(base.search)
        if (value === undefined) params.delete(name)
        else params.set(name, value)
        return get(`${base.pathname}?${params}`)
      }
      const refused = async (name: string, value: string | undefined) => {
        const res = await send(name, value)
        expect(res.status, `${path} ${name}=${value}`).toBe(400)
        expect(res.body.error.param, `${path} ${name}=${value}`).toBe(name)
        checked++
      }
      const taken = async (name: string, value: string) => {
        expect((await send(name, value)).status, `${path} ${name}=${value}`).toBe(200)
        checked++
      }
      for (const p of operation.parameters ?? []) {
        if (p.in !== 'query') continue
        const { minimum, maximum, maxLength } = p.schema
        if (p.required) await refused(p.name, undefined)
        if (minimum !== undefined) await taken(p.name, String(minimum)).then(() => refused(p.name, String(minimum - 1)))
        if (maximum !== undefined) await taken(p.name, String(maximum)).then(() => refused(p.name, String(maximum + 1)))
        if (maxLength !== undefined) await taken(p.name, 'a'.repeat(maxLength)).then(() => refused(p.name, 'a'.repeat(maxLength + 1)))
        for (const value of p.schema.enum ?? []) await taken(p.name, value)
        if (p.schema.enum) await refused(p.name, 'none-of-these')
      }
    }
    expect(checked).toBeGreaterThan(30)
  })
})
