import { describe, expect, it } from 'vitest'
import { cleanText } from '../../../index/parse/cleantext'

describe('cleanText', () => {
  it('cuts spans, collapses whitespace and records where pages start and notes stand', () => {
    const raw = 'whose  [Page 9] solution1 is\tnear'
    const clean = cleanText(raw, [{ start: 7, end: 15, page: 9 }, { start: 24, end: 25, note: 'n1' }])
    expect(clean).toEqual({ text: 'whose solution is near', breaks: [{ page: 9, at: 6 }], cites: [{ note: 'n1', at: 14 }], anchors: new Map() })
  })

  it('keeps line breaks and trims both ends', () => {
    expect(cleanText('  a \n b  ', []).text).toBe('a\nb')
  })

  it('puts a break at the end of text with nothing after it', () => {
    expect(cleanText('end [Page 3]', [{ start: 4, end: 12, page: 3 }]).breaks).toEqual([{ page: 3, at: 3 }])
  })
})

describe('anchors', () => {
  it('opens at the next character and closes after the last, across collapsed whitespace', () => {
    const raw = 'met  the \n Secretary  today'
    const clean = cleanText(raw, [
      { start: 5, end: 5, anchor: 'm', side: 'open' },
      { start: 21, end: 21, anchor: 'm/', side: 'close' },
    ])
    expect(clean.text).toBe('met the\nSecretary today')
    expect(clean.text.slice(clean.anchors.get('m'), clean.anchors.get('m/'))).toBe('the\nSecretary')
  })
})
