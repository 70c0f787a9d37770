/**
 * Footnote markers in FRUS page text. The web text glues a note's number to
 * the word it follows (`Bush1`, `asked,1`, `June 202` = June 20 + note 2), so
 * a marker cannot be recognised on its own: it is resolved against the notes
 * that exist, in order. A candidate glued to a letter or to punctuation is
 * strong; one that could also be part of a number (`June 202`, `19491`,
 * `1964.2`) or stands apart at the end of a block is weak, and is taken only
 * when no strong candidate for that note comes before the next note's.
 */

/** A place in a block's raw text where a footnote marker may stand. */
export interface Candidate {
  /** Index of the block the candidate is in. */
  block: number
  /** Span of the candidate in the block's raw text. */
  start: number
  end: number
  strength: 'strong' | 'weak'
  /** The mark it would be (`1`, `*`); absent for a number that may end in one. */
  label?: string
  /** A whole number whose last digits may be a mark, and the word before it. */
  number?: { digits: string; before: string }
}

/** A resolved marker: the span to cut from the block's raw text. */
export interface Marker {
  block: number
  start: number
  end: number
  label: string
}

const CLOSING = `.,;:!?)\\]"”’'`
const GLUED_TO_LETTER = /(?<=\p{L})(\d{1,3})(?![\p{L}\p{N}])/gu
const AFTER_PUNCTUATION = new RegExp(`(?<=([\\p{L}\\p{N}${CLOSING}])[${CLOSING}])(\\d{1,3})(?![\\p{L}\\p{N}])`, 'gu')
const SYMBOL = new RegExp(`(?<=[\\p{L}\\p{N}${CLOSING}])(\\*{1,3}|†|‡)(?![\\p{L}\\p{N}*])`, 'gu')
const NUMBER = /(?<![\p{L}\p{N}.,])(\d{2,})(?![\p{L}\p{N}])/gu
const APART_AT_END = new RegExp(`(?<=[\\p{L}${CLOSING}])\\s+(\\d{1,3})\\s*$`, 'gu')
const WORD_BEFORE = /([\p{L}.]+)\s*$/u

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.',
  'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
])

/**
 * Finds the candidates in one block. `masked` is the block's raw text with
 * page markers blanked out, so that a page marker never reads as a note.
 */
export function findCandidates(block: number, masked: string): Candidate[] {
  const found: Candidate[] = []
  const add = (re: RegExp, strength: Candidate['strength'], group = 1) => {
    for (const m of masked.matchAll(re)) {
      const label = m[group]!
      if (label.startsWith('0')) continue
      const end = m.index + m[0].length
      // A digit after punctuation after a digit may be a decimal: `3.5`, `1964.2`.
      const weak = strength === 'weak' || (re === AFTER_PUNCTUATION && /\p{N}/u.test(m[1]!))
      found.push({ block, start: m.index, end, strength: weak ? 'weak' : 'strong', label })
    }
  }
  add(GLUED_TO_LETTER, 'strong')
  add(AFTER_PUNCTUATION, 'strong', 2)
  add(SYMBOL, 'strong')
  add(APART_AT_END, 'weak')
  for (const m of masked.matchAll(NUMBER)) {
    const before = WORD_BEFORE.exec(masked.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? ''
    found.push({
      block, start: m.index, end: m.index + m[0].length, strength: 'weak',
      number: { digits: m[1]!, before: before.toLowerCase() },
    })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The span a candidate would cut for `label`, or undefined when it cannot be that note. */
function spanFor(c: Candidate, label: string): { start: number; end: number } | undefined {
  if (c.label !== undefined) return c.label === label ? c : undefined
  const { digits, before } = c.number!
  if (!digits.endsWith(label) || digits.length === label.length) return undefined
  const rest = digits.slice(0, -label.length)
  const day = MONTHS.has(before) && Number(rest) >= 1 && Number(rest) <= 31 && !rest.startsWith('0')
  const year = /^(1[5-9]|20)\d\d$/.test(rest)
  return day || year ? { start: c.end - label.length, end: c.end } : undefined
}

/**
 * Resolves the notes `labels` (in printed order) against `candidates` (in
 * document order). Returns the markers found and the labels never cited.
 */
export function resolveMarkers(candidates: readonly Candidate[], labels: readonly string[]) {
  const markers: Marker[] = []
  const uncited: string[] = []
  let after = -1

  const first = (label: string | undefined, strength: Candidate['strength'], from: number, until = candidates.length) => {
    if (label === undefined) return undefined
    for (let i = from + 1; i < until; i++) {
      const c = candidates[i]!
      if (c.strength === strength && spanFor(c, label)) return i
    }
    return undefined
  }

  labels.forEach((label, i) => {
    const nextStrong = first(labels[i + 1], 'strong', after)
    const strong = first(label, 'strong', after, nextStrong)
    const chosen = strong ?? first(label, 'weak', after, nextStrong) ?? first(label, 'strong', after)
    if (chosen === undefined) {
      uncited.push(label)
      return
    }
    const c = candidates[chosen]!
    markers.push({ block: c.block, ...spanFor(c, label)!, label })
    after = chosen
  })
  return { markers, uncited }
}

/**
 * Strong candidates left over that look like markers of notes that do not
 * exist (`treaty3` when the page has two notes), for a warning. Codes such as
 * `B52` are not reported.
 */
export function strayMarkers(candidates: readonly Candidate[], markers: readonly Marker[], masked: (block: number) => string) {
  const used = new Set(markers.map((m) => `${m.block}:${m.end}`))
  return candidates.filter((c) => {
    if (c.strength !== 'strong' || c.label === undefined || used.has(`${c.block}:${c.end}`)) return false
    const before = masked(c.block).slice(Math.max(0, c.start - 3), c.start)
    return /\p{Ll}{3}$|[.,;:!?)”"’]$/u.test(before)
  })
}
