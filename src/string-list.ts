/**
 * A list of strings held as one string and where each item starts. A string
 * per item is an object for every major collection to mark: at 1 GB the
 * documents' and persons' ids were 300,000 of them, and in a busy isolate
 * the queries that met a collection took 50–110 ms, twice the others' worst.
 * An item is made when asked for; comparing one makes nothing.
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
    if (!(i >= 0 && i < this.length)) return false
    const start = this.#starts[i]!
    return this.#starts[i + 1]! - 1 - start === s.length && this.#text.startsWith(s, start)
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
