import { describe, expect, it } from 'vitest'
import { findPhrases, fold, termOf, tokenize, words } from '../../src/text'

const terms = (text: string) => tokenize(text).map((t) => t.term)

describe('fold', () => {
  it('folds case and diacritics', () => {
    expect(fold('Argüello')).toBe('arguello')
    expect(fold('ÉLYSÉE')).toBe('elysee')
    expect(fold('Straße')).toBe('strasse')
    expect(fold('Łódź')).toBe('lodz')
  })

  it('drops possessives, inner apostrophes (straight or curly) and abbreviation dots', () => {
    expect(fold("Rusk's")).toBe('rusk')
    expect(fold('Rusk’s')).toBe('rusk')
    expect(fold('don’t')).toBe('dont')
    expect(fold('U.S.')).toBe('us')
    expect(fold('6,000')).toBe('6000')
    expect(fold('3.5')).toBe('3.5')
  })
})

describe('tokenize', () => {
  it('splits on spaces, punctuation, em and en dashes and slashes, with offsets', () => {
    const text = 'believe—and the round of 1964–66 (INR/IL)'
    expect(tokenize(text).map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ['believe', 'believe'], ['and', 'and'], ['the', 'the'], ['round', 'round'], ['of', 'of'],
      ['1964', '1964'], ['66', '66'], ['inr', 'INR'], ['il', 'IL'],
    ])
  })

  it('reads curly quotes as punctuation', () => {
    expect(tokenize('“Unofficial translation.”').map((t) => t.word)).toEqual(['unofficial', 'translation'])
  })

  it('stems English words with Porter2, so plurals and inflections meet', () => {
    expect(termOf('reductions')).toBe(termOf('reduction'))
    expect(termOf('treaties')).toBe(termOf('treaty'))
    expect(termOf('negotiations')).toBe(termOf('negotiation'))
    expect(termOf('using')).toBe(termOf('used'))
  })

  it('reads a word of consonants ending in s as an abbreviation\'s plural', () => {
    expect(['SLCMs', 'SSNs', 'ICBMs'].map(termOf)).toEqual(['SLCM', 'SSN', 'ICBM'].map(termOf))
  })

  it('reads a word in -us as the plural of a word in -u, and keeps -ous to Porter2', () => {
    // Porter2 keeps the s of -us (status, focus): Ryukyus and Ryukyu were two words.
    expect(['Ryukyus', 'menus', 'Hindus'].map(termOf)).toEqual(['Ryukyu', 'menu', 'Hindu'].map(termOf))
    expect(termOf('dangerous')).toBe(termOf('danger'))
    expect(termOf('famous')).toBe('famous')
    expect(termOf('status')).not.toBe(termOf('state'))
  })

  it('keeps apart words the first Porter stemmer made one', () => {
    for (const [a, b] of [['news', 'new'], ['communism', 'community'], ['generous', 'general'], ['using', 'U.S.']]) expect(termOf(a!)).not.toBe(termOf(b!))
  })

  it('keeps a word whose stem would be two letters, which would make it another word', () => {
    // Porter2 stems `being` to `be`, `going` to `go`, `its` to `it`.
    expect(['being', 'going', 'its', 'Mrs'].map(termOf)).toEqual(['being', 'going', 'its', 'mrs'])
    expect(termOf('U.S.')).toBe('us')
  })

  it('keeps numbers whole and unstemmed', () => {
    expect(terms('6000 warheads in 1972, 6,000 in all')).toEqual(['6000', 'warhead', 'in', '1972', '6000', 'in', 'all'])
  })

  it('keeps words of other scripts, folded but not stemmed', () => {
    expect(terms('Горбачев Москва')).toEqual(['горбачев', 'москва'])
  })

  it('gives MiniSearch the same words', () => {
    const text = 'The U.S. side’s 6,000 SLCMs—Argüello'
    expect(words(text).map(termOf)).toEqual(terms(text))
  })
})

describe('findPhrases', () => {
  const phrase = (...words: string[][]) => words.map((w) => new Set(w))

  it('finds each run of the words in order, first word to last, as the text writes them', () => {
    const text = 'The United States, and the united states; States United.'
    expect(findPhrases(text, [phrase(['united'], ['states'])]).map(([s, e]) => text.slice(s, e))).toEqual(['United States', 'united states'])
  })

  it('takes any of the words a place allows, and finds nothing for a word the text lacks', () => {
    expect(findPhrases('June 20, 1989', [phrase(['june'], ['20', '21'])])).toEqual([[0, 7]])
    expect(findPhrases('June 20, 1989', [phrase(['june'], ['22'])])).toEqual([])
    expect(findPhrases('June', [phrase(['june'], ['20'])])).toEqual([])
  })

  it('finds every phrase asked in one reading of the text', () => {
    const text = 'Rusk met Shiina; the United States and Japan agreed.'
    const found = findPhrases(text, [phrase(['united'], ['states']), phrase(['met'], ['shiina']), phrase(['japan'], ['disagreed'])])
    expect(found.map(([s, e]) => text.slice(s, e))).toEqual(['United States', 'met Shiina'])
  })
})
