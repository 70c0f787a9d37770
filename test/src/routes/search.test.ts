import { describe, expect, it } from 'vitest'
import { tokenize } from '../../../src/text'
import { get, LETTER, ORIGIN, search } from './client'

const ids = (body: any) => body.hits.map((h: any) => h.id)
/** A search within the letter alone: the shipped corpus also holds a whole volume. */
const letter = (params: Record<string, string>) => search({ doc: LETTER, ...params })

describe('GET /search on the shipped letter', () => {
  it('Krasnoyarsk: the radar paragraph first, on page 363', async () => {
    const body = await search({ q: 'Krasnoyarsk' })
    const hit = body.hits[0]
    expect(hit).toMatchObject({ id: `${LETTER}/p14`, doc: LETTER, kind: 'paragraph', n: 14, page: 363, pages: [363] })
    expect(hit.title).toBe('Letter From Soviet General Secretary Gorbachev to President Bush')
    expect(hit.snippet).toContain('<mark>Krasnoyarsk</mark> radar')
    expect(hit.url).toBe(`${ORIGIN}/read/${LETTER}#p14`)
  })

  it('Scowcroft: note 1, with the title that cites it', async () => {
    const body = await search({ q: 'Scowcroft' })
    expect(body.total).toBe(1)
    expect(body.hits[0]).toMatchObject({ id: `${LETTER}/n1`, kind: 'footnote', n: 1, label: '1', page: 361 })
    expect(body.hits[0].notes).toEqual([expect.objectContaining({ id: `${LETTER}/title`, kind: 'title', url: `${ORIGIN}/read/${LETTER}#title` })])
  })

  it('says in Server-Timing what the answer read and how long the worker took', async () => {
    const res = await get(`/search?${new URLSearchParams({ q: 'Krasnoyarsk radar' })}`)
    const timing = res.headers.get('Server-Timing') ?? ''
    for (const name of ['pages', 'fetched', 'postings']) expect(timing).toMatch(new RegExp(`${name};desc="\\d+"`))
    expect(Number(/postings;desc="(\d+)"/.exec(timing)![1])).toBeGreaterThan(0)
    expect(timing).toMatch(/total;dur=\d+(\.\d+)?;desc="worker"/)
  })

  it('Bush: the title first', async () => {
    const body = await search({ q: 'Bush' })
    expect(body.hits[0]).toMatchObject({ id: `${LETTER}/title`, kind: 'title', snippet: 'Letter From Soviet General Secretary Gorbachev to President <mark>Bush</mark>' })
    expect(body.hits[0].notes.map((n: any) => n.id)).toEqual([`${LETTER}/n1`])
  })

  it('"June 20": the first paragraph, across the removed note marker, citing note 2', async () => {
    const body = await letter({ q: '"June 20"' })
    expect(ids(body)).toEqual([`${LETTER}/p1`])
    expect(body.hits[0].snippet).toContain('<mark>June 20</mark> opens')
    expect(body.hits[0].notes).toEqual([expect.objectContaining({ id: `${LETTER}/n2`, text: 'See Document 34.' })])
  })

  it('SLCMs and SLCM find the same paragraphs', async () => {
    const [plural, singular] = await Promise.all([letter({ q: 'SLCMs' }), letter({ q: 'SLCM' })])
    expect(ids(plural)).toEqual([`${LETTER}/p15`, `${LETTER}/p16`])
    expect(ids(singular)).toEqual(ids(plural))
  })

  it('reductions finds reduction, treaties finds treaty', async () => {
    const reductions = await letter({ q: 'reductions', limit: '100' })
    expect(reductions.total).toBeGreaterThan(0)
    const treaties = await letter({ q: 'treaties', limit: '100' })
    const treaty = await letter({ q: 'treaty', limit: '100' })
    expect(ids(treaties).sort()).toEqual(ids(treaty).sort())
    expect(treaties.hits[0].snippet).toMatch(/<mark>[Tt]reaty<\/mark>/)
  })

  it('treaty -ABM: treaty paragraphs, none that mention the ABM Treaty', async () => {
    const body = await letter({ q: 'treaty -ABM', limit: '100' })
    expect(body.total).toBeGreaterThanOrEqual(5)
    for (const hit of body.hits) {
      expect(hit.snippet_text).not.toMatch(/ABM/)
      const doc = (await get(`/documents/${LETTER}`)).body
      const unit = doc.units.find((u: any) => u.id === hit.id)
      expect(unit.text).toMatch(/treat/i)
      expect(unit.text).not.toMatch(/\bABM\b/)
    }
  })

  it('a typo (Shevardnaze) still finds Shevardnadze, marked in the snippet', async () => {
    const body = await letter({ q: 'Shevardnaze' })
    expect(body.total).toBe(2)
    for (const hit of body.hits) expect(hit.snippet).toContain('<mark>Shevardnadze</mark>')
  })

  it('finds diacritic-folded and curly-quoted words', async () => {
    const body = await letter({ q: '“unofficial translation”' })
    expect(ids(body)).toEqual(expect.arrayContaining([`${LETTER}/h1`, `${LETTER}/n1`]))
  })

  it('every paragraph and note is the top hit for its most distinctive four words, plain and quoted', async () => {
    const doc = (await get(`/documents/${LETTER}`)).body
    const units: { id: string; kind: string; text: string }[] = doc.units
    const df = new Map<string, number>()
    for (const u of units) for (const t of new Set(tokenize(u.text).map((t) => t.term))) df.set(t, (df.get(t) ?? 0) + 1)
    const checked = units.filter((u) => u.kind === 'paragraph' || u.kind === 'footnote')
    expect(checked).toHaveLength(28)
    for (const u of checked) {
      const tokens = tokenize(u.text)
      const width = Math.min(4, tokens.length)
      let best = ''
      let bestScore = -1
      for (let i = 0; i + width <= tokens.length; i++) {
        const window = tokens.slice(i, i + width)
        const score = window.reduce((s, t) => s + Math.log(units.length / df.get(t.term)!), 0)
        if (score > bestScore) {
          bestScore = score
          best = u.text.slice(window[0]!.start, window.at(-1)!.end)
        }
      }
      for (const q of [best, `"${best}"`]) {
        const body = await letter({ q })
        expect(body.hits[0]?.id, `${q} → ${u.id}`).toBe(u.id)
      }
    }
  })
})

describe('query syntax', () => {
  it('OR: either word', async () => {
    const either = await letter({ q: 'Greenland OR Krasnoyarsk' })
    expect(ids(either)).toEqual([`${LETTER}/p14`])
    const both = await letter({ q: 'SLCMs OR ALCMs', limit: '100' })
    expect(both.total).toBe(3)
  })

  it('word*: every word that starts so, marked', async () => {
    const body = await letter({ q: 'negot*' })
    expect(ids(body).sort()).toEqual([`${LETTER}/p2`, `${LETTER}/p21`])
    expect(body.hits.map((h: any) => h.snippet).join(' ')).toMatch(/<mark>Negotiations<\/mark>[\s\S]*<mark>negotiated<\/mark>|<mark>negotiated<\/mark>[\s\S]*<mark>Negotiations<\/mark>/)
  })

  it('the last word of a query being typed also matches as a prefix', async () => {
    const typing = await search({ q: 'Krasnoy' })
    expect(ids(typing)).toEqual([`${LETTER}/p14`])
    const done = await search({ q: 'Krasnoy ' })
    expect(done.total).toBe(0)
  })

  it('-"phrase" excludes units with the phrase', async () => {
    const all = await letter({ q: 'Treaty', limit: '100' })
    const body = await letter({ q: 'Treaty -"ABM Treaty"', limit: '100' })
    const units = (await get(`/documents/${LETTER}`)).body.units
    const withPhrase = new Set(units.filter((u: any) => u.text.includes('ABM Treaty')).map((u: any) => u.id))
    expect(withPhrase.size).toBe(3)
    expect(ids(body).sort()).toEqual(ids(all).filter((id: string) => !withPhrase.has(id)).sort())
  })

  it('partial: when no unit has every word, the best partial matches, and says so', async () => {
    const body = await letter({ q: 'Krasnoyarsk radar zebra' })
    expect(body.partial).toBe(true)
    expect(body.hits[0].id).toBe(`${LETTER}/p14`)
    expect((await search({ q: 'Krasnoyarsk radar' })).partial).toBe(false)
  })

  it('no match at all: an empty list, not an error', async () => {
    const body = await search({ q: 'zebra' })
    expect(body).toMatchObject({ total: 0, partial: false, hits: [] })
  })
})

describe('filters, facets and paging', () => {
  it('counts hits by volume, document, kind, chapter and year; each facet ignores its own filter', async () => {
    const body = await letter({ q: 'Bush' })
    expect(body.total).toBe(2)
    expect(body.facets).toMatchObject({
      volume: { 'frus1989-92v31': 2 }, kind: { title: 1, head: 0, paragraph: 0, footnote: 1 }, chapter: {}, year: {}, person: {},
    })
    // The doc facet counts as if no document were chosen: the volume's mentions too.
    const all = await search({ q: 'Bush' })
    expect(body.facets.doc[LETTER]).toBe(2)
    expect(Object.values(body.facets.doc).reduce((a: number, b: any) => a + b, 0)).toBe(all.total)
  })

  it('kind filters hits, and the kind facet still counts every kind', async () => {
    const body = await letter({ q: 'Bush', kind: 'footnote' })
    expect(ids(body)).toEqual([`${LETTER}/n1`])
    expect(body.total).toBe(1)
    expect(body.facets.kind).toEqual({ title: 1, head: 0, paragraph: 0, footnote: 1 })
    expect(body.facets.doc).toEqual({ [LETTER]: 1 })
    expect((await letter({ q: 'Bush', kind: 'title,footnote' })).total).toBe(2)
  })

  it('pages through hits with limit and offset', async () => {
    const all = await letter({ q: 'strategic', limit: '100' })
    expect(all.total).toBeGreaterThan(5)
    const page2 = await letter({ q: 'strategic', limit: '3', offset: '3' })
    expect(page2).toMatchObject({ total: all.total, offset: 3, limit: 3 })
    expect(ids(page2)).toEqual(ids(all).slice(3, 6))
    expect((await letter({ q: 'strategic', offset: '1000' })).hits).toEqual([])
  })

  it('answers with the documented fields, in order', async () => {
    const body = await letter({ q: 'radar' })
    expect(Object.keys(body)).toEqual(['query', 'total', 'total_relation', 'offset', 'limit', 'full', 'partial', 'words', 'ignored', 'expansions', 'cut', 'took_ms', 'facets', 'hits'])
    expect(body).toMatchObject({ total_relation: 'eq', cut: [] })
    expect(Object.keys(body.hits[0])).toEqual(expect.arrayContaining([
      'id', 'doc', 'kind', 'n', 'title', 'page', 'pages', 'score', 'snippet', 'snippet_text', 'highlights', 'notes', 'citation', 'url',
    ]))
    for (const [a, b] of body.hits[0].highlights) expect(body.hits[0].snippet_text.slice(a, b).toLowerCase()).toMatch(/^radar/)
  })
})

describe('GET /search on the shared volume', () => {
  const VOLUME = 'frus1964-68v29p2'

  it('golden queries: the document a historian means comes first', async () => {
    const golden: [string, string][] = [
      ['Bonin Islands', `${VOLUME}-d73/h2`],
      ['Okinawa Elections Increase Pressure for Reversion', `${VOLUME}-d137/p2`],
      ['Rusk was in Tokyo January 24–28', `${VOLUME}-d5/n3`],
      ['Rusk Tokyo Ikeda Ohira wider-ranging', `${VOLUME}-d7/p2`],
      ['Gilpatric visit Tokyo February 1963', `${VOLUME}-d6/n3`],
    ]
    for (const [q, id] of golden) {
      const body = await search({ q })
      expect(body.hits[0]?.id, q).toBe(id)
    }
  })

  it('hits carry the document number, date, chapter and volume', async () => {
    const hit = (await search({ q: '"Dear Dean"', volume: VOLUME })).hits[0]
    expect(hit).toMatchObject({ number: '5', date: '1964-01-22', chapter: 'Japan', volume: VOLUME })
  })

  it('filters by year or a range of years, and counts years in order', async () => {
    const one = await search({ q: 'Okinawa', year: '1965', limit: '100' })
    expect(one.total).toBeGreaterThan(0)
    for (const h of one.hits) expect(h.date).toMatch(/^1965/)
    const range = await search({ q: 'Okinawa', year: '1965..1966', limit: '100' })
    for (const h of range.hits) expect(Number(h.date.slice(0, 4))).toBeGreaterThanOrEqual(1965)
    expect(range.total).toBe(range.facets.year['1965'] + range.facets.year['1966'])
    expect(Object.keys(range.facets.year)).toEqual([...Object.keys(range.facets.year)].sort())
    expect((await search({ q: 'Okinawa', year: '1966..' })).total).toBe(
      Object.entries(one.facets.year).filter(([y]) => y >= '1966').reduce((a, [, n]) => a + (n as number), 0),
    )
  })

  it('filters by volume and chapter, with facets for both', async () => {
    const body = await search({ q: 'treaty', volume: VOLUME, chapter: 'Japan', limit: '100' })
    for (const h of body.hits) expect(h).toMatchObject({ volume: VOLUME, chapter: 'Japan' })
    expect(body.facets.chapter.Japan).toBe(body.total)
    const byVolume = await search({ q: 'treaty', volume: VOLUME })
    expect(byVolume.facets.volume).toHaveProperty('frus1989-92v31')
  })

  it('sorts by date: oldest first, undated last', async () => {
    const body = await search({ q: 'Okinawa', sort: 'date', limit: '100' })
    const dates = body.hits.map((h: any) => h.date ?? '\uffff')
    expect(dates).toEqual([...dates].sort())
    expect(dates[0]).toMatch(/^1964/)
  })

  it('refuses unknown filter values, naming the parameter', async () => {
    for (const [param, value] of [['volume', 'frus1800'], ['chapter', 'Mars'], ['year', '65'], ['year', '1967..1965'], ['sort', 'random']]) {
      const res = await get(`/search?q=Okinawa&${param}=${value}`)
      expect(res.status, `${param}=${value}`).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'invalid_parameter', param })
    }
  })
})
