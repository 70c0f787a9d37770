import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readParams, refuseMalformed } from '../../../src/api/params'
import { DocumentsParams, SearchParams } from '../../../src/api/schema'
import { ApiError } from '../../../src/errors'
import { properties } from '../../support/property'

/** The error reading `query` raises, as the client receives it. */
function refusal(query: Record<string, string | string[]>) {
  try {
    readParams(SearchParams, query)
  } catch (e) {
    if (e instanceof ApiError) return e.toJSON().error
    throw e
  }
  throw new Error(`accepted ${JSON.stringify(query)}`)
}

describe('readParams', () => {
  it('gives the typed values, defaults for those absent, empty or blank', () => {
    expect(readParams(SearchParams, { q: 'radar ', limit: '', offset: '  ', sort: 'date', kind: 'paragraph, footnote', year: '1965..' })).toEqual({
      q: 'radar ', limit: 10, offset: 0, sort: 'date', kind: new Set(['paragraph', 'footnote']), year: { from: 1965, to: 9999 },
    })
    expect(readParams(SearchParams, { q: 'radar', limit: ' 25 ', year: '1966' })).toMatchObject({ limit: 25, year: { from: 1966, to: 1966 } })
    expect(readParams(SearchParams, { q: 'radar', year: '..1967' }).year).toEqual({ from: 0, to: 1967 })
  })

  it('names the parameter at fault, missing or invalid, and what it accepts', () => {
    expect(refusal({})).toEqual({ code: 'missing_parameter', message: 'q is required and must not be empty', param: 'q' })
    expect(refusal({ q: '   ' })).toEqual({ code: 'missing_parameter', message: 'q is required and must not be empty', param: 'q' })
    expect(refusal({ q: 'x'.repeat(501) })).toEqual({ code: 'invalid_parameter', message: 'q is 501 characters long; the most is 500', param: 'q' })
    for (const limit of ['0', '101', 'ten', '1.5', '-1', '1e2']) {
      expect(refusal({ q: 'radar', limit })).toEqual({ code: 'invalid_parameter', message: `limit must be an integer from 1 to 100; got ${JSON.stringify(limit)}`, param: 'limit' })
    }
    expect(refusal({ q: 'radar', kind: 'paragraph,memo' })).toEqual({
      code: 'invalid_parameter', message: 'kind must be one or more of title, head, paragraph, footnote (comma-separated); got "memo"', param: 'kind',
    })
    expect(refusal({ q: 'radar', sort: 'newest' })).toEqual({ code: 'invalid_parameter', message: 'sort must be one of relevance, date; got "newest"', param: 'sort' })
    for (const year of ['65', '1965-1967', '..']) expect(refusal({ q: 'radar', year }).param).toBe('year')
    expect(refusal({ q: 'radar', year: '1967..1965' })).toEqual({ code: 'invalid_parameter', message: 'year range ends before it starts; got "1967..1965"', param: 'year' })
  })

  it('refuses a parameter given twice, and ignores those the route does not name', () => {
    expect(refusal({ q: 'radar', limit: ['5', '6'] })).toEqual({ code: 'invalid_parameter', message: 'limit is given 2 times; give it once', param: 'limit' })
    expect(readParams(SearchParams, { q: ['radar'], colour: 'blue' })).toMatchObject({ q: 'radar' })
    expect(readParams(DocumentsParams, { doc: 'anything' })).toEqual({ limit: 20, offset: 0 })
  })
})

describe('refuseMalformed', () => {
  it('refuses a parameter whose percent-encoding does not decode, naming it', () => {
    expect(() => refuseMalformed('?q=radar&limit=5&kind=a+b&empty=&flag')).not.toThrow()
    expect(() => refuseMalformed('?q=%E0%A4%A')).toThrow(new ApiError('invalid_parameter', 'q is not valid percent-encoding (UTF-8 bytes as %XX): "q=%E0%A4%A"', 'q'))
    expect(() => refuseMalformed('?q=100%')).toThrow('q is not valid percent-encoding')
    expect(() => refuseMalformed('?q=%C3%A9t%C3%A9&%FF=1')).toThrow('%FF is not valid percent-encoding')
  })
})

describe('readParams, for any query string (properties)', () => {
  const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constantFrom('', ' ', '1', '100', '101', '-0', 'date', 'paragraph,footnote', '1965..1967', '..'))
  const query = fc.dictionary(fc.constantFrom('q', 'limit', 'offset', 'kind', 'sort', 'year', 'volume', 'doc', 'other'), fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })))

  it('gives values within their bounds, or a 400 naming one of the parameters sent', () => {
    fc.assert(fc.property(query, (given) => {
      let read
      try {
        read = readParams(SearchParams, given)
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError)
        const { status, param } = e as ApiError
        expect(status).toBe(400)
        expect(['q', ...Object.keys(given)]).toContain(param)
        return
      }
      expect(read.q.trim()).not.toBe('')
      expect(read.limit).toBeGreaterThanOrEqual(1)
      expect(read.limit).toBeLessThanOrEqual(100)
      expect(read.offset).toBeGreaterThanOrEqual(0)
      if (read.year) expect(read.year.from).toBeLessThanOrEqual(read.year.to)
    }), properties(1000))
  })
})
