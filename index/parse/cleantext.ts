/**
 * Turns raw block text into the clean text a reader reads: page markers and
 * footnote markers cut out, whitespace collapsed, and the places where pages
 * start and notes are cited kept as offsets into the clean text.
 */
import type { Page } from '../../src/model'

/** A span of raw text to cut: a page marker or a footnote marker. */
export type Cut =
  | { start: number; end: number; page: Page }
  | { start: number; end: number; note: string }

export interface CleanText {
  text: string
  /** Pages that start inside the text, at the offset of the next character after the marker. */
  breaks: { page: Page; at: number }[]
  /** Notes cited in the text, at the offset just after the word the marker was glued to. */
  cites: { note: string; at: number }[]
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
  let waitingPages: Page[] = []
  let next = 0

  for (let i = 0; i < raw.length || next < cuts.length; ) {
    const cut = cuts[next]
    if (cut && cut.start <= i) {
      if ('page' in cut) waitingPages.push(cut.page)
      else cites.push({ note: cut.note, at: text.length })
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
      for (const page of waitingPages) breaks.push({ page, at: text.length })
      waitingPages = []
      text += c
    }
    i++
  }
  for (const page of waitingPages) breaks.push({ page, at: text.length })
  return { text, breaks, cites }
}
