/**
 * Edit distance to a word, for sorted lists of strings: an edit is a letter
 * left out, added or changed, or two neighbours swapped (`goverment`,
 * `goverenment`, `govermnent` are one edit from `government`).
 *
 * A sorted list is walked as the trie it implies: the distance row of a
 * prefix is computed once for every string sharing it, and a prefix already
 * out of reach skips all its strings at once. No tree is built: building one
 * took longer than the rest of a query.
 */
import type { StringList } from './string-list'

/**
 * Distance rows of `word` against a string, grown one character at a time (reusable from one walk to the next).
 * Only the band of cells within `maxEdits` of the diagonal is computed (Ukkonen's cut-off): a cell off it is at
 * least that far, and reads as `maxEdits + 1`; every value up to `maxEdits` is exact.
 */
export class Rows {
  readonly width: number
  rows: Int32Array
  /** The least value of each row: no string going through it can come back below. */
  least: Int32Array

  constructor(readonly word: string, readonly maxEdits: number) {
    this.width = word.length + 1
    this.rows = new Int32Array(this.width * 64)
    this.least = new Int32Array(64)
    for (let j = 0; j <= word.length; j++) this.rows[j] = Math.min(j, maxEdits + 1)
  }

  /** Computes row `d + 1` for `c`, character `d` of a string whose character `d - 1` is `before` (rows up to `d` valid); returns its least value. */
  extend(c: number, before: number, d: number): number {
    if (d + 2 > this.least.length) {
      const size = (d + 2) * 2
      const rows = new Int32Array(size * this.width)
      rows.set(this.rows)
      this.rows = rows
      const least = new Int32Array(size)
      least.set(this.least)
      this.least = least
    }
    const { word, width, rows, maxEdits } = this
    const m = word.length
    const far = maxEdits + 1
    const above = d * width
    const here = above + width
    const from = Math.max(1, d + 1 - maxEdits)
    const to = Math.min(m, d + 1 + maxEdits)
    rows[here] = Math.min(d + 1, far)
    // The cells just outside the band, read by this row and the next.
    if (from > 1) rows[here + from - 1] = far
    if (to < m) rows[here + to + 1] = far
    let low = from > 1 ? far : rows[here]!
    for (let j = from; j <= to; j++) {
      let v = Math.min(rows[above + j]! + 1, rows[here + j - 1]! + 1, rows[above + j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1))
      if (d > 0 && j > 1 && c === word.charCodeAt(j - 2) && before === word.charCodeAt(j - 1)) {
        v = Math.min(v, rows[above - width + j - 2]! + 1)
      }
      if (v > far) v = far
      rows[here + j] = v
      if (v < low) low = v
    }
    this.least[d + 1] = low
    return low
  }

  /** The distance of the whole word to the string whose rows reach depth `d` (`maxEdits + 1` when farther). */
  distance(d: number): number {
    return Math.abs(d - this.word.length) > this.maxEdits ? this.maxEdits + 1 : this.rows[d * this.width + this.word.length]!
  }
}

const shared = (a: string, b: string, limit: number) => {
  let d = 0
  while (d < limit && a.charCodeAt(d) === b.charCodeAt(d)) d++
  return d
}

/**
 * Calls `found` for every item of `keys[from, to)` (sorted by code unit)
 * within the rows' `maxEdits` of their word, in order. The items are read in
 * place: a lexicon page's keys are one string, not a string each.
 */
export function walkNear(keys: StringList, from: number, to: number, rows: Rows, found: (i: number, edits: number) => void): void {
  const { maxEdits } = rows
  let previous = -1
  let depth = 0 // rows are valid for prefixes of item `previous` up to this length
  let i = from
  walk: while (i < to) {
    const length = keys.lengthOf(i)
    const start = previous < 0 ? 0 : keys.shared(i, previous, depth)
    // Each code unit read once: the one before is the last step's.
    let before = start > 0 ? keys.charCodeAt(i, start - 1) : NaN
    for (let d = start; d < length; d++) {
      const c = keys.charCodeAt(i, d)
      const low = rows.extend(c, before, d)
      before = c
      // A row and the one before it both out of reach: no string beginning so can come back within it.
      if (low > maxEdits && rows.least[d]! >= maxEdits) {
        previous = i
        depth = d
        // Past every item that begins as this one does up to here (a few, at most a step of keys).
        for (i++; i < to && keys.lengthOf(i) > d && keys.shared(i, previous, d + 1) === d + 1; i++);
        continue walk
      }
    }
    const edits = rows.distance(length)
    if (edits <= maxEdits) found(i, edits)
    previous = i
    depth = length
    i++
  }
}

/** How many first characters each string shares with the one before it (none for the first). */
export function sharedStarts(strings: readonly string[]): Uint16Array {
  return Uint16Array.from(strings, (s, k) => (k === 0 ? 0 : shared(s, strings[k - 1]!, Math.min(s.length, strings[k - 1]!.length, 0xffff))))
}

/** For each of `starts` (a {@link sharedStarts}), the next place whose start is below its own (their count when none). */
export function nextLower(starts: ArrayLike<number>): Int32Array {
  const lower = new Int32Array(starts.length)
  const stack: number[] = []
  for (let k = starts.length - 1; k >= 0; k--) {
    while (stack.length > 0 && starts[stack[stack.length - 1]!]! >= starts[k]!) stack.pop()
    lower[k] = stack.length > 0 ? stack[stack.length - 1]! : starts.length
    stack.push(k)
  }
  return lower
}

/**
 * Strings to measure words against again and again (in any order, best when
 * neighbours share a start), with what walking them as a trie needs: each
 * one's {@link sharedStarts} and its {@link nextLower}. The strings stay,
 * words change: comparing them anew was most of the walk.
 */
export interface Prefixes {
  strings: readonly string[]
  starts: Uint16Array
  lower: Int32Array
}

export function prefixesOf(strings: readonly string[]): Prefixes {
  const starts = sharedStarts(strings)
  return { strings, starts, lower: nextLower(starts) }
}

/**
 * For each of the prefixes, the fewest edits between the rows' word and any
 * string beginning with it: the least value of its row. Values above the
 * rows' `maxEdits` read as `maxEdits + 1`.
 */
export function prefixDistances({ strings: prefixes, starts, lower }: Prefixes, rows: Rows): Uint8Array {
  const { maxEdits } = rows
  const far = maxEdits + 1
  const out = new Uint8Array(prefixes.length)
  let depth = 0 // rows are valid for the previous prefix up to this length
  for (let k = 0; k < prefixes.length;) {
    const p = prefixes[k]!
    let d = Math.min(starts[k]!, depth)
    // Not past two rows out of reach (as walkNear): no string beginning so comes back within it.
    while (d < p.length && !(d > 0 && rows.least[d]! > maxEdits && rows.least[d - 1]! >= maxEdits)) {
      rows.extend(p.charCodeAt(d), d > 0 ? p.charCodeAt(d - 1) : NaN, d)
      d++
    }
    depth = d
    if (d === p.length) {
      out[k++] = Math.min(far, p.length === 0 ? 0 : rows.least[p.length]!)
      continue
    }
    // Out of reach at `d`, and so is every prefix after it sharing its first `d` characters: the run of starts not below `d`,
    // passed a run of higher starts at a time, not prefix by prefix (at 1 GB a typo visits 18,000 of the 32,324 steps' prefixes).
    let next = k + 1
    while (next < prefixes.length && starts[next]! >= d) next = lower[next]!
    out.fill(far, k, next)
    k = next
  }
  return out
}

/** Writing systems a typing slip stays within: a Latin word's slip is a Latin letter (or a digit), not a Cyrillic one. */
const SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Devanagari', 'Thai', 'Hangul', 'Hiragana', 'Katakana', 'Han']
  .map((script) => new RegExp(`^\\p{Script=${script}}$`, 'u'))

/** The writing system of a code unit: its place among {@link SCRIPTS}, or -1 for any other (digits, signs, systems not listed). */
export function scriptOf(unit: string): number {
  return SCRIPTS.findIndex((script) => script.test(unit))
}

/**
 * Every string one edit from `word` (a code unit left out, added or changed,
 * or two neighbours swapped), its added and changed code units drawn from
 * `alphabet`; each once, `word` itself never.
 */
export function oneEditAway(word: string, alphabet: string): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i)
    const after = word.slice(i)
    const rest = word.slice(i + 1)
    if (i < word.length) out.add(before + rest)
    if (i + 1 < word.length && word[i] !== word[i + 1]) out.add(before + word[i + 1] + word[i] + word.slice(i + 2))
    for (let k = 0; k < alphabet.length; k++) {
      const c = alphabet[k]!
      out.add(before + c + after)
      if (i < word.length && c !== word[i]) out.add(before + c + rest)
    }
  }
  return out
}
