/**
 * Turns raw block text into the clean text a reader reads: page markers and
 * footnote markers cut out, whitespace collapsed, and the places where pages
 * start, notes are cited and marked-up spans (a person, an abbreviation, a
 * reference) begin and end kept as offsets into the clean text.
 */
import type { Page } from '../../src/model'

/**
 * A span of raw text to cut (a page marker, a footnote marker, the marker of
 * a note the page lost: `orphan`), or a place to remember (`anchor`,
 * zero-width: where a marked-up span opens or closes).
 */
export type Cut =
  | { start: number; end: number; page: Page }
  | { start: number; end: number; note: string }
  | { start: number; end: number; orphan: string }
  | { start: number; end: number; anchor: string; side: 'open' | 'close' }

export interface CleanText {
  text: string
  /** Pages that start inside the text, at the offset of the next character after the marker. */
  breaks: { page: Page; at: number }[]
  /** Notes cited in the text, at the offset just after the word the marker was glued to. */
  cites: { note: string; at: number }[]
  /** Where each anchor fell: an opening one at the next character, a closing one just after the last. */
  anchors: Map<string, number>
}

const SPACE = /[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]/

/**
 * Cleans `raw`, skipping `cuts` (sorted, non-overlapping). A newline in `raw`
 * is a line break the reader sees (list items, table rows) and is kept; any
 * other run of whitespace becomes one space.
 */
export function cleanText(raw: string, cuts: readonly Cut[]): CleanText {
  let text = ''
  let pending: '' | ' ' | '\n' = ''
  const breaks: CleanText['breaks'] = []
  const cites: CleanText['cites'] = []
  const anchors: CleanText['anchors'] = new Map()
  // Pages and opening anchors take the offset of the next character written.
  let waiting: (Page | { anchor: string })[] = []
  const settle = () => {
    for (const w of waiting) {
      if (typeof w === 'object') anchors.set(w.anchor, text.length)
      else breaks.push({ page: w, at: text.length })
    }
    waiting = []
  }
  let next = 0

  for (let i = 0; i < raw.length || next < cuts.length; ) {
    const cut = cuts[next]
    if (cut && cut.start <= i) {
      if ('page' in cut) waiting.push(cut.page)
      else if ('note' in cut) cites.push({ note: cut.note, at: text.length })
      else if ('orphan' in cut) {
        // Cut without a trace: the note it marked is not on the page.
      } else if (cut.side === 'open') waiting.push({ anchor: cut.anchor })
      else anchors.set(cut.anchor, text.length)
      i = Math.max(i, cut.end)
      next++
      continue
    }
    if (i >= raw.length) break
    const c = raw[i]!
    if (c === '\n') pending = '\n'
    else if (SPACE.test(c)) pending ||= ' '
    else {
      if (pending && text.length > 0) text += pending
      pending = ''
      settle()
      text += c
    }
    i++
  }
  settle()
  return { text, breaks, cites, anchors }
}
