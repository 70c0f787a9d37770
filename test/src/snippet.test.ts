import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildSnippet, densestWindow, escapeHtml, snippetHtml, type Span } from '../../src/snippet'
import { findTerms, tokenize } from '../../src/text'
import { properties, word } from '../support/property'

const spansOf = (text: string, word: string): Span[] =>
  [...text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))].map((m) => [m.index, m.index + word.length] as const)

describe('densestWindow', () => {
  it('finds the window holding the most matches, the earliest on a tie', () => {
    expect(densestWindow([[0, 1], [100, 101], [105, 106], [110, 111]], 20)).toBe(1)
    expect(densestWindow([[0, 1], [50, 51]], 20)).toBe(0)
    expect(densestWindow([], 20)).toBe(0)
  })
})

describe('buildSnippet', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

  it('returns a short text whole, matches marked', () => {
    const s = buildSnippet('The Krasnoyarsk radar.', [[4, 15]])
    expect(s).toEqual({ text: 'The Krasnoyarsk radar.', highlights: [[4, 15]], focus: 4 })
  })

  it('cuts a long text around the densest cluster, at word boundaries, with ellipses', () => {
    const text = `${filler(60)} radar here and radar there ${filler(60)}`
    const s = buildSnippet(text, spansOf(text, 'radar'), 80)
    expect(s.text.startsWith('…')).toBe(true)
    expect(s.text.endsWith('…')).toBe(true)
    expect(s.text).toContain('radar here and radar there')
    expect(s.text.length).toBeLessThanOrEqual(82)
    for (const [a, b] of s.highlights) expect(s.text.slice(a, b)).toBe('radar')
    expect(s.highlights).toHaveLength(2)
    // Never a cut word at either end.
    expect(s.text.slice(1, -1)).toMatch(/^word\d+ .* word\d+$/)
  })

  it('prefers the cluster over a lone earlier match', () => {
    const text = `radar ${filler(80)} treaty radar treaty ${filler(80)}`
    const spans = [...spansOf(text, 'radar'), ...spansOf(text, 'treaty')].sort((a, b) => a[0] - b[0])
    const s = buildSnippet(text, spans, 60)
    expect(s.highlights).toHaveLength(3)
    expect(s.focus).toBe(text.indexOf('treaty'))
  })

  it('starts at the beginning when nothing is matched', () => {
    const text = filler(100)
    const s = buildSnippet(text, [], 50)
    expect(s.text.startsWith('word0 ')).toBe(true)
    expect(s.text.endsWith('…')).toBe(true)
    expect(s.focus).toBe(0)
  })

  it('centres on the anchors when given (a phrase where it stands), not on the densest cluster of words', () => {
    const filler = 'word '.repeat(80)
    const text = `United States and service, United States service. ${filler}economical United States service to Korea.`
    const at = text.lastIndexOf('United States service')
    const words: Span[] = [[0, 6], [7, 13], [18, 25], [27, 33], [34, 40], [41, 48]]
    const phrase: Span = [at, at + 'United States service'.length]
    const s = buildSnippet(text, [...words, phrase], 120, [phrase])
    expect(s.focus).toBe(at)
    expect(s.text).toContain('economical United States service')
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toContain('United States service')
    // Without anchors, the densest cluster wins.
    expect(buildSnippet(text, [...words, phrase], 120).focus).toBe(0)
  })

  it('shows line breaks inside a unit as spaces, keeping offsets', () => {
    const s = buildSnippet('SUBJECT\nOkinawa', [[8, 15]])
    expect(s.text).toBe('SUBJECT Okinawa')
    expect(s.text.slice(8, 15)).toBe('Okinawa')
  })
})

describe('snippetHtml', () => {
  it('escapes all document text and marks the highlights', () => {
    const html = snippetHtml({ text: 'a <b>&"\' radar', highlights: [[9, 14]], focus: 0 })
    expect(html).toBe('a &lt;b&gt;&amp;&quot;&#39; <mark>radar</mark>')
  })

  it('escapes the highlighted text too', () => {
    expect(snippetHtml({ text: '<script>', highlights: [[0, 8]], focus: 0 })).toBe('<mark>&lt;script&gt;</mark>')
    expect(escapeHtml('<img src=x onerror=alert(1)>')).not.toContain('<')
  })
})

describe('buildSnippet, for any text and matched words (properties)', () => {
  const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '  ', '\n', ', ', '. ', ' [Page 3] ')), { maxLength: 120 }).map((parts) => parts.join(''))

  it('keeps highlights inside the snippet, in order, on the words matched, and escapes everything else', () => {
    fc.assert(fc.property(text, fc.integer({ min: 20, max: 300 }), fc.array(fc.nat(), { maxLength: 8 }), (source, length, picks) => {
      const tokens = tokenize(source)
      const terms = new Set(picks.flatMap((k) => (tokens.length > 0 ? [tokens[k % tokens.length]!.term] : [])))
      const matches = findTerms(source, terms)
      const snippet = buildSnippet(source, matches, length)
      let previous = 0
      for (const [s, e] of snippet.highlights) {
        expect(s).toBeGreaterThanOrEqual(previous)
        expect(e).toBeGreaterThan(s)
        expect(e).toBeLessThanOrEqual(snippet.text.length)
        expect(matches.some(([ms, me]) => source.slice(ms, me).replace(/\n/g, ' ') === snippet.text.slice(s, e))).toBe(true)
        previous = e
      }
      expect(snippet.focus).toBeGreaterThanOrEqual(0)
      expect(snippet.focus).toBeLessThanOrEqual(source.length)
      expect(snippetHtml(snippet).replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/)
    }), properties(300))
  })
})
