import { describe, expect, it } from 'vitest'
import { get } from './client'

describe('GET /suggest', () => {
  it('completes the last word from the corpus, as the corpus writes it', async () => {
    const res = await get('/suggest?q=Krasn')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ query: 'Krasn', suggestions: [{ text: 'Krasnoyarsk', word: 'Krasnoyarsk', units: 1 }] })
  })

  it('alone, ranks widespread words first', async () => {
    const { body } = await get('/suggest?q=str&limit=3')
    expect(body.suggestions).toHaveLength(3)
    const counts = body.suggestions.map((s: any) => s.units)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    for (const s of body.suggestions) expect(s).not.toHaveProperty('together')
  })

  it('after other words, keeps them as typed and ranks the words found with them, the rarer weighing more', async () => {
    const { body } = await get('/suggest?q=security%20t')
    for (const s of body.suggestions) expect(s.text).toMatch(/^security t/i)
    // `the` and `to` are in more units, and with `security` in more units, than `Treaty`.
    expect(body.suggestions[0]).toMatchObject({ text: 'security Treaty', word: 'Treaty' })
    const the = body.suggestions.find((s: any) => s.word === 'the')
    expect(the.together).toBeGreaterThan(body.suggestions[0].together)
    expect(the.units).toBeGreaterThan(body.suggestions[0].units)
    // By units alone, `we` and `were` would come first.
    expect((await get('/suggest?q=nuclear%20we&limit=3')).body.suggestions[0].text).toBe('nuclear weapons')
  })

  it('offers only words found with the other words: each completion has full matches', async () => {
    const { body } = await get('/suggest?q=Gorbachev%20s')
    expect(body.suggestions.length).toBeGreaterThan(0)
    for (const s of body.suggestions) {
      expect(s.together).toBeGreaterThan(0)
      expect((await get(`/search?q=${encodeURIComponent(`${s.text} `)}`)).body.full).toBeGreaterThanOrEqual(s.together)
    }
    expect((await get('/suggest?q=s')).body.suggestions.length).toBeGreaterThan(body.suggestions.length)
  })

  it('after a word none of the completions counted is found with, offers the words alone', async () => {
    // Krasnoyarsk is in one paragraph, whose words in r are not among the most widespread.
    const words = async (q: string) => (await get(`/suggest?q=${encodeURIComponent(q)}`)).body.suggestions.map((s: any) => s.word)
    expect(await words('Krasnoyarsk r')).toEqual(await words('r'))
  })

  it('after common words alone, which the search will be without, offers the words alone', async () => {
    const { body } = await get('/suggest?q=What%20about%20Okin')
    const alone = (await get('/suggest?q=Okin')).body.suggestions
    expect(body.suggestions.length).toBeGreaterThan(0)
    expect(body.suggestions).toEqual(alone.map((s: any) => ({ ...s, text: `What about ${s.text}` })))
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
