import { describe, expect, it } from 'vitest'
import { get } from './client'

describe('GET /health', () => {
  it('reports status and the index it serves, uncached', async () => {
    const res = await get('/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.body).toMatchObject({ status: 'ok', index: { documents: 147 } })
    expect(res.body.index.hash).toMatch(/^[0-9a-f]{16}$/)
    expect(Date.parse(res.body.index.built_at)).not.toBeNaN()
    expect(res.body.index.counts).toMatchObject({ documents: 141, sections: 6, footnotes: 438, pages: 369 })
    expect(res.body.index.counts.volumes.map((v: any) => v.id)).toEqual(['frus1964-68v29p2', 'frus1989-92v31'])
  })
})
