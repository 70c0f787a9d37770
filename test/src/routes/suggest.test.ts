import { describe, expect, it } from 'vitest'
import { get } from './client'

describe('GET /suggest', () => {
  it('completes the last word from the corpus, as the corpus writes it', async () => {
    const res = await get('/suggest?q=Krasn')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ query: 'Krasn', suggestions: [{ text: 'Krasnoyarsk', word: 'Krasnoyarsk', units: 1 }] })
  })

  it('keeps the rest of the query and ranks widespread words first', async () => {
    const { body } = await get('/suggest?q=soviet%20str&limit=3')
    expect(body.suggestions).toHaveLength(3)
    for (const s of body.suggestions) expect(s.text).toMatch(/^soviet str/)
    const counts = body.suggestions.map((s: any) => s.units)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })

  it('folds case and diacritics in what is typed', async () => {
    const { body } = await get('/suggest?q=SHEVARD')
    expect(body.suggestions[0].word).toBe('Shevardnadze')
  })

  it('answers an empty list when nothing completes', async () => {
    expect((await get('/suggest?q=zzzz')).body.suggestions).toEqual([])
    expect((await get('/suggest?q=radar%20')).body.suggestions).toEqual([])
  })

  it('refuses a limit above 20', async () => {
    const res = await get('/suggest?q=ra&limit=21')
    expect(res.status).toBe(400)
    expect(res.body.error.param).toBe('limit')
  })
})
