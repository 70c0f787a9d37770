/**
 * A list of strings held as one string and where each item starts. A string
 * per item is an object for every major collection to mark: at 1 GB the
 * documents' and persons' ids were 300,000 of them, and in a busy isolate
 * the queries that met a collection took 50–110 ms, twice the others' worst.
 * An item is made when asked for; comparing, measuring or searching one
 * makes nothing (a lexicon page's keys are walked this way by typo queries).
 */
export class StringList implements Iterable<string> {
  readonly length: number
  readonly #text: string
  /** Item `i` is `#text` from `#starts[i]` to `#starts[i + 1] - 1` (a separator after each item). */
  readonly #starts: Uint32Array

  private constructor(text: string, starts: Uint32Array) {
    this.#text = text
    this.#starts = starts
    this.length = starts.length - 1
  }

  /** The items of `text`, each ended by a newline but the last; none when `text` is `undefined`. */
  static of(text: string | undefined): StringList {
    if (text === undefined) return new StringList('', new Uint32Array(1))
    let count = 1
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++
    const starts = new Uint32Array(count + 1)
    let i = 1
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[i++] = at + 1
    starts[count] = text.length + 1
    return new StringList(text, starts)
  }

  at(i: number): string | undefined {
    return i >= 0 && i < this.length ? this.#text.slice(this.#starts[i], this.#starts[i + 1]! - 1) : undefined
  }

  /** Whether item `i` is `s`. */
  is(i: number, s: string): boolean {
    return i >= 0 && i < this.length && this.lengthOf(i) === s.length && this.#text.startsWith(s, this.#starts[i])
  }

  /** The length of item `i`. */
  lengthOf(i: number): number {
    return this.#starts[i + 1]! - 1 - this.#starts[i]!
  }

  /** The code unit at `d` of item `i` (`NaN` past its end). */
  charCodeAt(i: number, d: number): number {
    return d < this.lengthOf(i) ? this.#text.charCodeAt(this.#starts[i]! + d) : NaN
  }

  /** Whether item `i` begins with `prefix`. */
  startsWith(i: number, prefix: string): boolean {
    return prefix.length <= this.lengthOf(i) && this.#text.startsWith(prefix, this.#starts[i])
  }

  /** How many first code units items `i` and `j` share, up to `limit`. */
  shared(i: number, j: number, limit: number): number {
    const a = this.#starts[i]!
    const b = this.#starts[j]!
    const most = Math.min(limit, this.lengthOf(i), this.lengthOf(j))
    let d = 0
    while (d < most && this.#text.charCodeAt(a + d) === this.#text.charCodeAt(b + d)) d++
    return d
  }

  /** Whether item `i` sorts before `key` (by code unit, as `<` compares strings). */
  below(i: number, key: string): boolean {
    const start = this.#starts[i]!
    const length = this.lengthOf(i)
    const n = Math.min(length, key.length)
    for (let d = 0; d < n; d++) {
      const a = this.#text.charCodeAt(start + d)
      const b = key.charCodeAt(d)
      if (a !== b) return a < b
    }
    return length < key.length
  }

  /** The first place, from `from`, whose item is not below `key`, in a list sorted by code unit (galloping: skips are mostly short). */
  lowerBound(key: string, from = 0, to = this.length): number {
    let lo = from
    let step = 1
    while (lo + step < to && this.below(lo + step, key)) {
      lo += step
      step *= 2
    }
    let hi = Math.min(to, lo + step)
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.below(mid, key)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Bytes it holds, about: its text at two a code unit, and its offsets. */
  get bytes(): number {
    return this.#text.length * 2 + this.#starts.byteLength
  }

  indexOf(s: string): number {
    for (let i = 0; i < this.length; i++) if (this.is(i, s)) return i
    return -1
  }

  includes(s: string): boolean {
    return this.indexOf(s) >= 0
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!
  }
}
