import { describe, expect, it } from 'vitest'
import { get, ORIGIN, search } from './client'

const VOLUME = 'frus1964-68v29p2'
const RUSK = `${VOLUME}-p_RD3`

describe('GET /people', () => {
  it('lists the volume’s persons with their roles and how many documents name them', async () => {
    const { body } = await get('/people?q=rusk')
    expect(body.people).toEqual([expect.objectContaining({
      id: RUSK, name: 'Rusk, Dean', role: 'Secretary of State from January 21, 1961 to January 20, 1969', volume: VOLUME,
      url: `${ORIGIN}/people/${RUSK}`,
    })])
    expect(body.people[0].documents).toBeGreaterThan(30)
    expect((await get(`/people?volume=${VOLUME}&limit=100`)).body.total).toBe(124)
  })

  it('a query of many words (fuzz finding: 250 words folded every name 250 times) reads each word once', async () => {
    const once = (await get('/people?q=dean%20rusk')).body
    const repeated = (await get(`/people?q=${encodeURIComponent('dean rusk '.repeat(50).trim())}`)).body
    expect(repeated.people).toEqual(once.people)
    expect((await get(`/people?q=${'x'.repeat(501)}`)).body.error).toMatchObject({ code: 'invalid_parameter', param: 'q' })
  })
})

describe('GET /people/:id', () => {
  it('lists the documents that name the person, with counts', async () => {
    const { body } = await get(`/people/${RUSK}`)
    expect(body.name).toBe('Rusk, Dean')
    const d5 = body.documents.find((d: any) => d.id === `${VOLUME}-d5`)
    // The title ("Secretary of State Rusk"), the salutation ("Dear Dean:") and note 3 ("Rusk was in Tokyo").
    expect(d5).toEqual({ id: `${VOLUME}-d5`, number: '5', date: '1964-01-22', title: expect.any(String), mentions: 3, url: `${ORIGIN}/read/${VOLUME}-d5` })
  })

  it('answers an unknown person with 404 JSON', async () => {
    const res = await get('/people/nobody')
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ code: 'unknown_person', param: 'id' })
  })
})

describe('people in search', () => {
  it('a surname finds where the editors tagged the person, whatever the text calls them, and marks it', async () => {
    const body = await search({ q: 'Rusk', doc: `${VOLUME}-d5` })
    const salutation = body.hits.find((h: any) => h.id === `${VOLUME}-d5/p1`)
    expect(salutation.snippet).toBe('Dear <mark>Dean</mark>:')
  })

  it('filters by a person and counts persons in a facet', async () => {
    const all = await search({ q: 'Okinawa', limit: '100' })
    expect(all.facets.person[RUSK]).toBeGreaterThan(0)
    const withRusk = await search({ q: 'Okinawa', person: RUSK, limit: '100' })
    expect(withRusk.total).toBe(all.facets.person[RUSK])
    for (const hit of withRusk.hits) {
      const doc = (await get(`/documents/${hit.doc}`)).body
      expect(doc.people.map((p: any) => p.id)).toContain(RUSK)
    }
    const bad = await get('/search?q=Okinawa&person=nobody')
    expect(bad.body.error).toMatchObject({ code: 'invalid_parameter', param: 'person' })
  })
})

describe('abbreviations in search', () => {
  it('PriMin is also searched as Prime Minister, and says so', async () => {
    const body = await search({ q: 'PriMin', limit: '100' })
    expect(body.expansions).toEqual([{ query: 'PriMin', also: 'Prime Minister', volume: VOLUME }])
    const texts = body.hits.map((h: any) => h.snippet_text).join(' ')
    expect(texts).toMatch(/PriMin/)
    expect(texts).toMatch(/Prime Minister/)
  })

  it('prime minister is also searched as PRIMIN', async () => {
    const body = await search({ q: 'prime minister', limit: '100' })
    expect(body.expansions).toEqual([{ query: 'prime minister', also: 'PRIMIN', volume: VOLUME }])
    expect(body.hits.some((h: any) => /PriMin/.test(h.snippet_text) && !/Prime Minister/i.test(h.snippet_text))).toBe(true)
  })

  it('leaves an English word alone unless it is written as an abbreviation', async () => {
    expect((await search({ q: 'aid' })).expansions).toEqual([])
    expect((await search({ q: 'AID' })).expansions).toEqual([{ query: 'AID', also: 'Agency for International Development', volume: VOLUME }])
  })
})

describe('citations', () => {
  it('every hit carries its citation, page of the match included', async () => {
    const hit = (await search({ q: 'Rusk was in Tokyo January 24–28' })).hits[0]
    expect(hit.citation).toEqual({
      text: 'Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, doc. 5, p. 3.',
      series: 'Foreign Relations of the United States', subseries: '1964–1968', volume: 'vol. XXIX, pt. 2', volume_title: 'Japan',
      document: '5', page: 3, url: `https://history.state.gov/historicaldocuments/${VOLUME}/d5`,
    })
  })

  it('front matter is cited by its title', async () => {
    const hit = (await search({ q: 'PriMin', kind: 'paragraph', volume: VOLUME, doc: `${VOLUME}-terms` })).hits[0]
    expect(hit.citation.text).toBe('Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, Abbreviations, p. XXII.')
  })
})

describe('cross-references', () => {
  it('a document lists what it cites and what cites it, linked when indexed', async () => {
    const d5 = (await get(`/documents/${VOLUME}-d5`)).body
    expect(d5.references.cites).toEqual([
      { id: 'frus1961-63v22-d383', in_corpus: false, url: 'https://history.state.gov/historicaldocuments/frus1961-63v22/d383' },
      { id: `${VOLUME}-d7`, title: '7. Editorial Note'.replace('7. ', ''), number: '7', in_corpus: true, url: `${ORIGIN}/read/${VOLUME}-d7` },
    ])
    const d7 = (await get(`/documents/${VOLUME}-d7`)).body
    expect(d7.references.cited_by.map((d: any) => d.id)).toContain(`${VOLUME}-d5`)
  })

  it('marks references in the units, resolved to links', async () => {
    const d5 = (await get(`/documents/${VOLUME}-d5`)).body
    const n3 = d5.units.find((u: any) => u.id === `${VOLUME}-d5/n3`)
    const ref = n3.annotations.find((a: any) => a.type === 'ref')
    expect(n3.text.slice(ref.start, ref.end)).toBe('Document 7')
    expect(ref).toMatchObject({ target: `${VOLUME}-d7`, in_corpus: true, url: `${ORIGIN}/read/${VOLUME}-d7` })
    const gloss = d5.units.flatMap((u: any) => u.annotations).find((a: any) => a.type === 'person')
    expect(gloss).toMatchObject({ name: expect.any(String), url: expect.stringContaining('/people/') })
  })

  it('reads "See Document 34" in page text as a reference within the letter’s volume', async () => {
    const letter = (await get('/documents/frus1989-92v31-d49')).body
    expect(letter.references.cites).toEqual([
      { id: 'frus1989-92v31-d34', in_corpus: false, url: 'https://history.state.gov/historicaldocuments/frus1989-92v31/d34' },
    ])
  })
})
