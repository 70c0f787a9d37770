/**
 * A segment of the inverted index, built in memory from a bounded share of
 * the corpus and written out as a sorted run (index/runs.ts) for the final
 * merge: the build's memory follows the segment, not the corpus (Lucene's
 * and tantivy's segments).
 *
 * Why not a MiniSearch index per segment: MiniSearch keeps no positions, and
 * phrases are read from positions; tokenizing once for both is half the
 * work. The arithmetic stays MiniSearch's: a unit's length is its distinct
 * words as written, a term's frequency its occurrences (a test compares the
 * scores with MiniSearch's on the same units).
 */
import { ByteWriter } from '../src/format/bytes'
import { analyze } from '../src/text'
import { RunWriter } from './runs'

/** Words one unit may hold: positions and the sort below take 24 bits. */
export const MAX_WORDS = 0x1000000

/** What the index holds of one unit. */
export interface IndexedUnit {
  /** The unit's clean text. */
  text: string
  /**
   * Surnames of the persons its markup tags, indexed after the text (so that
   * `Rusk` finds `Dear Dean:`) at positions no phrase can span.
   */
  surnames: readonly string[]
  /** Its kind and its document's type (src/rank.ts). */
  code: number
}

/** A growable typed array. */
class Column<T extends Uint32Array | Uint8Array> {
  length = 0
  constructor(public data: T) {}

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => T)(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = x
  }
}

interface WordStat {
  word: string
  units: number
  /** The last unit counted, so that a unit counts once. */
  last: number
  spellings: Map<string, number>
}

export class Segment {
  units = 0
  readonly #lengths = new Column(new Uint32Array(1024))
  readonly #codes = new Column(new Uint8Array(1024))
  readonly #wordIds = new Map<string, number>()
  readonly #words: WordStat[] = []
  readonly #termIds = new Map<string, number>()
  readonly #terms: string[] = []
  // Postings, in the order units came: term, unit, tf, first occurrence.
  readonly #postingTerm = new Column(new Uint32Array(1 << 16))
  readonly #postingUnit = new Column(new Uint32Array(1 << 16))
  readonly #postingTf = new Column(new Uint32Array(1 << 16))
  readonly #postingStart = new Column(new Uint32Array(1 << 16))
  // Occurrences: position and word.
  readonly #position = new Column(new Uint32Array(1 << 16))
  readonly #word = new Column(new Uint32Array(1 << 16))
  #keys = new Float64Array(1024)

  /** `termOf` maps a folded word to its term (memoized by the caller: stemming is the costly part). */
  constructor(readonly termOf: (word: string) => string) {}

  /** Bytes this segment holds, roughly: postings, occurrences and the word table. */
  get bytes(): number {
    return this.#postingTerm.length * 16 + this.#position.length * 8 + this.#words.length * 96
  }

  add(unit: IndexedUnit): void {
    const u = this.units++
    const text = unit.surnames.length === 0 ? unit.text : `${unit.text}\n${unit.surnames.join('\n')}`
    const { tokens, length } = analyze(text, this.termOf)
    this.#lengths.push(length)
    this.#codes.push(unit.code)
    const n = tokens.length
    if (n >= MAX_WORDS) throw new RangeError(`folio: a unit of ${n} words; the most a unit may hold is ${MAX_WORDS - 1}`)
    if (this.#keys.length < n) this.#keys = new Float64Array(n * 2)
    const keys = this.#keys.subarray(0, n)
    const words = new Uint32Array(n)
    let inText = 0
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!
      let id = this.#wordIds.get(t.word)
      if (id === undefined) {
        id = this.#words.push({ word: t.word, units: 0, last: -1, spellings: new Map() }) - 1
        this.#wordIds.set(t.word, id)
      }
      words[k] = id
      if (t.start < unit.text.length) {
        inText++
        const stat = this.#words[id]!
        if (stat.last !== u) {
          stat.last = u
          stat.units++
        }
        const spelling = text.slice(t.start, t.end)
        stat.spellings.set(spelling, (stat.spellings.get(spelling) ?? 0) + 1)
      }
      let term = this.#termIds.get(t.term)
      if (term === undefined) {
        term = this.#terms.push(t.term) - 1
        this.#termIds.set(t.term, term)
      }
      // Sorting term·2^24 + token groups the tokens by term, in text order.
      keys[k] = term * MAX_WORDS + k
    }
    keys.sort()
    for (let i = 0; i < n; ) {
      const term = Math.floor(keys[i]! / MAX_WORDS)
      let j = i
      while (j < n && Math.floor(keys[j]! / MAX_WORDS) === term) j++
      this.#postingTerm.push(term)
      this.#postingUnit.push(u)
      this.#postingTf.push(j - i)
      this.#postingStart.push(this.#position.length)
      for (let x = i; x < j; x++) {
        const k = keys[x]! % MAX_WORDS
        // Text tokens stand at their index; surnames after a gap, two apart, so that no phrase spans them.
        this.#position.push(k < inText ? k : inText + 1 + 2 * (k - inText))
        this.#word.push(words[k]!)
      }
      i = j
    }
  }

  /** Writes the segment as a sorted run. */
  write(path: string): void {
    const run = new RunWriter(path)
    const header = new ByteWriter().varint(this.units)
    for (let u = 0; u < this.units; u++) header.varint(this.#lengths.data[u]!).u8(this.#codes.data[u]!)
    header.varint(this.#words.length)
    for (const w of this.#words) {
      header.string(w.word).varint(w.units).varint(w.spellings.size)
      for (const [spelling, count] of w.spellings) header.string(spelling).varint(count)
    }
    header.varint(this.#terms.length)
    run.record(header.finish())

    // Postings grouped by term (a counting sort keeps each term's in unit order), terms in code-unit order.
    const postings = this.#postingTerm.length
    const first = new Uint32Array(this.#terms.length + 1)
    for (let i = 0; i < postings; i++) first[this.#postingTerm.data[i]! + 1]!++
    for (let t = 0; t < this.#terms.length; t++) first[t + 1]! += first[t]!
    const order = new Uint32Array(postings)
    const next = first.slice(0, this.#terms.length)
    for (let i = 0; i < postings; i++) order[next[this.#postingTerm.data[i]!]!++] = i
    const sorted = [...this.#terms.keys()].sort((a, b) => (this.#terms[a]! < this.#terms[b]! ? -1 : 1))
    for (const t of sorted) {
      const record = new ByteWriter().string(this.#terms[t]!).varint(first[t + 1]! - first[t]!)
      let previous = -1
      for (let k = first[t]!; k < first[t + 1]!; k++) {
        const p = order[k]!
        record.varint(this.#postingUnit.data[p]! - previous).varint(this.#postingTf.data[p]!)
        previous = this.#postingUnit.data[p]!
      }
      for (let k = first[t]!; k < first[t + 1]!; k++) {
        const p = order[k]!
        let position = -1
        const from = this.#postingStart.data[p]!
        for (let o = from; o < from + this.#postingTf.data[p]!; o++) {
          record.varint(this.#position.data[o]! - position).varint(this.#word.data[o]!)
          position = this.#position.data[o]!
        }
      }
      run.record(record.finish())
    }
    run.close()
  }
}
