/**
 * The pack: Folio's index file format, written by the build and read by the
 * worker. Named typed arrays and strings laid end to end in one buffer behind
 * a small JSON header, so that loading is viewing, not parsing: a typed array
 * is a view on the fetched bytes, a string list is one decode and a split.
 *
 *   "FOLIOPK1" | u32 header length | header JSON | padding to 8 | sections…
 *
 * The header names each section's type, offset and length; `meta` carries
 * whatever small JSON the reader needs besides.
 */

const MAGIC = 'FOLIOPK1'

export type SectionArray = Uint8Array | Uint16Array | Uint32Array | Float64Array

/** What a section holds: a typed array, or a list of strings (UTF-8, newline-joined). */
export type Section = SectionArray | readonly string[]

type SectionType = 'u8' | 'u16' | 'u32' | 'f64' | 'strings'

interface Header<M> {
  /** `count`: the number of strings in a string list (an empty list and one empty string look alike). */
  sections: Record<string, { type: SectionType; offset: number; bytes: number; count?: number }>
  meta: M
}

const ARRAYS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const

function typeOf(section: Section): SectionType {
  if (section instanceof Uint8Array) return 'u8'
  if (section instanceof Uint16Array) return 'u16'
  if (section instanceof Uint32Array) return 'u32'
  if (section instanceof Float64Array) return 'f64'
  return 'strings'
}

const pad8 = (n: number) => (n + 7) & ~7

/** Writes sections and meta into one buffer. A string list must not contain newlines. */
export function encodePack<M>(sections: Record<string, Section>, meta: M): Uint8Array {
  const encoder = new TextEncoder()
  const bodies: [string, SectionType, Uint8Array, number?][] = Object.entries(sections).map(([name, section]) => {
    const type = typeOf(section)
    if (type === 'strings') {
      const list = section as readonly string[]
      return [name, type, encoder.encode(list.join('\n')), list.length]
    }
    const array = section as SectionArray
    return [name, type, new Uint8Array(array.buffer, array.byteOffset, array.byteLength)]
  })
  const header: Header<M> = { sections: {}, meta }
  let offset = 0
  for (const [name, type, bytes, count] of bodies) {
    header.sections[name] = { type, offset, bytes: bytes.byteLength, ...(count !== undefined && { count }) }
    offset = pad8(offset + bytes.byteLength)
  }
  const headerBytes = encoder.encode(JSON.stringify(header))
  const start = pad8(MAGIC.length + 4 + headerBytes.byteLength)
  const out = new Uint8Array(start + offset)
  out.set(encoder.encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.byteLength, true)
  out.set(headerBytes, MAGIC.length + 4)
  for (const [name, , bytes] of bodies) out.set(bytes, start + header.sections[name]!.offset)
  return out
}

/** A read pack: sections as views on the buffer, decoded on first use. */
export class Pack<M> {
  readonly meta: M
  readonly #buffer: ArrayBuffer
  readonly #start: number
  readonly #sections: Header<M>['sections']

  /** Reads a pack from its bytes (copied first when they do not start on an 8-byte boundary, as typed arrays need). */
  constructor(source: ArrayBuffer | Uint8Array) {
    let bytes = source instanceof Uint8Array ? source : new Uint8Array(source)
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice()
    if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
      throw new Error('folio: not a Folio pack (bad magic)')
    }
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as Header<M>
    this.meta = header.meta
    this.#buffer = bytes.buffer as ArrayBuffer
    this.#start = bytes.byteOffset + pad8(MAGIC.length + 4 + length)
    this.#sections = header.sections
  }

  #section(name: string, type: SectionType) {
    const s = this.#sections[name]
    if (!s || s.type !== type) throw new Error(`folio: the pack has no ${type} section ${name}`)
    return s
  }

  array<T extends keyof typeof ARRAYS>(name: string, type: T): InstanceType<(typeof ARRAYS)[T]> {
    const s = this.#section(name, type)
    const Array = ARRAYS[type]
    return new Array(this.#buffer, this.#start + s.offset, s.bytes / Array.BYTES_PER_ELEMENT) as InstanceType<(typeof ARRAYS)[T]>
  }

  strings(name: string): string[] {
    const s = this.#section(name, 'strings')
    if (s.count === 0) return []
    return new TextDecoder().decode(new Uint8Array(this.#buffer, this.#start + s.offset, s.bytes)).split('\n')
  }
}
