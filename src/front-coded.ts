/**
 * A list of strings front-coded in blocks, as Lucene keeps its terms: each
 * item but a block's first is written as how many bytes it shares with the
 * item before and the bytes that follow. The documents' ids are this way:
 * neighbours share their volume (`frus1964-68v29p2d12`, `…d13`), and at 1 GB
 * the 271,054 ids took 4.6 MB as text in the resident file and as much again
 * as the string read from it; front-coded they take 0.6 MB and make no string
 * until one is asked for (a hit's, a facet value's, a step of a bisection).
 */
import { ByteReader, ByteWriter } from './format/bytes'

/** Items per block: an item is decoded from its block's first, through at most this many. */
export const FRONT_BLOCK = 16

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** The list as stored: its count and blocks end to end (`bytes`), and where each block starts (`blocks`). */
export interface FrontCodedData {
  bytes: Uint8Array
  blocks: Uint32Array
}

export function frontCode(items: readonly string[]): FrontCodedData {
  const out = new ByteWriter().varint(items.length)
  const blocks = new Uint32Array(Math.ceil(items.length / FRONT_BLOCK))
  let previous: Uint8Array = new Uint8Array(0)
  items.forEach((item, i) => {
    const bytes = encoder.encode(item)
    let shared = 0
    if (i % FRONT_BLOCK === 0) blocks[i / FRONT_BLOCK] = out.length
    else while (shared < bytes.length && shared < previous.length && bytes[shared] === previous[shared]) shared++
    out.varint(shared).varint(bytes.length - shared).bytes(bytes.subarray(shared))
    previous = bytes
  })
  return { bytes: out.finish(), blocks }
}

export class FrontCodedList implements Iterable<string> {
  readonly length: number
  readonly #reader: ByteReader
  readonly #blocks: Uint32Array
  /** The item being decoded, as bytes (an id is some tens of bytes; it grows for a longer one). */
  #item = new Uint8Array(256)

  constructor({ bytes, blocks }: FrontCodedData) {
    this.#reader = new ByteReader(bytes)
    this.length = this.#reader.varint()
    this.#blocks = blocks
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined
    const r = this.#reader
    r.at = this.#blocks[Math.floor(i / FRONT_BLOCK)]!
    let length = 0
    for (let k = i - (i % FRONT_BLOCK); k <= i; k++) {
      const shared = r.varint()
      const rest = r.bytesOf(r.varint())
      length = shared + rest.length
      if (length > this.#item.length) {
        const grown = new Uint8Array(2 * length)
        grown.set(this.#item.subarray(0, shared))
        this.#item = grown
      }
      this.#item.set(rest, shared)
    }
    return decoder.decode(this.#item.subarray(0, length))
  }

  /** Whether item `i` is `s`. */
  is(i: number, s: string): boolean {
    return this.at(i) === s
  }

  /** Whether item `i` sorts before `key` (by code unit, as `<` compares strings). */
  below(i: number, key: string): boolean {
    return this.at(i)! < key
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!
  }
}
