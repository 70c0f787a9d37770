import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery, QuerySyntaxError, type QueryWord } from '../../../src/query/parse'
import { properties, word } from '../../support/property'

/** The words a query searches for (not those it excludes), in order. */
const required = (q: string): QueryWord[] => parseQuery(q).required.flat().flatMap((c) => (c.type === 'word' ? [c.word] : c.words))
const words = (q: string) => required(q).map((w) => w.word)

describe('parseQuery', () => {
  it('requires every word', () => {
    const q = parseQuery('Soviet radar')
    expect(q.required.map((g) => g.map((c) => c.type))).toEqual([['word'], ['word']])
    expect(words('Soviet radar')).toEqual(['soviet', 'radar'])
  })

  it('reads quoted phrases, straight or curly, and an unclosed quote to the end', () => {
    expect(parseQuery('"June 20"').required).toEqual([[{ type: 'phrase', words: [
      { word: 'june', term: 'june', written: 'June', prefix: false }, { word: '20', term: '20', written: '20', prefix: false },
    ] }]])
    expect(parseQuery('“ABM Treaty”').required[0]![0]!.type).toBe('phrase')
    expect(words('radar "ABM Treaty')).toEqual(['radar', 'abm', 'treaty'])
  })

  it('reads -word and -"phrase" as exclusions', () => {
    const q = parseQuery('treaty -ABM -"INF Treaty"')
    expect(q.required).toHaveLength(1)
    expect(q.excluded.map((c) => c.type)).toEqual(['word', 'phrase'])
  })

  it('binds OR tighter than the implied AND', () => {
    const q = parseQuery('treaty SLCM OR ALCM')
    expect(q.required.map((g) => g.length)).toEqual([1, 2])
  })

  it('ignores a leading or dangling OR', () => {
    expect(parseQuery('OR treaty OR').required).toHaveLength(1)
  })

  it('reads word* as a prefix and refuses a one-letter prefix, alone or ending a phrase', () => {
    expect(required('negot*')[0]).toEqual({ word: 'negot', term: 'negot', written: 'negot', prefix: true })
    expect(() => parseQuery('a*')).toThrow(QuerySyntaxError)
    expect(() => parseQuery('INR/I*')).toThrow('a prefix needs at least 2 characters before the *: INR/I*')
    expect(parseQuery('INR/IL*').required[0]![0]).toMatchObject({ type: 'phrase', words: [{ word: 'inr', prefix: false }, { word: 'il', prefix: true }] })
  })

  it('reads a word that splits in several at other marks as a phrase', () => {
    expect(parseQuery('INR/IL').required[0]![0]!.type).toBe('phrase')
  })

  it('parts a word that splits at other marks into its words when asked, exclusions and quoted phrases kept whole, and says whether it joined one', () => {
    expect(parseQuery('keyedit:pref').joined).toBe(true)
    expect(parseQuery('"INR IL" Rusk-Shiina -INR/IL').joined).toBe(false)
    const parted = parseQuery('keyedit:pref -INR/IL "INR/IL"', { partJoined: true })
    expect(parted.required.map((g) => g.map((c) => c.type))).toEqual([['word'], ['word'], ['phrase']])
    expect(words('keyedit:pref')).toEqual(['keyedit', 'pref'])
    expect(parted.excluded.map((c) => c.type)).toEqual(['phrase'])
    expect(parseQuery('INR/IL*', { partJoined: true }).required.flat()).toMatchObject([{ word: { word: 'inr', prefix: false } }, { word: { word: 'il', prefix: true } }])
  })

  it('parts words at brackets, hyphens and dashes as at spaces', () => {
    const q = parseQuery('Johnson (Lyndon)-Sato [talks] {1965}')
    expect(q.required.map((g) => g.map((c) => c.type))).toEqual([['word'], ['word'], ['word'], ['word'], ['word']])
    expect(words('Johnson (Lyndon)-Sato [talks] {1965}')).toEqual(['johnson', 'lyndon', 'sato', 'talks', '1965'])
    expect(words('Rusk-Shiina non-withdrawal 1965–1966')).toEqual(['rusk', 'shiina', 'non', 'withdrawal', '1965', '1966'])
    expect(parseQuery('Rusk-Shiina').required).toHaveLength(2)
    expect(parseQuery('ABM OR (SLCM)').required.map((g) => g.length)).toEqual([2])
    expect(parseQuery('treaty -(ABM)').excluded).toHaveLength(1)
    expect(parseQuery('treaty -non-proliferation').excluded.map((c) => c.type)).toEqual(['phrase'])
    expect(parseQuery('"Johnson (Lyndon)-Sato"').required[0]![0]!.type).toBe('phrase')
  })

  it('parts words at underscores, so an identifier is its words, each required', () => {
    expect(parseQuery('asn1_get_tag_der').required.map((g) => g.map((c) => c.type))).toEqual([['word'], ['word'], ['word'], ['word']])
    expect(words('DU_BLOCK_SIZE')).toEqual(['du', 'block', 'size'])
    expect(parseQuery('"DU_BLOCK_SIZE"').required[0]![0]!.type).toBe('phrase')
  })

  it('leaves common words out of a query that has others, and says which', () => {
    expect(words('What did Rusk say about Okinawa reversion?')).toEqual(['rusk', 'say', 'okinawa', 'reversion'])
    expect(parseQuery('What did Rusk say about Okinawa reversion?').ignored).toEqual(['What', 'did', 'about'])
    // Alone, they are the query; in a phrase, an OR, a prefix, an exclusion or capitals, they are asked for.
    expect(words('to be or not to be')).toEqual(['to', 'be', 'or', 'not', 'to', 'be'])
    expect(parseQuery('to be or not to be').ignored).toEqual([])
    // Before a word still being typed, they are left out all the same: the query will have that word.
    expect(parseQuery('What about', { beforeTyped: true })).toMatchObject({ required: [], ignored: ['What', 'about'] })
    expect(words('"The Hague" the OR a treaty')).toEqual(['the', 'hague', 'the', 'a', 'treaty'])
    expect(words('WHO malaria IT')).toEqual(['who', 'malaria', 'it'])
    expect(words('wh* Okinawa')).toEqual(['wh', 'okinawa'])
    expect(words('state-of-the-art asn1_get_tag_der')).toEqual(['state', 'of', 'the', 'art', 'asn1', 'get', 'tag', 'der'])
    expect(required('of/the Okinawa').map((w) => w.word)).toEqual(['of', 'the', 'okinawa'])
    expect(parseQuery('of/the Okinawa', { partJoined: true }).required).toHaveLength(3)
    const q = parseQuery('Okinawa -the')
    expect(q.excluded).toHaveLength(1)
    expect(q.ignored).toEqual([])
  })

  it('refuses a query with nothing to search for', () => {
    expect(() => parseQuery('-ABM')).toThrow('the query only excludes words; add a word to search for')
    expect(() => parseQuery('!!! ...')).toThrow('the query has no words to search for')
  })
})

describe('parseQuery, for any text (properties)', () => {
  const query = fc.array(fc.oneof(word, fc.constantFrom('"', '-', '*', ' OR ', 'OR', ' ', '“', '”', '-"', '|', '(', ')')), { maxLength: 40 }).map((p) => p.join(' '))

  it('gives groups of clauses, each with words, or a syntax error, and nothing else', () => {
    fc.assert(fc.property(fc.oneof(query, fc.string({ maxLength: 200 })), (q) => {
      let parsed
      try {
        parsed = parseQuery(q)
      } catch (e) {
        expect(e).toBeInstanceOf(QuerySyntaxError)
        return
      }
      expect(parsed.required.length).toBeGreaterThan(0)
      for (const group of parsed.required) {
        expect(group.length).toBeGreaterThan(0)
        for (const c of group) expect(c.type === 'word' ? c.word.term.length : c.words.length).toBeGreaterThan(0)
      }
    }), properties(1000))
  })
})
