import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { get } from '../routes/client'

describe('caching', () => {
  it('gives answers an ETag from the index hash and a Cache-Control the edge can use', async () => {
    const { hash } = (await get('/health')).body.index
    const res = await get('/search?q=radar')
    expect(res.headers.get('ETag')).toBe(`W/"${hash}-${env.CF_VERSION_METADATA.id}"`)
    expect(env.CF_VERSION_METADATA.id).toEqual(expect.any(String))
    expect(res.headers.get('Cache-Control')).toMatch(/public, .*s-maxage=\d+/)
  })

  it('answers 304 to a client that has the current answer', async () => {
    const etag = (await get('/search?q=radar')).headers.get('ETag')!
    const again = await get('/search?q=radar', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    const stale = await get('/search?q=radar', { headers: { 'If-None-Match': 'W/"old"' } })
    expect(stale.status).toBe(200)
  })

  it('never caches an error', async () => {
    const res = await get('/search?q=radar&limit=0', { headers: { 'If-None-Match': '*' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('ETag')).toBeNull()
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })
})
