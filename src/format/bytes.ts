/**
 * Bytes in, bytes out: the small codec every file of the paged index is
 * written and read with. Integers are unsigned LEB128 varints (up to 2^53,
 * so that byte offsets into a terabyte stream fit), floats are little-endian
 * f32, strings are a varint length and UTF-8.
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class ByteWriter {
  #buffer = new Uint8Array(256)
  #length = 0

  get length(): number {
    return this.#length
  }

  #room(n: number): void {
    if (this.#length + n <= this.#buffer.length) return
    let size = this.#buffer.length * 2
    while (size < this.#length + n) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.#buffer.subarray(0, this.#length))
    this.#buffer = grown
  }

  u8(n: number): this {
    this.#room(1)
    this.#buffer[this.#length++] = n
    return this
  }

  /** A little-endian unsigned integer of `width` bytes (1–4). */
  fixed(n: number, width: number): this {
    this.#room(width)
    for (let i = 0; i < width; i++) this.#buffer[this.#length++] = (n >>> (8 * i)) & 0xff
    return this
  }

  varint(n: number): this {
    this.#room(8)
    while (n >= 0x80) {
      this.#buffer[this.#length++] = (n % 0x80) | 0x80
      n = Math.floor(n / 0x80)
    }
    this.#buffer[this.#length++] = n
    return this
  }

  f32(x: number): this {
    this.#room(4)
    new DataView(this.#buffer.buffer).setFloat32(this.#length, x, true)
    this.#length += 4
    return this
  }

  bytes(b: Uint8Array): this {
    this.#room(b.length)
    this.#buffer.set(b, this.#length)
    this.#length += b.length
    return this
  }

  string(s: string): this {
    const b = encoder.encode(s)
    return this.varint(b.length).bytes(b)
  }

  /** The bytes written so far (a copy: the writer may go on). */
  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length)
  }
}

export class ByteReader {
  at: number
  readonly #view: DataView

  constructor(
    readonly bytes: Uint8Array,
    at = 0,
  ) {
    this.at = at
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  u8(): number {
    return this.bytes[this.at++]!
  }

  fixed(width: number): number {
    let n = 0
    for (let i = 0; i < width; i++) n |= this.bytes[this.at++]! << (8 * i)
    return n >>> 0
  }

  varint(): number {
    const b = this.bytes
    let byte = b[this.at++]!
    if (byte < 0x80) return byte
    let n = byte & 0x7f
    let scale = 0x80
    do {
      byte = b[this.at++]!
      n += (byte & 0x7f) * scale
      scale *= 0x80
    } while (byte >= 0x80)
    return n
  }

  /** Moves past `n` varints without reading their values. */
  skipVarints(n: number): void {
    const b = this.bytes
    for (; n > 0; n--) while (b[this.at++]! >= 0x80);
  }

  f32(): number {
    const x = this.#view.getFloat32(this.at, true)
    this.at += 4
    return x
  }

  bytesOf(n: number): Uint8Array {
    const out = this.bytes.subarray(this.at, this.at + n)
    this.at += n
    return out
  }

  string(): string {
    return decoder.decode(this.bytesOf(this.varint()))
  }
}

/** The smallest f32 not below `x`: a bound stored as f32 must not shrink. */
export function f32Above(x: number): number {
  const f = Math.fround(x)
  if (f >= x) return f
  const view = new DataView(new ArrayBuffer(4))
  view.setFloat32(0, f)
  view.setUint32(0, view.getUint32(0) + (f >= 0 ? 1 : -1))
  return view.getFloat32(0)
}

/** Bytes needed for an unsigned integer below 2^32 written at a fixed width. */
export function widthOf(max: number): 1 | 2 | 3 | 4 {
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : max < 0x1000000 ? 3 : 4
}
