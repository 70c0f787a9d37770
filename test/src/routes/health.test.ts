import { describe, expect, it } from 'vitest'
import { get } from './client'

describe('GET /health', () => {
  it('reports status and the index it serves, uncached', async () => {
    const res = await get('/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.body).toMatchObject({ status: 'ok', index: { documents: 1, units: 31 } })
    expect(res.body.index.hash).toMatch(/^[0-9a-f]{16}$/)
    expect(Date.parse(res.body.index.built_at)).not.toBeNaN()
    expect(res.body.index.counts).toMatchObject({ paragraphs: 26, footnotes: 2, pages: 4 })
  })
})
