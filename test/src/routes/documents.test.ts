import { describe, expect, it } from 'vitest'
import { get, LETTER, ORIGIN } from './client'

describe('GET /documents', () => {
  it('lists the documents with their size and pages', async () => {
    const res = await get('/documents')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ offset: 0, limit: 20 })
    expect(res.body.total).toBe(147)
    expect(res.body.documents).toHaveLength(20)
    const all = (await get('/documents?limit=100&offset=100')).body.documents
    const letter = all.find((d: any) => d.id === LETTER)
    expect(letter).toEqual({
      id: LETTER, type: 'document', number: '49', title: 'Letter From Soviet General Secretary Gorbachev to President Bush',
      volume: 'frus1989-92v31', source: 'https://history.state.gov/historicaldocuments/frus1989-92v31/d49',
      units: 31, pages: [361, 364], url: `${ORIGIN}/read/${LETTER}`,
      citation: {
        text: 'Foreign Relations of the United States, 1989–1992, vol. XXXI, doc. 49, p. 361.',
        series: 'Foreign Relations of the United States', subseries: '1989–1992', volume: 'vol. XXXI', document: '49', page: 361,
        url: 'https://history.state.gov/historicaldocuments/frus1989-92v31/d49',
      },
    })
  })
})

describe('GET /documents/:id', () => {
  it('gives the units in reading order with pages, citations and notes', async () => {
    const { body } = await get(`/documents/${LETTER}`)
    expect(body.units.map((u: any) => u.kind)).toEqual(['title', 'head', 'head', ...Array(26).fill('paragraph'), 'footnote', 'footnote'])
    expect(body.units[0]).toMatchObject({
      id: `${LETTER}/title`, kind: 'title', n: 1,
      text: 'Letter From Soviet General Secretary Gorbachev to President Bush',
      pages: [{ page: 361, at: 0 }], cites: [{ note: `${LETTER}/n1`, at: 64 }], annotations: [], url: `${ORIGIN}/read/${LETTER}#title`,
    })
    const n2 = body.units.at(-1)
    expect(n2).toMatchObject({ id: `${LETTER}/n2`, label: '2', text: 'See Document 34.', cited_by: [`${LETTER}/p1`] })
  })
})

describe('GET /documents with filters', () => {
  it('lists a volume’s documents of a year, with their facts', async () => {
    const { body } = await get('/documents?volume=frus1964-68v29p2&year=1967&type=document&limit=100')
    expect(body.total).toBeGreaterThan(10)
    for (const d of body.documents) {
      expect(d).toMatchObject({ type: 'document', volume: 'frus1964-68v29p2', chapter: 'Japan' })
      expect(d.date).toMatch(/^1967/)
      expect(d.source).toBe(`https://history.state.gov/historicaldocuments/frus1964-68v29p2/${d.id.split('-').pop()}`)
    }
  })

  it('lists the front matter sections', async () => {
    const { body } = await get('/documents?type=section')
    expect(body.documents.map((d: any) => d.title)).toEqual(['Preface', 'Johnson Administration Volumes', 'Sources', 'Abbreviations', 'Persons', 'Note on U.S. Covert Actions'])
  })
})
