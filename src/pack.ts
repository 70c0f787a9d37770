/**
 * The pack: Folio's index file format, written by the build and read by the
 * worker. Named typed arrays and strings laid end to end in one buffer behind
 * a small JSON header, so that loading is viewing, not parsing: a typed array
 * is a view on the fetched bytes, a string list is one decode and a split.
 *
 *   "FOLIOPK1" | u32 header length | header JSON | padding to 8 | sections…
 *
 * Every kind of pack is declared once by a {@link PackSchema} (src/format/packs.ts):
 * its name, the index format it belongs to, and each section's element type.
 * The writer and the reader are both typed from it, and the reader refuses a
 * pack of another kind or format, as MiniSearch refuses a serialization of
 * another version.
 */

import { StringList } from './string-list'

const MAGIC = 'FOLIOPK1'

export type ElementType = 'u8' | 'u16' | 'u32' | 'f64' | 'strings'

export interface SectionSpec {
  type: ElementType
  /** What the section holds, for whoever reads the format. */
  about: string
}

/** One kind of pack: its sections, and the meta (small JSON) it carries besides (`M`, a type only). */
export interface PackSchema<S extends Record<string, SectionSpec> = Record<string, SectionSpec>, M = unknown> {
  name: string
  /** The index format the pack belongs to (src/format/layout.ts). */
  format: number
  sections: S
  /** Never set: carries the meta's type. */
  readonly meta?: M
}

/** Declares a kind of pack; `M` is the type of its meta. */
export function packSchema<M = Record<string, never>>() {
  return <const S extends Record<string, SectionSpec>>(name: string, format: number, sections: S): PackSchema<S, M> => ({ name, format, sections })
}

/** What a section of element type `T` holds: a typed array, or a list of strings (UTF-8, newline-joined). */
export type Element<T extends ElementType> = T extends 'u8' ? Uint8Array
  : T extends 'u16' ? Uint16Array
  : T extends 'u32' ? Uint32Array
  : T extends 'f64' ? Float64Array
  : string[]

type SpecsOf<P> = P extends PackSchema<infer S, unknown> ? S : never
export type MetaOf<P> = P extends PackSchema<Record<string, SectionSpec>, infer M> ? M : never
/** Every section of a kind of pack, as the writer gives them. */
export type Sections<P extends PackSchema> = { [K in keyof SpecsOf<P>]: Written<SpecsOf<P>[K]['type']> }
type Written<T extends ElementType> = T extends 'strings' ? readonly string[] : Element<T>
/** The names of a kind of pack's string-list sections. */
type StringSections<P> = { [K in keyof SpecsOf<P>]: SpecsOf<P>[K]['type'] extends 'strings' ? K : never }[keyof SpecsOf<P>] & string

interface Header {
  pack: string
  format: number
  /** `count`: the number of strings in a string list (an empty list and one empty string look alike). */
  sections: Record<string, { type: ElementType; offset: number; bytes: number; count?: number }>
  meta: unknown
}

const ARRAYS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const

function typeOf(section: Written<ElementType>): ElementType {
  if (section instanceof Uint8Array) return 'u8'
  if (section instanceof Uint16Array) return 'u16'
  if (section instanceof Uint32Array) return 'u32'
  if (section instanceof Float64Array) return 'f64'
  return 'strings'
}

const pad8 = (n: number) => (n + 7) & ~7

/** Writes a pack of `schema`'s kind. A string list must not contain newlines. */
export function encodePack<P extends PackSchema>(schema: P, sections: Sections<P>, meta: MetaOf<P>): Uint8Array {
  const encoder = new TextEncoder()
  const bodies = Object.entries(schema.sections).map(([name, spec]) => {
    const section = (sections as Record<string, Written<ElementType>>)[name]!
    const type = typeOf(section)
    // The types say so; a section built at run time (a list of file names) is checked all the same.
    if (type !== spec.type) throw new Error(`folio: pack ${schema.name} section ${name} is ${type}, not ${spec.type}`)
    if (type === 'strings') {
      const list = section as readonly string[]
      return { name, type, bytes: encoder.encode(list.join('\n')), count: list.length }
    }
    const array = section as Exclude<Written<ElementType>, readonly string[]>
    return { name, type, bytes: new Uint8Array(array.buffer, array.byteOffset, array.byteLength) }
  })
  const header: Header = { pack: schema.name, format: schema.format, sections: {}, meta }
  let offset = 0
  for (const { name, type, bytes, count } of bodies) {
    header.sections[name] = { type, offset, bytes: bytes.byteLength, ...(count !== undefined && { count }) }
    offset = pad8(offset + bytes.byteLength)
  }
  const headerBytes = encoder.encode(JSON.stringify(header))
  const start = pad8(MAGIC.length + 4 + headerBytes.byteLength)
  const out = new Uint8Array(start + offset)
  out.set(encoder.encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.byteLength, true)
  out.set(headerBytes, MAGIC.length + 4)
  for (const { name, bytes } of bodies) out.set(bytes, start + header.sections[name]!.offset)
  return out
}

/** A read pack of `schema`'s kind: sections as views on the buffer. */
export class Pack<P extends PackSchema> {
  readonly meta: MetaOf<P>
  readonly #schema: P
  readonly #buffer: ArrayBuffer
  readonly #start: number
  readonly #sections: Header['sections']

  /** Reads a pack from its bytes (copied first when they do not start on an 8-byte boundary, as typed arrays need). */
  constructor(schema: P, source: ArrayBuffer | Uint8Array) {
    let bytes = source instanceof Uint8Array ? source : new Uint8Array(source)
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice()
    if (bytes.byteLength < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
      throw new Error('not a Folio pack (bad magic)')
    }
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true)
    let header: Header
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as Header
    } catch {
      throw new Error('the pack header is not JSON')
    }
    if (header.pack !== schema.name) throw new Error(`a ${String(header.pack)} pack, not the ${schema.name} pack expected`)
    if (header.format !== schema.format) throw new Error(`a pack of index format ${String(header.format)}; this worker reads format ${schema.format}`)
    this.meta = header.meta as MetaOf<P>
    this.#schema = schema
    this.#buffer = bytes.buffer as ArrayBuffer
    this.#start = bytes.byteOffset + pad8(MAGIC.length + 4 + length)
    this.#sections = header.sections
  }

  /** A section, as its schema types it. */
  get<K extends keyof SpecsOf<P> & string>(name: K): Element<SpecsOf<P>[K]['type']> {
    const type = this.#schema.sections[name]!.type
    if (type === 'strings') return (this.#text(name)?.split('\n') ?? []) as Element<SpecsOf<P>[K]['type']>
    const s = this.#section(name, type)
    const Array = ARRAYS[type]
    return new Array(this.#buffer, this.#start + s.offset, s.bytes / Array.BYTES_PER_ELEMENT) as Element<SpecsOf<P>[K]['type']>
  }

  /** A list of strings, as one string and its items' starts ({@link StringList}): no object per item. */
  list(name: StringSections<P>): StringList {
    return StringList.of(this.#text(name))
  }

  /** A string list's items, newline-joined; `undefined` for an empty list. */
  #text(name: string): string | undefined {
    const s = this.#section(name, 'strings')
    return s.count === 0 ? undefined : new TextDecoder().decode(new Uint8Array(this.#buffer, this.#start + s.offset, s.bytes))
  }

  #section(name: string, type: ElementType): Header['sections'][string] {
    const s = this.#sections[name]
    if (!s || s.type !== type || this.#schema.sections[name]?.type !== type || this.#start + s.offset + s.bytes > this.#buffer.byteLength) {
      throw new Error(`the pack has no ${type} section ${name}`)
    }
    return s
  }
}
