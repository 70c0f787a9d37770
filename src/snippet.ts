/**
 * Snippets: the window of a unit's text around its densest cluster of matched
 * words (or of the matches that earned the hit: a phrase's occurrences), cut
 * at word boundaries with `…`, and the matched words marked.
 */

/** A span of text: `[start, end)` offsets. */
export type Span = readonly [start: number, end: number]

export interface Snippet {
  /** Plain text of the window, with `…` where the unit's text was cut. */
  text: string
  /** Matched words as offsets into `text`. */
  highlights: Span[]
  /** Offset in the unit's text of the first anchor (else match) shown, or of the window's start: where the page of the hit is read. */
  focus: number
}

/** Default window length in characters. */
export const SNIPPET_LENGTH = 240

const ELLIPSIS = '…'

/**
 * The start offset of the window of `length` characters holding the most
 * matches (sorted spans); the earliest such window wins a tie.
 */
export function densestWindow(matches: readonly Span[], length: number): number {
  let best = 0
  let bestCount = 0
  let j = 0
  for (let i = 0; i < matches.length; i++) {
    if (j < i) j = i
    while (j + 1 < matches.length && matches[j + 1]![1] - matches[i]![0] <= length) j++
    const count = j - i + 1
    if (count > bestCount) {
      bestCount = count
      best = i
    }
  }
  return best
}

/**
 * Builds the snippet of `text` for the matched spans (sorted, not
 * overlapping). `anchors` (sorted, among the matches): the matches the window
 * must centre on, when some weigh more than the others.
 */
export function buildSnippet(text: string, matches: readonly Span[], length = SNIPPET_LENGTH, anchors: readonly Span[] = matches): Snippet {
  if (text.length <= length) {
    return { text: flatten(text), highlights: [...matches], focus: anchors[0]?.[0] ?? matches[0]?.[0] ?? 0 }
  }
  let start = 0
  let end = length
  if (anchors.length > 0) {
    const first = densestWindow(anchors, length)
    let last = first
    while (last + 1 < anchors.length && anchors[last + 1]![1] - anchors[first]![0] <= length) last++
    const clusterStart = anchors[first]![0]
    const clusterEnd = anchors[last]![1]
    // Show a little of what leads up to the cluster, the rest after it.
    const lead = Math.floor((length - (clusterEnd - clusterStart)) / 3)
    start = Math.max(0, clusterStart - lead)
    end = Math.min(text.length, start + length)
    start = Math.max(0, end - length)
  }
  start = wordStart(text, start)
  end = wordEnd(text, end)
  const prefix = start > 0 ? ELLIPSIS : ''
  const suffix = end < text.length ? ELLIPSIS : ''
  const shift = prefix.length - start
  const shown = matches.filter(([s, e]) => s >= start && e <= end)
  return {
    text: prefix + flatten(text.slice(start, end)) + suffix,
    highlights: shown.map(([s, e]) => [s + shift, e + shift] as const),
    focus: anchors.find(([s, e]) => s >= start && e <= end)?.[0] ?? shown[0]?.[0] ?? start,
  }
}

/** Moves a cut back to the start of the word it falls in, and past leading spaces. */
function wordStart(text: string, at: number): number {
  while (at > 0 && /[\p{L}\p{N}\p{M}]/u.test(text[at - 1]!) && /[\p{L}\p{N}\p{M}]/u.test(text[at]!)) at--
  while (at < text.length && /\s/.test(text[at]!)) at++
  return at
}

/** Moves a cut back to the end of the last whole word before it. */
function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length
  if (/[\p{L}\p{N}\p{M}]/u.test(text[at]!)) {
    while (at > 0 && /[\p{L}\p{N}\p{M}]/u.test(text[at - 1]!)) at--
  }
  while (at > 0 && /\s/.test(text[at - 1]!)) at--
  return at
}

/** Line breaks inside a unit (list items, table rows) read as spaces in a one-line snippet. */
function flatten(text: string): string {
  return text.replace(/\n/g, ' ')
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** The snippet as HTML: text escaped, highlights wrapped in `<mark>`. */
export function snippetHtml(snippet: Snippet): string {
  let html = ''
  let at = 0
  for (const [s, e] of snippet.highlights) {
    html += `${escapeHtml(snippet.text.slice(at, s))}<mark>${escapeHtml(snippet.text.slice(s, e))}</mark>`
    at = e
  }
  return html + escapeHtml(snippet.text.slice(at))
}
