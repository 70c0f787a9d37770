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

/** Distance rows of `word` against a string, grown one character at a time (reusable from one walk to the next). */
export class Rows {
  readonly width: number
  rows: Int32Array
  /** The least value of each row: no string going through it can come back below. */
  least: Int32Array

  constructor(readonly word: string) {
    this.width = word.length + 1
    this.rows = new Int32Array(this.width * 64)
    this.least = new Int32Array(64)
    for (let j = 0; j <= word.length; j++) this.rows[j] = j
  }

  /** Computes row `d + 1` for character `c` of string `s` (rows up to `d` valid); returns its least value. */
  extend(s: string, d: number): number {
    if (d + 2 > this.least.length) {
      const size = (d + 2) * 2
      const rows = new Int32Array(size * this.width)
      rows.set(this.rows)
      this.rows = rows
      const least = new Int32Array(size)
      least.set(this.least)
      this.least = least
    }
    const { word, width, rows } = this
    const m = word.length
    const above = d * width
    const here = above + width
    const c = s.charCodeAt(d)
    rows[here] = d + 1
    let low = d + 1
    for (let j = 1; j <= m; j++) {
      let v = Math.min(rows[above + j]! + 1, rows[here + j - 1]! + 1, rows[above + j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1))
      if (d > 0 && j > 1 && c === word.charCodeAt(j - 2) && s.charCodeAt(d - 1) === word.charCodeAt(j - 1)) {
        v = Math.min(v, rows[above - width + j - 2]! + 1)
      }
      rows[here + j] = v
      if (v < low) low = v
    }
    this.least[d + 1] = low
    return low
  }

  /** The distance of the whole word to the string whose rows reach depth `d`. */
  distance(d: number): number {
    return this.rows[d * this.width + this.word.length]!
  }
}

const shared = (a: string, b: string, limit: number) => {
  let d = 0
  while (d < limit && a.charCodeAt(d) === b.charCodeAt(d)) d++
  return d
}

/**
 * Calls `found` for every string of `keys[from, to)` (sorted by code unit)
 * within `maxEdits` of the rows' word, in order.
 */
export function walkNear(
  keys: readonly string[],
  from: number,
  to: number,
  rows: Rows,
  maxEdits: number,
  found: (i: number, edits: number) => void,
): void {
  let previous = ''
  let depth = 0 // rows are valid for prefixes of `previous` up to this length
  let i = from
  walk: while (i < to) {
    const w = keys[i]!
    for (let d = shared(w, previous, Math.min(depth, w.length)); d < w.length; d++) {
      const low = rows.extend(w, d)
      // A row and the one before it both out of reach: no string beginning so can come back within it.
      if (low > maxEdits && rows.least[d]! >= maxEdits) {
        previous = w
        depth = d
        // Past every string that begins as `w` does up to here (a few, at most a step of keys).
        for (i++; i < to && keys[i]!.length > d && shared(keys[i]!, w, d + 1) === d + 1; i++);
        continue walk
      }
    }
    const edits = rows.distance(w.length)
    if (edits <= maxEdits) found(i, edits)
    previous = w
    depth = w.length
    i++
  }
}

/**
 * For each of `prefixes` (in any order, best when neighbours share a start),
 * the fewest edits between the rows' word and any string beginning with it: the
 * least value of its row. Values above `maxEdits` read as `maxEdits + 1`.
 */
export function prefixDistances(prefixes: readonly string[], rows: Rows, maxEdits: number): Uint8Array {
  const out = new Uint8Array(prefixes.length)
  let previous = ''
  prefixes.forEach((p, k) => {
    let d = shared(p, previous, Math.min(p.length, previous.length))
    for (; d < p.length; d++) rows.extend(p, d)
    out[k] = Math.min(maxEdits + 1, p.length === 0 ? 0 : rows.least[p.length]!)
    previous = p
  })
  return out
}

/** The first position of sorted `keys` whose key is not below `key`, searching from `from` (galloping: skips are mostly short). */
export function lowerBound(keys: readonly string[], key: string, from = 0, to = keys.length): number {
  let lo = from
  let step = 1
  while (lo + step < to && keys[lo + step]! < key) {
    lo += step
    step *= 2
  }
  let hi = Math.min(to, lo + step)
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
