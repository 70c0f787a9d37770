/**
 * Sorted runs: what a segment of the build leaves on disk for the final
 * merge, so that the build holds one segment in memory, not the corpus.
 *
 *   run    = "FOLIORN1" | units | words | terms
 *   units  = count, then per unit: length (MiniSearch's), code (kind and document type)
 *   words  = count, then per word: word, units holding it, spellings (text, count)…
 *   terms  = count, then per term, sorted by code unit: record bytes, record
 *   record = term, postings count, per posting: unit delta and tf,
 *            then per occurrence: position delta and word (an index into words)
 *
 * Units and words are numbered within the run; the merge rebases them.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { ByteReader, ByteWriter } from '../src/format/bytes'

const MAGIC = new TextEncoder().encode('FOLIORN1')
/** Bytes buffered by a writer before it writes, and by a reader at once (more for a longer record). */
const CHUNK = 1 << 20

/** Writes a file through a buffer, in order. */
export class RunWriter {
  readonly #fd: number
  #chunk = new ByteWriter()

  constructor(path: string) {
    this.#fd = openSync(path, 'w')
    this.#chunk.bytes(MAGIC)
  }

  /** Writes `bytes` as they are. */
  raw(bytes: Uint8Array): void {
    this.#chunk.bytes(bytes)
    if (this.#chunk.length >= CHUNK) this.#flush()
  }

  /** Writes a record: its length, then its bytes. */
  record(bytes: Uint8Array): void {
    this.raw(new ByteWriter().varint(bytes.length).finish())
    this.raw(bytes)
  }

  #flush(): void {
    const bytes = this.#chunk.finish()
    for (let at = 0; at < bytes.length; ) at += writeSync(this.#fd, bytes, at)
    this.#chunk = new ByteWriter()
  }

  close(): void {
    this.#flush()
    closeSync(this.#fd)
  }
}

/** A word of a run, with what the run saw of it. */
export interface RunWord {
  word: string
  /** Units of the run whose text holds it. */
  units: number
  spellings: [string, number][]
}

/** One term's postings in a run, units and words numbered within the run. */
export interface RunTerm {
  term: string
  units: Uint32Array
  tfs: Uint32Array
  /** Posting `i`'s occurrences are `positions[start[i]]` to `positions[start[i + 1] - 1]`. */
  start: Uint32Array
  positions: Uint32Array
  words: Uint32Array
}

/** Reads a run in order: its unit and word tables at once, its terms one at a time. */
export class RunReader {
  readonly lengths: Uint32Array
  readonly codes: Uint8Array
  readonly words: RunWord[] = []
  /** The current term and its undecoded record, or undefined at the end. */
  term: string | undefined
  #record: ByteReader | undefined
  #termsLeft: number
  readonly #fd: number
  #buffer = new Uint8Array(CHUNK)
  #at = 0
  #end = 0
  #eof = false

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'r')
    const magic = this.#take(MAGIC.length)
    if (magic.some((b, i) => b !== MAGIC[i])) throw new Error(`folio: ${path} is not a Folio run`)
    const header = this.#nextRecord()
    const units = header.varint()
    this.lengths = new Uint32Array(units)
    this.codes = new Uint8Array(units)
    for (let u = 0; u < units; u++) {
      this.lengths[u] = header.varint()
      this.codes[u] = header.u8()
    }
    for (let w = header.varint(); w > 0; w--) {
      const word = header.string()
      const count = header.varint()
      const spellings: [string, number][] = []
      for (let n = header.varint(); n > 0; n--) spellings.push([header.string(), header.varint()])
      this.words.push({ word, units: count, spellings })
    }
    this.#termsLeft = header.varint()
    this.advance()
  }

  /** Moves to the next term. */
  advance(): void {
    if (this.#termsLeft === 0) {
      this.term = undefined
      this.#record = undefined
      closeSync(this.#fd)
      return
    }
    this.#termsLeft--
    this.#record = this.#nextRecord()
    this.term = this.#record.string()
  }

  /** The current term's postings. */
  postings(): RunTerm {
    const r = this.#record!
    const n = r.varint()
    const units = new Uint32Array(n)
    const tfs = new Uint32Array(n)
    const start = new Uint32Array(n + 1)
    let unit = -1
    let occurrences = 0
    for (let i = 0; i < n; i++) {
      unit += r.varint()
      units[i] = unit
      tfs[i] = r.varint()
      start[i] = occurrences
      occurrences += tfs[i]!
    }
    start[n] = occurrences
    const positions = new Uint32Array(occurrences)
    const words = new Uint32Array(occurrences)
    for (let i = 0; i < n; i++) {
      let position = -1
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        position += r.varint()
        positions[k] = position
        words[k] = r.varint()
      }
    }
    return { term: this.term!, units, tfs, start, positions, words }
  }

  /** The next length-prefixed record, as a reader of its own bytes. */
  #nextRecord(): ByteReader {
    this.#fill(10)
    const r = new ByteReader(this.#buffer.subarray(0, this.#end), this.#at)
    const length = r.varint()
    this.#at = r.at
    return new ByteReader(this.#take(length).slice())
  }

  #take(n: number): Uint8Array {
    this.#fill(n)
    if (this.#end - this.#at < n) throw new Error(`folio: ${this.path} ends early`)
    const out = this.#buffer.subarray(this.#at, this.#at + n)
    this.#at += n
    return out
  }

  #fill(n: number): void {
    if (this.#end - this.#at >= n || this.#eof) return
    if (n > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(n, this.#buffer.length * 2))
      grown.set(this.#buffer.subarray(this.#at, this.#end))
      this.#end -= this.#at
      this.#at = 0
      this.#buffer = grown
    } else {
      this.#buffer.copyWithin(0, this.#at, this.#end)
      this.#end -= this.#at
      this.#at = 0
    }
    while (this.#end < this.#buffer.length && this.#end - this.#at < Math.max(n, CHUNK / 2)) {
      const read = readSync(this.#fd, this.#buffer, this.#end, this.#buffer.length - this.#end, null)
      if (read === 0) {
        this.#eof = true
        break
      }
      this.#end += read
    }
  }
}
